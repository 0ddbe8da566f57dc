/**
 * The browser host: per-launch secret, origin and Host checks, the served renderer with
 * /bridge.js injected, and the IPC contract over the loopback WebSocket with one session
 * per tab — against the embedded backend the host starts itself.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../main/browser-host/server';
import type { HostMessage } from '../../shared/ipc/loopback-protocol';
import { gql, PASSWORD, until, visitorStartsEnquiry } from './helpers';

let host: BrowserHost;
let rendererDir: string;
let token: string;
/** What a browser holds after opening the launch URL: the cookie and its tab's page key. */
let launched: { cookie: string; pageKey: string };

beforeAll(async () => {
  rendererDir = await mkdtemp(join(tmpdir(), 'supervisor-renderer-'));
  await writeFile(
    join(rendererDir, 'index.html'),
    '<!doctype html><html><head><title>Console</title><script type="module" src="/assets/app.js"></script></head><body></body></html>',
  );
  host = await startBrowserHost({
    port: 0,
    rendererDir,
    inMemory: true,
    demo: true,
    simulator: false,
    quiet: true,
  });
  token = new URL(host.url).searchParams.get('token') ?? '';
  launched = await openLaunchUrl(host);
});

/** Opens the printed URL as a browser would: the cookie it sets and the page key it hands over. */
async function openLaunchUrl(target: BrowserHost): Promise<{ cookie: string; pageKey: string }> {
  const response = await fetch(target.url, { redirect: 'manual' });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const pageKey = /#page-key=([^&]+)/.exec(response.headers.get('location') ?? '')?.[1] ?? '';
  return { cookie, pageKey };
}

afterAll(async () => {
  await host?.stop();
  await rm(rendererDir, { recursive: true, force: true });
});

/** A loopback tab: the WebSocket the page client would open, recording host messages. */
function openTab(tab: string, headers: Record<string, string>, pageKey: string | null = launched.pageKey) {
  const protocols = ['supervisor-console', ...(pageKey === null ? [] : [`page-key.${pageKey}`])];
  const socket = new WebSocket(`${host.origin.replace('http', 'ws')}/bridge?tab=${tab}`, protocols, {
    headers,
  });
  const messages: HostMessage[] = [];
  let closeCode: number | null = null;
  let nextId = 1;
  socket.on('message', (data) => messages.push(JSON.parse(String(data)) as HostMessage));
  socket.on('close', (code) => {
    closeCode = code;
  });
  const opened = new Promise<void>((resolve) => socket.once('open', () => resolve()));
  return {
    messages,
    closeCode: () => closeCode,
    async invoke(channel: string, args: unknown) {
      await opened;
      const id = nextId++;
      socket.send(JSON.stringify({ t: 'invoke', id, channel, args }));
      const reply = await until(
        () => messages.find((m) => m.t === 'result' && m.id === id),
        `reply to ${channel}`,
      );
      return reply.t === 'result' ? reply.result : null;
    },
    events: (name: string) =>
      messages
        .filter((m) => m.t === 'event' && m.event === name)
        .map((m) => (m.t === 'event' ? m.payload : null)),
    close: () => socket.close(),
  };
}

function cookieHeaders(origin = host.origin): Record<string, string> {
  return { origin, cookie: launched.cookie };
}

describe('browser host', () => {
  it('prints a console URL with a per-launch token and serves the renderer only with it', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{20,}$/);
    expect((await fetch(`${host.origin}/`)).status).toBe(403);
    expect((await fetch(`${host.origin}/?token=wrong`)).status).toBe(403);
    const first = await fetch(host.url, { redirect: 'manual' });
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toMatch(/^\/#page-key=[A-Za-z0-9_.-]+$/);
    expect(first.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    const page = await fetch(`${host.origin}/`, { headers: { cookie: cookieHeaders().cookie ?? '' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html.indexOf('<script src="/bridge.js"></script>')).toBeLessThan(html.indexOf('/assets/app.js'));
    const bridge = await fetch(`${host.origin}/bridge.js`, {
      headers: { cookie: cookieHeaders().cookie ?? '' },
    });
    expect(bridge.status).toBe(200);
    expect(await bridge.text()).toContain('supervisor');
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${host.origin}/?token=${token}`, { headers: { host: 'evil.test' } }, (res) =>
        resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('closes the bridge with 4403 for another origin or without the secret', async () => {
    const foreign = openTab('tab-foreign-1', cookieHeaders('http://evil.test'));
    await until(() => foreign.closeCode(), 'foreign origin closed');
    expect(foreign.closeCode()).toBe(4403);
    const anonymous = openTab('tab-anonymous-1', { origin: host.origin });
    await until(() => anonymous.closeCode(), 'no secret closed');
    expect(anonymous.closeCode()).toBe(4403);
  });

  it('gives each tab its own supervisor session and streams events over the contract', async () => {
    const first = openTab('tab-first-0001', cookieHeaders());
    const second = openTab('tab-second-001', cookieHeaders());
    const ada = await first.invoke('session/signIn', {
      tenant: 'demo',
      email: 'ada@demo.test',
      password: PASSWORD,
    });
    expect(ada).toMatchObject({
      ok: true,
      value: { status: 'signed-in', staff: { email: 'ada@demo.test' } },
    });
    expect(await second.invoke('session/get', {})).toMatchObject({
      ok: true,
      value: { status: 'signed-out' },
    });
    expect(
      await second.invoke('session/signIn', { tenant: 'demo', email: 'alan@demo.test', password: PASSWORD }),
    ).toMatchObject({
      ok: true,
      value: { staff: { email: 'alan@demo.test' } },
    });
    expect(await first.invoke('board/load', { column: 'NOPE' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_USER_INPUT' },
    });
    await until(
      () => first.events('connection/state').some((s) => (s as { state: string }).state === 'live'),
      'live',
    );
    const created = await visitorStartsEnquiry(host.backendUrl, 'Loopback Visitor');
    await until(
      () =>
        first
          .events('board/events')
          .some((batch) => (batch as { enquiry: { id: string } }[]).some((e) => e.enquiry.id === created.id)),
      'board event over the bridge',
    );
    expect(JSON.stringify(first.messages)).not.toMatch(/accessToken|refreshToken/);
    first.close();
    second.close();
  });
  it("keeps a reloaded tab's rooms monitored without a stop and restart when the page opens them again", async () => {
    const { id } = await visitorStartsEnquiry(host.backendUrl, 'Reloading Rita');
    const before = openTab('tab-reloading-01', cookieHeaders());
    await before.invoke('session/signIn', { tenant: 'demo', email: 'ada@demo.test', password: PASSWORD });
    expect(await before.invoke('room/open', { enquiryId: id })).toMatchObject({ ok: true });
    before.close();
    await until(() => before.closeCode() !== null, 'the old page to go');

    // The reloaded page: same tab id, still signed in; it opens the room of its saved pane.
    const after = openTab('tab-reloading-01', cookieHeaders());
    await until(
      () => after.events('session/changed').some((s) => (s as { status: string }).status === 'signed-in'),
      'the tab to re-attach to its session',
    );
    expect(await after.invoke('room/open', { enquiryId: id })).toMatchObject({
      ok: true,
      value: { viewer: { isMonitoring: true } },
    });

    const { login } = await gql<{ login: { accessToken: string } }>(
      host.backendUrl,
      `mutation { login(tenant: "demo", email: "alan@demo.test", password: "${PASSWORD}") { accessToken } }`,
    );
    const seen = await gql<{
      enquiry: { monitors: { email: string }[] };
      auditTrail: { edges: { node: { action: string } }[] };
    }>(
      host.backendUrl,
      `query ($id: ID!) { enquiry(id: $id) { monitors { email } }
        auditTrail(enquiryId: $id, first: 20) { edges { node { action } } } }`,
      { id },
      login.accessToken,
    );
    expect(seen.enquiry.monitors.map((m) => m.email)).toEqual(['ada@demo.test']);
    expect(seen.auditTrail.edges.map((e) => e.node.action).filter((a) => a.startsWith('MONITOR_'))).toEqual([
      'MONITOR_STARTED',
    ]);
    await after.invoke('session/signOut', {});
    after.close();
  });
});
