/**
 * The backend's tokens never reach the renderer (issue 11, "proofs that stay"), and the
 * browser host's cookie, which every loopback port receives, does not open the bridge on its
 * own (defect 10).
 *
 * The host runs in this worker process, so the access and refresh tokens it gets when the
 * person signs in are read here, server-side, from its own calls to the backend. Then the
 * page is searched for them: every string reachable from its globals (window properties, and
 * React's state hanging off the DOM), the DOM, localStorage, sessionStorage, its cookies
 * (document.cookie and the browser's whole jar), every frame of its bridge WebSocket both
 * ways, and every response it loaded.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { expect, openRoom, signIn, test } from './support/fixtures';

/** Tokens the host received from the backend, with the email each sign-in was for. */
function recordTokensFromHostCalls() {
  const original = globalThis.fetch;
  const tokens: { email: string | null; kind: 'access' | 'refresh'; value: string }[] = [];
  globalThis.fetch = async (input, init) => {
    const response = await original(input, init);
    const body = typeof init?.body === 'string' ? init.body : '';
    const email = /"email":"([^"]+)"/.exec(body)?.[1] ?? null;
    const text = await response
      .clone()
      .text()
      .catch(() => '');
    for (const [, value] of text.matchAll(/"accessToken":"([^"]+)"/g))
      tokens.push({ email, kind: 'access', value: value as string });
    for (const [, value] of text.matchAll(/"refreshToken":"([^"]+)"/g))
      tokens.push({ email, kind: 'refresh', value: value as string });
    return response;
  };
  return { tokens, restore: () => (globalThis.fetch = original) };
}

/** Every string of 16+ characters reachable from the page's globals, DOM and React state. */
function reachableStrings(): string[] {
  const found = new Set<string>();
  const seen = new WeakSet<object>();
  const queue: unknown[] = [window];
  let visited = 0;
  for (let i = 0; i < queue.length && visited < 400_000; i++) {
    const value = queue[i];
    visited++;
    if (typeof value === 'string') {
      if (value.length >= 16) found.add(value);
      continue;
    }
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) continue;
    if (seen.has(value)) continue;
    seen.add(value);
    let keys: (string | symbol)[];
    try {
      keys = Reflect.ownKeys(value);
    } catch {
      continue;
    }
    // DOM nodes: only React's own keys (its fibers and their state); the markup is searched whole.
    if (value instanceof Node)
      keys = keys.filter((key) => typeof key === 'string' && key.startsWith('__react'));
    for (const key of keys) {
      try {
        queue.push((value as Record<string | symbol, unknown>)[key]);
      } catch {
        // a getter that throws holds nothing for us
      }
    }
    if (value instanceof Map || value instanceof Set) for (const entry of value) queue.push(entry);
  }
  found.add(document.documentElement.outerHTML);
  for (const input of document.querySelectorAll('input, textarea'))
    found.add((input as HTMLInputElement).value);
  return [...found];
}

function storageEntries(): string[] {
  const entries: string[] = [];
  for (const storage of [localStorage, sessionStorage]) {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i) ?? '';
      entries.push(key, storage.getItem(key) ?? '');
    }
  }
  return entries;
}

test('the access and refresh tokens never reach the page: globals, DOM, storage, cookies, bridge frames, responses', async ({
  api,
  browser,
  host,
  visitorName,
}) => {
  const visitor = visitorName('Secret Keeper');
  await api.handlingEnquiry(visitor, 'grace@demo.test');
  const recorder = recordTokensFromHostCalls();
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  try {
    const page = await context.newPage();
    const seenByPage: string[] = [];
    page.on('websocket', (socket) => {
      socket.on('framereceived', (frame) => seenByPage.push(String(frame.payload)));
      socket.on('framesent', (frame) => seenByPage.push(String(frame.payload)));
    });
    page.on('response', (response) => {
      void response
        .text()
        .then((text) => seenByPage.push(text))
        .catch(() => undefined);
    });
    await page.goto(host.url);
    await signIn(page, 'ada@demo.test');
    await openRoom(page, visitor);
    // A reload restores the session on the host, never through the page.
    await page.reload();
    await expect(page.getByRole('region', { name: `Room: ${visitor}`, exact: true })).toBeVisible();

    const adaTokens = recorder.tokens.filter((token) => token.email === 'ada@demo.test');
    expect(adaTokens.map((token) => token.kind).sort()).toEqual(['access', 'refresh']);

    const inPage = await page.evaluate(reachableStrings);
    const inStorage = await page.evaluate(storageEntries);
    const documentCookie = await page.evaluate(() => document.cookie);
    const jar = (await context.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`);
    const haystacks = {
      page: inPage,
      storage: inStorage,
      cookies: [documentCookie, ...jar],
      traffic: seenByPage,
    };

    // The search sees the page's real data (so finding nothing means something).
    expect(inPage.some((text) => text.includes(visitor))).toBe(true);
    expect(inStorage.some((text) => /^[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{43}$/.test(text))).toBe(true);
    expect(seenByPage.some((text) => text.includes('"session/changed"'))).toBe(true);
    expect(jar.some((cookie) => cookie.startsWith('supervisor_console_'))).toBe(true);

    for (const token of adaTokens) {
      // The whole token and its last 24 characters (a signature alone would be a leak too).
      for (const needle of [token.value, token.value.slice(-24)]) {
        for (const [where, texts] of Object.entries(haystacks))
          expect(
            texts.some((text) => text.includes(needle)),
            `${token.kind} token in ${where}`,
          ).toBe(false);
      }
    }
    expect(JSON.stringify(haystacks)).not.toMatch(/accessToken|refreshToken|Bearer /);
  } finally {
    recorder.restore();
    await context.close();
  }
});

test("a server on another loopback port receives the host's cookie, and the cookie alone does not open the bridge", async ({
  browser,
  host,
}) => {
  const received: IncomingHttpHeaders[] = [];
  const elsewhere = createServer((request, response) => {
    received.push(request.headers);
    response.end('another loopback server');
  });
  await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  try {
    const page = await context.newPage();
    await page.goto(host.url);
    await signIn(page, 'ada@demo.test');

    const other = await context.newPage();
    await other.goto(`http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/`);
    const leaked = received
      .map((headers) => headers.cookie ?? '')
      .find((cookie) => cookie.includes('supervisor_console_'));
    expect(leaked, 'the browser sends the host cookie to another port').toBeTruthy();

    // That server tries the bridge with the cookie it received and the host's own Origin.
    const closeCode = await new Promise<number>((resolve) => {
      const socket = new WebSocket(
        `${host.origin.replace('http', 'ws')}/bridge?tab=stolen-cookie-tab`,
        ['supervisor-console'],
        {
          headers: { cookie: leaked ?? '', origin: host.origin },
        },
      );
      socket.on('message', () => resolve(-1));
      socket.on('close', (code) => resolve(code));
      socket.on('error', () => undefined);
    });
    expect(closeCode).toBe(4403);

    // The person's tab is untouched: still signed in, and after a reload too.
    await page.reload();
    await expect(page.getByRole('region', { name: 'Handling', exact: true })).toBeVisible();
  } finally {
    await context.close();
    await new Promise<void>((resolve) => elsewhere.close(() => resolve()));
  }
});
