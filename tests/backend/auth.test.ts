import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../../backend/index';
import { errorCode, gql, gqlData, login, startTestBackend } from '../support/backend-client';

const LOGIN = `mutation ($t: String!, $e: String!, $p: String!) { login(tenant: $t, email: $e, password: $p) { accessToken refreshToken expiresAt staff { name role } } }`;
const REFRESH = `mutation ($r: String!) { refreshSession(refreshToken: $r) { accessToken refreshToken staff { name } } }`;

let backend: RunningBackend;
let url: string;

beforeAll(async () => {
  backend = await startTestBackend({ accessTokenTtlSeconds: 5 });
  url = backend.url;
});
afterAll(() => backend?.stop());

describe('sign-in', () => {
  it('signs in a demo admin with a short-lived access token and a refresh token', async () => {
    const data = await gqlData(url, LOGIN, { t: 'demo', e: 'ada@demo.test', p: 'demo-pass-2026' });
    expect(data.login.staff).toEqual({ name: 'Ada Lovelace', role: 'ADMINISTRATOR' });
    const ttl = Date.parse(data.login.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(5_000);
    const me = await gqlData(
      url,
      `{ me { email role tenant { id enquiryMonitoring } } }`,
      {},
      data.login.accessToken,
    );
    expect(me.me).toEqual({
      email: 'ada@demo.test',
      role: 'ADMINISTRATOR',
      tenant: { id: 'demo', enquiryMonitoring: true },
    });
  });

  it('refuses a wrong password or unknown account with UNAUTHENTICATED, the same message for both', async () => {
    const wrong = await gql(url, LOGIN, { t: 'demo', e: 'grace@demo.test', p: 'nope' });
    const unknown = await gql(url, LOGIN, { t: 'demo', e: 'nobody@demo.test', p: 'nope' });
    expect(errorCode(wrong)).toBe('UNAUTHENTICATED');
    expect(errorCode(unknown)).toBe('UNAUTHENTICATED');
    expect(wrong.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);
    // Another tenant's account does not sign in to this one.
    expect(errorCode(await gql(url, LOGIN, { t: 'demo', e: 'basil@basic.test', p: 'demo-pass-2026' }))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('rate-limits repeated failed sign-ins for one account', async () => {
    const codes: (string | null)[] = [];
    for (let i = 0; i < 12; i++)
      codes.push(errorCode(await gql(url, LOGIN, { t: 'demo', e: 'margaret@demo.test', p: `bad-${i}` })));
    expect(codes.slice(0, 10).every((c) => c === 'UNAUTHENTICATED')).toBe(true);
    expect(codes.slice(10)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
    expect(
      errorCode(await gql(url, LOGIN, { t: 'demo', e: 'margaret@demo.test', p: 'demo-pass-2026' })),
    ).toBe('RATE_LIMITED');
  });

  it('requires a token, and refuses a forged or expired one', async () => {
    expect(errorCode(await gql(url, `{ me { id } }`))).toBe('UNAUTHENTICATED');
    expect(errorCode(await gql(url, `{ me { id } }`, {}, 'forged.token.here'))).toBe('UNAUTHENTICATED');
    const session = await login(url, 'demo', 'alan@demo.test');
    const [header, payload] = session.token.split('.');
    const tampered = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    tampered.role = 'ADMINISTRATOR';
    tampered.sub = 'someone-else';
    const forged = `${header}.${Buffer.from(JSON.stringify(tampered)).toString('base64url')}.${session.token.split('.')[2]}`;
    expect(errorCode(await gql(url, `{ me { id } }`, {}, forged))).toBe('UNAUTHENTICATED');
  });
});

describe('refresh', () => {
  it('rotates the refresh token: the new one works, the old one is refused', async () => {
    const session = await login(url, 'demo', 'linus@demo.test');
    const refreshed = (await gqlData(url, REFRESH, { r: session.refreshToken })).refreshSession;
    expect(refreshed.staff.name).toBe('Linus Torvalds');
    expect(refreshed.refreshToken).not.toBe(session.refreshToken);
    expect(errorCode(await gql(url, REFRESH, { r: session.refreshToken }))).toBe('UNAUTHENTICATED');
    expect((await gqlData(url, `{ me { name } }`, {}, refreshed.accessToken)).me.name).toBe('Linus Torvalds');
    expect(
      await gqlData(url, `mutation ($r: String!) { logout(refreshToken: $r) }`, {
        r: refreshed.refreshToken,
      }),
    ).toEqual({ logout: true });
    expect(errorCode(await gql(url, REFRESH, { r: refreshed.refreshToken }))).toBe('UNAUTHENTICATED');
  });
});

describe('cross-site access', () => {
  it('gives no browser origin CORS access by default', async () => {
    const preflight = await fetch(url, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const post = await fetch(url, {
      method: 'POST',
      headers: { origin: 'http://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers only to loopback host names when bound to loopback (no DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        url,
        { method: 'GET', path: '/healthz', headers: { host: 'evil.example:80' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
    const WebSocket = (await import('ws')).default;
    const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws', {
      headers: { host: 'evil.example' },
    });
    const outcome = await new Promise<string>((resolve) => {
      socket.on('open', () => resolve('open'));
      socket.on('unexpected-response', (_req, res) => resolve(`http ${res.statusCode}`));
      socket.on('error', (error) => resolve(`error ${error.message}`));
    });
    expect(outcome).not.toBe('open');
    expect((await fetch(url.replace('/graphql', '/healthz'))).status).toBe(200);
  });

  it('limits the messages one sender may post per 10 s, as configured', async () => {
    const limited = await startTestBackend({ messagesPer10Seconds: 3 });
    try {
      const started = await gqlData(
        limited.url,
        `mutation { startEnquiry(tenant: "demo", visitorName: "Quick Quinn") { visitorToken } }`,
      );
      const token = started.startEnquiry.visitorToken as string;
      const codes: (string | null)[] = [];
      for (let i = 0; i < 5; i++) {
        codes.push(
          errorCode(
            await gql(
              limited.url,
              `mutation ($t: String!) { sendVisitorMessage(visitorToken: $t, text: "hi") { id } }`,
              {
                t: token,
              },
            ),
          ),
        );
      }
      expect(codes).toEqual([null, null, null, 'RATE_LIMITED', 'RATE_LIMITED']);
    } finally {
      await limited.stop();
    }
  });
});
