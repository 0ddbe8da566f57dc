/**
 * Defect 10 of issue 11: the browser host's cookie reaches every loopback port (cookies are
 * not port-scoped), so it must not open the bridge on its own. The bridge needs the cookie
 * and the page key the launch URL hands its tab in the redirect's fragment.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostSecrets } from '../../main/browser-host/page-keys';
import { startBrowserHost, type BrowserHost } from '../../main/browser-host/server';
import type { HostMessage } from '../../shared/ipc/loopback-protocol';
import { until } from './helpers';

let host: BrowserHost;
let rendererDir: string;

beforeAll(async () => {
  rendererDir = await mkdtemp(join(tmpdir(), 'supervisor-renderer-'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Console</title>');
  // No backend is needed to be refused or to read a signed-out session.
  host = await startBrowserHost({
    port: 0,
    rendererDir,
    backendUrl: 'http://127.0.0.1:9/graphql',
    quiet: true,
  });
});

afterAll(async () => {
  await host?.stop();
  await rm(rendererDir, { recursive: true, force: true });
});

/** Opens the printed URL as a browser does: the cookie it sets and the page key it hands over. */
async function openLaunchUrl(url = host.url) {
  const response = await fetch(url, { redirect: 'manual' });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const location = response.headers.get('location') ?? '';
  return {
    status: response.status,
    cookie,
    cookieValue: cookie.split('=')[1] ?? '',
    location,
    pageKey: /#page-key=([^&]+)$/.exec(location)?.[1] ?? null,
  };
}

/** The page client's bridge connection: the close code it ends with, or an answer to session/get. */
async function bridge(options: { cookie?: string; pageKey?: string | null; origin?: string }) {
  const headers: Record<string, string> = { origin: options.origin ?? host.origin };
  if (options.cookie) headers['cookie'] = options.cookie;
  const protocols = ['supervisor-console'];
  if (options.pageKey) protocols.push(`page-key.${options.pageKey}`);
  const socket = new WebSocket(
    `${host.origin.replace('http', 'ws')}/bridge?tab=tab-${Math.random().toString(36).slice(2, 12)}`,
    protocols,
    { headers },
  );
  const messages: HostMessage[] = [];
  let closeCode: number | null = null;
  socket.on('message', (data) => messages.push(JSON.parse(String(data)) as HostMessage));
  socket.on('close', (code) => {
    closeCode = code;
  });
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) => {
    socket.once('open', () => resolve());
    socket.once('close', () => resolve());
  });
  if (socket.readyState === socket.OPEN)
    socket.send(JSON.stringify({ t: 'invoke', id: 1, channel: 'session/get', args: {} }));
  const outcome = await until(
    () =>
      closeCode !== null ? { closeCode } : messages.find((m) => m.t === 'result') ? { answered: true } : null,
    'the bridge to answer or close',
  );
  const subprotocol = socket.protocol;
  socket.close();
  return { ...outcome, subprotocol, messages };
}

describe('browser host secret (issue 11, defect 10)', () => {
  it('sets a cookie that is not the launch token and hands the page key only in the fragment', async () => {
    const token = new URL(host.url).searchParams.get('token') ?? '';
    const launch = await openLaunchUrl();
    expect(launch.status).toBe(302);
    expect(launch.cookieValue.length).toBeGreaterThanOrEqual(32);
    expect(launch.cookieValue).not.toBe(token);
    expect(launch.location.startsWith('/#page-key=')).toBe(true);
    expect(launch.pageKey).toMatch(/^[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{43}$/);
    // Each opening of the launch URL mints another key (one per tab).
    expect((await openLaunchUrl()).pageKey).not.toBe(launch.pageKey);
    // The cookie's value is no launch token: it cannot be traded for a page key.
    const traded = await openLaunchUrl(`${host.origin}/?token=${launch.cookieValue}`);
    expect(traded.status).toBe(403);
    expect(traded.pageKey).toBeNull();
  });

  it('refuses the bridge to the cookie alone, as a server on another loopback port receives it', async () => {
    const { cookie } = await openLaunchUrl();
    expect(await bridge({ cookie, pageKey: null })).toMatchObject({ closeCode: 4403 });
  });

  it('refuses a forged, altered or foreign page key, and a page key without the cookie', async () => {
    const { cookie, pageKey } = await openLaunchUrl();
    const key = pageKey ?? '';
    const [nonce, mac] = key.split('.') as [string, string];
    const flipped = `${nonce}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`;
    const otherNonce = `${nonce.slice(0, -1)}${nonce.endsWith('A') ? 'B' : 'A'}.${mac}`;
    const otherLaunch = new HostSecrets().mintPageKey();
    for (const forged of [flipped, otherNonce, otherLaunch, 'x'.repeat(60), `${key}x`])
      expect(await bridge({ cookie, pageKey: forged }), forged).toMatchObject({ closeCode: 4403 });
    expect(await bridge({ pageKey: key })).toMatchObject({ closeCode: 4403 });
    expect(await bridge({ cookie, pageKey: key, origin: 'http://127.0.0.1:1' })).toMatchObject({
      closeCode: 4403,
    });
  });

  it('opens the bridge with the cookie and the page key, answering with the bridge subprotocol', async () => {
    const { cookie, pageKey } = await openLaunchUrl();
    const opened = await bridge({ cookie, pageKey });
    expect(opened).toMatchObject({ answered: true, subprotocol: 'supervisor-console' });
    expect(opened.messages.find((m) => m.t === 'result')).toMatchObject({
      result: { ok: true, value: { status: 'signed-out' } },
    });
  });

  it('serves the console files with the cookie, and nothing without it', async () => {
    const { cookie } = await openLaunchUrl();
    expect((await fetch(`${host.origin}/bridge.js`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${host.origin}/bridge.js`)).status).toBe(403);
  });
});
