/**
 * The browser host: the main-process core served to a browser on loopback, for
 * development, tests and browser use. It starts the embedded demo backend (unless given a
 * backend URL), serves the built renderer with /bridge.js, and speaks the IPC contract
 * over a loopback WebSocket, one supervisor session per tab.
 *
 * Access needs the per-launch token (like Jupyter's): the printed URL carries it as
 * `?token=`; opening it sets an HttpOnly, SameSite=Strict cookie (a different value) and
 * hands the tab a page key in the redirect's fragment (page-keys.ts says why both). The
 * WebSocket upgrade checks the cookie, the page key and that Origin is the host's own; Host
 * is checked against DNS rebinding. Tokens of the backend never reach the page.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';
import { BRIDGE_PATH, CLOSE_REFUSED, PAGE_KEY_FRAGMENT } from '../../shared/ipc/loopback-protocol';
import { ensureRendererBuilt } from '../renderer-build';
import { loadBridgeScript } from './bridge-bundle';
import { FakeUpdateSource, type FakeUpdateOptions } from './fake-updates';
import { chooseSubprotocol, HostSecrets, offeredSubprotocols, pageKeyOffered, sameSecret } from './page-keys';
import { securityHeaders, serveRendererFile } from './static-files';
import { TabSessions } from './tab-sessions';

/** The repository root (this file is main/browser-host/server.ts). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface BrowserHostOptions {
  /** Port of the console page (0 or omitted: a free port). */
  port?: number;
  /** An existing enquiry backend; omitted: the embedded backend is started. */
  backendUrl?: string;
  /** Built renderer; default dist/renderer (built with vite if missing). */
  rendererDir?: string;
  /** Embedded backend: seed the demo world (default true). */
  demo?: boolean;
  /** Embedded backend: run the traffic simulator (default true). */
  simulator?: boolean;
  dataDir?: string;
  inMemory?: boolean;
  /** Embedded backend: messages one sender may send per 10 s (default 30). */
  messagesPer10Seconds?: number;
  /** Silence the embedded backend and the host's log lines. */
  quiet?: boolean;
  /** How long a closed tab's session waits for a reload (default 60 s). */
  tabGraceMs?: number;
  /**
   * Development only: a fake release channel offering this version (fake-updates.ts), so the
   * console's update status can be seen and tested. Without it, updates are unavailable.
   */
  fakeUpdate?: FakeUpdateOptions;
}

export interface BrowserHost {
  /** The full console URL, with ?token=. */
  url: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  /** The backend's GraphQL URL. */
  backendUrl: string;
  /** The fake release channel, when started with `fakeUpdate` (tests pause it, fail its checks). */
  fakeUpdates: FakeUpdateSource | null;
  stop(): Promise<void>;
}

/**
 * Whether any cookie of that name carries the secret. Cookies are not separated by port,
 * so a page on another loopback port may plant one of the same name: any match counts.
 */
function cookieHasSecret(request: IncomingMessage, name: string, secret: string): boolean {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name && sameSecret(rest.join('='), secret)) return true;
  }
  return false;
}

async function startEmbeddedBackend(
  options: BrowserHostOptions,
): Promise<{ url: string; stop(): Promise<void> }> {
  const { startBackend } = await import('../../backend/index');
  return startBackend({
    port: 0,
    host: '127.0.0.1',
    demo: options.demo ?? true,
    simulator: options.simulator ?? true,
    dataDir: options.dataDir,
    inMemory: options.inMemory,
    messagesPer10Seconds: options.messagesPer10Seconds,
    quiet: options.quiet ?? false,
  });
}

/** Starts the browser host; resolves once it listens. */
export async function startBrowserHost(options: BrowserHostOptions = {}): Promise<BrowserHost> {
  const quiet = options.quiet ?? false;
  const rendererDir = resolve(options.rendererDir ?? join(REPO_ROOT, 'dist', 'renderer'));
  if (!options.rendererDir)
    ensureRendererBuilt(REPO_ROOT, (line) => {
      if (!quiet) process.stderr.write(`${line}\n`);
    });
  const bridgeScript = await loadBridgeScript(REPO_ROOT);
  const backend = options.backendUrl ? null : await startEmbeddedBackend(options);
  const backendUrl = options.backendUrl ?? backend?.url ?? '';
  const log = quiet ? undefined : (line: string) => process.stderr.write(`[browser-host] ${line}\n`);
  const secrets = new HostSecrets();
  const fakeUpdates = options.fakeUpdate ? new FakeUpdateSource({ log, ...options.fakeUpdate }) : null;
  const tabs = new TabSessions({
    backendUrl,
    graceMs: options.tabGraceMs,
    log,
    updates: fakeUpdates ?? undefined,
  });

  let port = 0;
  const cookieName = () => `supervisor_console_${port}`;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const originOf = () => `http://127.0.0.1:${port}`;

  const onRequest = async (request: IncomingMessage, response: ServerResponse) => {
    const host = request.headers.host ?? '';
    const headers = securityHeaders(`http://${host}`);
    if (!allowedHosts().has(host)) {
      response.writeHead(421, headers).end('Misdirected request');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(request.url ?? '/', `http://${host}`);
    if (sameSecret(url.searchParams.get('token'), secrets.launchToken)) {
      // The launch URL: the cookie lets this browser load the files from now on, and this tab
      // gets a page key in the fragment (never sent to a server) for its bridge connections.
      // The token leaves the address bar and history.
      headers['Set-Cookie'] = `${cookieName()}=${secrets.cookieValue}; HttpOnly; SameSite=Strict; Path=/`;
      url.searchParams.delete('token');
      const location = `${url.pathname}${url.search}#${PAGE_KEY_FRAGMENT}=${secrets.mintPageKey()}`;
      response.writeHead(302, { ...headers, Location: location, 'Cache-Control': 'no-store' }).end();
      return;
    }
    if (!cookieHasSecret(request, cookieName(), secrets.cookieValue)) {
      response
        .writeHead(403, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' })
        .end('Supervisor Console: open the URL with ?token= that `npm run serve` printed.');
      return;
    }
    if (url.pathname === '/bridge.js') {
      response
        .writeHead(200, {
          ...headers,
          'Content-Type': 'text/javascript; charset=utf-8',
          'Cache-Control': 'no-store',
        })
        .end(bridgeScript);
      return;
    }
    if (url.pathname === '/healthz') {
      response.writeHead(200, { ...headers, 'Content-Type': 'text/plain' }).end('ok');
      return;
    }
    await serveRendererFile(rendererDir, url.pathname, response, headers);
  };

  const server: Server = createServer((request, response) => {
    onRequest(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500).end('Internal error');
    });
  });
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 64 * 1024,
    // Answer with the bridge's subprotocol, never echo the page key.
    handleProtocols: (protocols) => chooseSubprotocol(protocols),
  });
  server.on('upgrade', (request, socket, head) => {
    const host = request.headers.host ?? '';
    const url = new URL(request.url ?? '/', `http://127.0.0.1`);
    const tabId = url.searchParams.get('tab') ?? '';
    const originOk = allowedHosts().has(host) && request.headers.origin === `http://${host}`;
    // The cookie alone is not enough (every loopback port receives it): the tab's page key too.
    const secretOk =
      cookieHasSecret(request, cookieName(), secrets.cookieValue) &&
      secrets.isPageKey(pageKeyOffered(offeredSubprotocols(request.headers['sec-websocket-protocol'])));
    if (url.pathname !== BRIDGE_PATH || !/^[A-Za-z0-9_-]{8,64}$/.test(tabId)) {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      if (!originOk || !secretOk) {
        ws.close(CLOSE_REFUSED, 'Forbidden');
        return;
      }
      tabs.attach(tabId, ws);
    });
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;

  let stopped = false;
  return {
    url: `${originOf()}/?token=${secrets.launchToken}`,
    origin: originOf(),
    backendUrl,
    fakeUpdates,
    async stop() {
      if (stopped) return;
      stopped = true;
      fakeUpdates?.stop();
      await tabs.disposeAll();
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await backend?.stop();
    },
  };
}
