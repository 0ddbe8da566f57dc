/**
 * The HTTP and WebSocket transport under hostile use: web pages of other sites (form posts,
 * cross-site Origin / Sec-Fetch-Site, WebSocket upgrades), chunked bodies over the limit,
 * subscriptions over HTTP (no Server-Sent Events), subscription caps per socket and per staff
 * member, and close reasons that carry no internal message.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningBackend } from '../../backend/index';
import { createGraphqlServer, type GraphqlServer } from '../../backend/graphql/server';
import {
  collect,
  gql,
  gqlData,
  login,
  startTestBackend,
  wsClient,
  type Session,
} from '../support/backend-client';
import { until } from '../support/until';

const ALLOWED_ORIGIN = 'http://console.example.test';
const EVIL_ORIGIN = 'http://evil.example.test';
const START = `mutation ($name: String!) { startEnquiry(tenant: "demo", visitorName: $name, text: "hello") { enquiry { id } } }`;
const LOGIN = `mutation ($email: String!, $password: String!) { login(tenant: "demo", email: $email, password: $password) { accessToken } }`;
const BOARD = `subscription { boardEvents { seq type } }`;

let backend: RunningBackend;
let url: string;
let ada: Session;

beforeAll(async () => {
  backend = await startTestBackend({ corsOrigins: [ALLOWED_ORIGIN] });
  url = backend.url;
  ada = await login(url, 'demo', 'ada@demo.test');
});

afterAll(async () => {
  await backend?.stop();
});

/** Whether an Open enquiry of this visitor exists (as ada sees the board). */
async function enquiryExists(visitorName: string): Promise<boolean> {
  const data = await gqlData(
    url,
    `query ($text: String) { enquiryOverview(column: OPEN, first: 50, filter: { text: $text }) { edges { node { visitor { name } } } } }`,
    { text: visitorName },
    ada.token,
  );
  return data.enquiryOverview.edges.some((e: any) => e.node.visitor.name === visitorName);
}

async function post(body: BodyInit, headers: Record<string, string>): Promise<{ status: number; json: any }> {
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

describe('web pages of other sites', () => {
  it('refuses form posts (urlencoded, multipart, text/plain) with 415, and runs nothing', async () => {
    const visitor = 'Form Post Visitor';
    const urlencoded = new URLSearchParams({ query: START, variables: JSON.stringify({ name: visitor }) });
    const form = await post(urlencoded.toString(), { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    expect(form.json.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(form.json.errors[0].message).toMatch(/application\/json/);

    const multipart = new FormData();
    multipart.set('operations', JSON.stringify({ query: START, variables: { name: visitor } }));
    multipart.set('map', '{}');
    const parts = await post(multipart, {});
    expect(parts.status).toBe(415);

    const text = await post(JSON.stringify({ query: START, variables: { name: visitor } }), {
      'content-type': 'text/plain',
    });
    expect(text.status).toBe(415);

    expect(await enquiryExists(visitor)).toBe(false);
  });

  it('does not count refused form-post sign-ins: eleven of them do not lock anyone out', async () => {
    for (let i = 0; i < 11; i++) {
      const body = new URLSearchParams({
        query: LOGIN,
        variables: JSON.stringify({ email: 'linus@demo.test', password: 'wrong' }),
      });
      const answer = await post(body.toString(), { 'content-type': 'application/x-www-form-urlencoded' });
      expect(answer.status).toBe(415);
    }
    const linus = await login(url, 'demo', 'linus@demo.test');
    expect(linus.token).toBeTruthy();
  });

  it('accepts application/json and application/graphql bodies, chunked or not', async () => {
    const json = await post(JSON.stringify({ query: '{ __typename }' }), {
      'content-type': 'application/json; charset=utf-8',
    });
    expect(json).toEqual({ status: 200, json: { data: { __typename: 'Query' } } });
    const graphql = await post('{ __typename }', { 'content-type': 'application/graphql' });
    expect(graphql).toEqual({ status: 200, json: { data: { __typename: 'Query' } } });
    const chunked = await rawPost([Buffer.from(JSON.stringify({ query: '{ __typename }' }))], {});
    expect(chunked.status).toBe(200);
    expect(JSON.parse(chunked.body)).toEqual({ data: { __typename: 'Query' } });
  });

  it('refuses a cross-site Origin or Sec-Fetch-Site with 403 before running anything', async () => {
    const visitor = 'Cross Site Visitor';
    const body = JSON.stringify({ query: START, variables: { name: visitor } });
    const evil = await post(body, { 'content-type': 'application/json', origin: EVIL_ORIGIN });
    expect(evil.status).toBe(403);
    expect(evil.json.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(evil.json.errors[0].message).toContain(EVIL_ORIGIN);
    expect((await post(body, { 'content-type': 'application/json', origin: 'null' })).status).toBe(403);
    // Another port of this host is another origin (and the same site).
    expect(
      (await post(body, { 'content-type': 'application/json', origin: 'http://127.0.0.1:1' })).status,
    ).toBe(403);
    expect(
      (await post(body, { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' })).status,
    ).toBe(403);
    const get = await fetch(`${url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(get.status).toBe(403);
    expect(await enquiryExists(visitor)).toBe(false);
  });

  it('serves programs (no Origin), the allowed origins and its own origin', async () => {
    const query = JSON.stringify({ query: '{ __typename }' });
    expect((await post(query, { 'content-type': 'application/json' })).status).toBe(200);
    const allowed = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ALLOWED_ORIGIN },
      body: query,
    });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    const preflight = (origin: string) =>
      fetch(url, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
    const allowedPreflight = await preflight(ALLOWED_ORIGIN);
    expect(allowedPreflight.status).toBeLessThan(300);
    expect(allowedPreflight.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect((await preflight(EVIL_ORIGIN)).status).toBe(403);
    const own = new URL(url).origin;
    expect(
      (
        await post(query, {
          'content-type': 'application/json',
          origin: own,
          'sec-fetch-site': 'same-origin',
        })
      ).status,
    ).toBe(200);
    // Queries by GET (urql's default for short queries) still work; mutations by GET never do.
    const get = await fetch(`${url}?query=${encodeURIComponent('{ __typename }')}`);
    expect(get.status).toBe(200);
    const visitor = 'Get Mutation Visitor';
    const mutation = await fetch(
      `${url}?query=${encodeURIComponent(START)}&variables=${encodeURIComponent(JSON.stringify({ name: visitor }))}`,
    );
    expect(mutation.status).toBe(405);
    expect(await enquiryExists(visitor)).toBe(false);
  });

  it('refuses a WebSocket upgrade from another site, and accepts programs and allowed origins', async () => {
    const wsUrl = url.replace(/^http/, 'ws');
    const upgrade = (options: WebSocket.ClientOptions): Promise<number> =>
      new Promise((resolve, reject) => {
        const socket = new WebSocket(wsUrl, 'graphql-transport-ws', options);
        socket.once('open', () => {
          socket.close();
          resolve(101);
        });
        socket.once('unexpected-response', (_req, res: IncomingMessage) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        socket.once('error', (error) => reject(error));
      });
    expect(await upgrade({ origin: EVIL_ORIGIN })).toBe(403);
    expect(await upgrade({ headers: { 'sec-fetch-site': 'cross-site' } })).toBe(403);
    expect(await upgrade({})).toBe(101);
    expect(await upgrade({ origin: ALLOWED_ORIGIN })).toBe(101);
  });
});

/** POSTs chunks with Transfer-Encoding: chunked; resolves with the answer once it is complete. */
function rawPost(
  chunks: Buffer[],
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('request bodies', () => {
  it('refuses a chunked 2 MB body with 413 once 256 KiB have arrived, without waiting for the rest', async () => {
    const total = 2 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, 0x20); // spaces: valid JSON whitespace, so size is the only fault
    let sent = 0;
    let ended = false;
    const answer = await new Promise<{ status: number; body: string; sentBeforeAnswer: number }>(
      (resolve, reject) => {
        const req = httpRequest(
          url,
          { method: 'POST', headers: { 'content-type': 'application/json' } },
          (res) => {
            const sentBeforeAnswer = sent;
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (part: string) => (body += part));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body, sentBeforeAnswer }));
            res.on('error', reject);
          },
        );
        req.on('error', (error) => {
          // The server closes the connection after its answer; only an error before it counts.
          if (!ended) reject(error);
        });
        // Send half a megabyte (twice the limit), then hold the rest back: the answer must come
        // while 1.5 MB of the body are still unsent. Without the early refusal it never does.
        const first = Buffer.concat([Buffer.from('{"query":"{ __typename }"'), Buffer.alloc(0)]);
        req.write(first);
        sent += first.length;
        while (sent < 512 * 1024) {
          req.write(chunk);
          sent += chunk.length;
        }
        setTimeout(() => {
          if (!ended) reject(new Error(`no answer after sending ${sent} of ${total} bytes`));
          req.destroy();
        }, 15_000).unref();
      },
    ).finally(() => {
      ended = true;
    });
    expect(answer.status).toBe(413);
    expect(answer.sentBeforeAnswer).toBeLessThan(total);
    const error = JSON.parse(answer.body).errors[0];
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.message).toContain('256 KiB');
    // The server is fine and serves the next request.
    expect((await gql(url, '{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('refuses a declared Content-Length over the limit without reading the body', async () => {
    const answer = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        url,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': String(2 * 1024 * 1024) },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write('{"query":"{ __typename }"'); // and nothing more: the answer may not wait for the body
    });
    expect(answer).toBe(413);
  });
});

describe('subscriptions over HTTP (no Server-Sent Events)', () => {
  const headersOf = (accept: string): Record<string, string> => ({
    'content-type': 'application/json',
    accept,
    authorization: `Bearer ${ada.token}`,
  });

  for (const accept of [
    'application/json',
    'text/event-stream',
    'application/graphql-response+json',
    'multipart/mixed',
  ]) {
    it(`refuses a subscription POSTed with Accept: ${accept}, naming the WebSocket endpoint`, async () => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 10_000);
      const response = await fetch(url, {
        method: 'POST',
        headers: headersOf(accept),
        body: JSON.stringify({ query: BOARD }),
        signal: controller.signal,
      });
      try {
        expect(response.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
        expect(response.status).toBe(400);
        const body = (await response.json()) as any;
        expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
        expect(body.errors[0].message).toContain(url.replace(/^http/, 'ws'));
      } finally {
        clearTimeout(timer);
        controller.abort();
      }
    });
  }

  it('refuses a subscription by GET with Accept: text/event-stream', async () => {
    const controller = new AbortController();
    const response = await fetch(`${url}?query=${encodeURIComponent(BOARD)}`, {
      headers: { accept: 'text/event-stream', authorization: `Bearer ${ada.token}` },
      signal: controller.signal,
    });
    try {
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.status).toBe(400);
    } finally {
      controller.abort();
    }
  });

  it('answers a query asked for as an event stream with one JSON result', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: headersOf('text/event-stream'),
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('subscription caps', () => {
  /** Replays the tenant's log from the start, so an accepted subscription shows itself at once. */
  const REPLAY = `subscription { boardEvents(after: "0") { seq } }`;
  let capped: GraphqlServer;
  let cappedUrl: string;

  beforeAll(async () => {
    // A second GraphQL server on the same services, with small caps.
    capped = createGraphqlServer(backend.services, { subscriptionsPerSocket: 3, subscriptionsPerStaff: 5 });
    await new Promise<void>((resolve) => capped.server.listen(0, '127.0.0.1', () => resolve()));
    cappedUrl = `http://127.0.0.1:${(capped.server.address() as AddressInfo).port}/graphql`;
  });

  afterAll(async () => {
    await capped?.close();
  });

  type Stream = ReturnType<typeof collect>;
  /** Subscribes and waits for the first event (accepted) or an error (refused). */
  async function open(
    client: Client,
  ): Promise<{ stream: Stream; refusal: { message: string; code: string } | null }> {
    const stream = collect(client, REPLAY, {}, (d) => d.boardEvents);
    await until(() => stream.items.length > 0 || stream.errors.length > 0, 'an event or a refusal');
    const error = (stream.errors[0] as { message: string; extensions: { code: string } }[] | undefined)?.[0];
    return { stream, refusal: error ? { message: error.message, code: error.extensions.code } : null };
  }

  it('refuses the subscription past the per-socket cap with RATE_LIMITED, and the socket stays up', async () => {
    const client = wsClient(cappedUrl, () => ada.token);
    const held = [await open(client), await open(client), await open(client)];
    expect(held.map((h) => h.refusal)).toEqual([null, null, null]);
    const over = await open(client);
    expect(over.refusal?.code).toBe('RATE_LIMITED');
    expect(over.refusal?.message).toContain('3 subscriptions');
    // The held subscriptions still stream live on the same socket.
    const before = held.map((h) => h.stream.items.length);
    await gqlData(cappedUrl, START, { name: 'Cap Visitor' });
    await Promise.all(held.map((h, i) => h.stream.until(before[i]! + 1)));
    // Completing one makes room for another on the same socket.
    held[0]!.stream.dispose();
    const again = await open(client);
    expect(again.refusal).toBeNull();
    for (const h of [...held, again]) h.stream.dispose();
    await client.dispose();
  });

  it('refuses past the per-staff cap across sockets; other staff are not affected', async () => {
    const first = wsClient(cappedUrl, () => ada.token);
    const second = wsClient(cappedUrl, () => ada.token);
    const held = [
      await open(first),
      await open(first),
      await open(first),
      await open(second),
      await open(second),
    ];
    expect(held.every((h) => h.refusal === null)).toBe(true);
    const over = await open(second);
    expect(over.refusal?.code).toBe('RATE_LIMITED');
    expect(over.refusal?.message).toContain('5 subscriptions');

    const alan = await login(url, 'demo', 'alan@demo.test');
    const other = wsClient(cappedUrl, () => alan.token);
    const alanBoard = await open(other);
    expect(alanBoard.refusal).toBeNull();

    // A closed socket gives its subscriptions back (once the server has seen it close).
    await first.dispose();
    const afterClose = await until(async () => {
      const attempt = await open(second);
      if (attempt.refusal === null) return attempt;
      attempt.stream.dispose();
      return null;
    }, 'a subscription after the first socket closed');
    for (const h of [...held, alanBoard, afterClose]) h.stream.dispose();
    await second.dispose();
    await other.dispose();
  });
});

describe('close reasons', () => {
  it('closes with "Internal server error", never the internal message, when a handler fails', async () => {
    const tokens = backend.services.tokens;
    const verify = tokens.verify.bind(tokens);
    tokens.verify = () => Promise.reject(new Error('connection to 10.0.0.7:5432 lost (secret detail)'));
    const written: unknown[][] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => void written.push(args);
    try {
      const close = await new Promise<{ code: number; reason: string }>((resolve, reject) => {
        const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
        socket.once('open', () =>
          socket.send(
            JSON.stringify({
              type: 'connection_init',
              payload: { authorization: 'Bearer not-yet-known-token' },
            }),
          ),
        );
        socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
        socket.once('error', reject);
      });
      expect(close.code).toBe(4500);
      expect(close.reason).toBe('Internal server error');
      // Logged through the backend's log, not dumped on stderr by graphql-ws.
      expect(written).toEqual([]);
    } finally {
      tokens.verify = verify;
      console.error = consoleError;
    }
  });
});
