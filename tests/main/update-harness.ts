/**
 * Drives the REAL electron-updater from Node, as its own tests do: an AppImageUpdater with
 * a custom AppAdapter (no Electron app) and builder-util's NodeHttpExecutor (no Electron
 * net), against a real node:http server serving an electron-builder style generic feed
 * (latest-linux.yml / beta-linux.yml and the artifacts). Only quitAndInstall is stubbed:
 * nothing is installed and nothing quits.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type RequestOptions, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeHttpExecutor } from 'builder-util';
import { configureRequestOptions, configureRequestUrl, type DownloadOptions } from 'builder-util-runtime';
import { AppImageUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';
import { vi } from 'vitest';
import type { PolicyClock } from '../../main/core/update-policy';

/**
 * builder-util's NodeHttpExecutor (Node's http) with the `download` that electron-updater's
 * own ElectronHttpExecutor adds, written the same way: builder-util-runtime's doDownload,
 * which streams to the file through its DigestTransform and rejects with
 * ERR_CHECKSUM_MISMATCH when the sha512 differs from the feed's. (electron-updater's tests
 * add a download the same way, in their TestNodeHttpExecutor.)
 */
class NodeDownloadExecutor extends NodeHttpExecutor {
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        {
          destination,
          options,
          onCancel,
          callback: (error) => (error == null ? resolve(destination) : reject(error)),
          responseHandler: null,
        },
        0,
      );
    });
  }
}

/** A feed response: a body, or a status with no body. */
type Route = { body: Buffer | string; type?: string } | { status: number };

/** A generic update feed on 127.0.0.1, port 0; records every path asked for. */
export class FeedServer {
  readonly requests: string[] = [];
  private readonly routes = new Map<string, Route>();
  private server: Server | null = null;
  private port = 0;

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const path = decodeURIComponent((request.url ?? '/').split('?')[0]!);
      this.requests.push(path);
      const route = this.routes.get(path);
      if (!route) {
        response.writeHead(404).end('not found');
      } else if ('status' in route) {
        response.writeHead(route.status).end();
      } else {
        const body = typeof route.body === 'string' ? Buffer.from(route.body) : route.body;
        response.writeHead(200, {
          'content-type': route.type ?? 'application/octet-stream',
          'content-length': body.length,
        });
        response.end(body);
      }
    });
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** The feed folder's URL. */
  get url(): string {
    return `http://127.0.0.1:${this.port}/feed/`;
  }

  set(name: string, route: Route): void {
    this.routes.set(`/feed/${name}`, route);
  }

  /** Publishes a release as electron-builder does: the artifact and the channel file naming it. */
  publish(
    channelFile: string,
    version: string,
    artifact: Buffer,
    options: { sha512Of?: Buffer } = {},
  ): string {
    const name = `Supervisor-Console-${version}.AppImage`;
    this.set(name, { body: artifact });
    this.set(channelFile, {
      body: releaseYaml(version, name, options.sha512Of ?? artifact),
      type: 'text/yaml',
    });
    return name;
  }

  /** Paths asked for, without the feed folder. */
  asked(): string[] {
    return this.requests.map((path) => path.replace(/^\/feed\//, ''));
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  }
}

/** A channel file as electron-builder writes it (sha512 in base64). */
export function releaseYaml(version: string, file: string, content: Buffer): string {
  const sha512 = createHash('sha512').update(content).digest('base64');
  return [
    `version: ${version}`,
    'files:',
    `  - url: ${file}`,
    `    sha512: ${sha512}`,
    `    size: ${content.length}`,
    `path: ${file}`,
    `sha512: ${sha512}`,
    `releaseDate: '2026-05-04T10:00:00.000Z'`,
    '',
  ].join('\n');
}

/** electron-builder's channel file name on this machine (Linux: -linux, -linux-<arch> off x64). */
export function linuxChannelFile(channel: 'latest' | 'beta'): string {
  return `${channel}-linux${process.arch === 'x64' ? '' : `-${process.arch}`}.yml`;
}

/** An artifact of `size` bytes (deterministic). */
export function artifact(size: number, seed = 1): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i += 1) bytes[i] = (i * 31 + seed) & 0xff;
  return bytes;
}

export interface TestUpdater {
  updater: AppImageUpdater;
  quitAndInstall: ReturnType<typeof vi.fn>;
  /** What electron-updater itself warned about (its info and error lines are dropped). */
  warnings: string[];
  dir: string;
  dispose(): void;
}

/**
 * The real AppImageUpdater of an app at `version`, with a temp profile; APPIMAGE points at
 * a stand-in for the running AppImage (electron-updater's AppImage updater needs it).
 */
export function createTestUpdater(version: string): TestUpdater {
  const dir = mkdtempSync(join(tmpdir(), 'supervisor-updates-'));
  const userData = join(dir, 'userData');
  const cache = join(dir, 'cache');
  mkdirSync(userData, { recursive: true });
  mkdirSync(cache, { recursive: true });
  // What electron-builder writes into the app's resources from `publish`.
  const appUpdateConfig = join(dir, 'app-update.yml');
  writeFileSync(
    appUpdateConfig,
    'provider: generic\nurl: https://updates.invalid/supervisor-console\nupdaterCacheDirName: supervisor-console-updater\n',
  );
  const appImage = join(dir, 'Supervisor-Console-current.AppImage');
  writeFileSync(appImage, artifact(1024, 99));
  const previousAppImage = process.env['APPIMAGE'];
  process.env['APPIMAGE'] = appImage;

  const adapter: AppAdapter = {
    version,
    name: 'Supervisor Console',
    isPackaged: true,
    appUpdateConfigPath: appUpdateConfig,
    userDataPath: userData,
    baseCachePath: cache,
    whenReady: () => Promise.resolve(),
    relaunch: () => undefined,
    quit: () => undefined,
    onQuit: () => undefined,
  };
  const updater = new AppImageUpdater(null, adapter);
  // As electron-updater's own tests do: Node's http instead of Electron's net.
  (updater as unknown as { httpExecutor: NodeHttpExecutor }).httpExecutor = new NodeDownloadExecutor();
  const warnings: string[] = [];
  updater.logger = {
    info: () => undefined,
    warn: (message?: unknown) => void warnings.push(String(message)),
    error: () => undefined,
  };
  const quitAndInstall = vi.fn();
  updater.quitAndInstall = quitAndInstall;
  return {
    updater,
    quitAndInstall,
    warnings,
    dir,
    dispose: () => {
      if (previousAppImage === undefined) delete process.env['APPIMAGE'];
      else process.env['APPIMAGE'] = previousAppImage;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A clock the test moves by hand: timers run only when {@link ManualClock.advance} passes them. */
export class ManualClock implements PolicyClock {
  private time = Date.parse('2026-05-04T09:00:00.000Z');
  private timers: Array<{ at: number; run: () => void; id: number }> = [];
  private nextId = 1;

  now(): number {
    return this.time;
  }

  setTimeout(run: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, run, id });
    return id;
  }

  clearTimeout(timer: unknown): void {
    this.timers = this.timers.filter((entry) => entry.id !== timer);
  }

  /** Milliseconds from now to each pending timer. */
  pending(): number[] {
    return this.timers.map((entry) => entry.at - this.time).sort((a, b) => a - b);
  }

  /** Moves time on by `ms`, running the timers due. */
  advance(ms: number): void {
    this.time += ms;
    const due = this.timers.filter((entry) => entry.at <= this.time);
    this.timers = this.timers.filter((entry) => entry.at > this.time);
    for (const entry of due) entry.run();
  }
}

/** Waits until `condition` holds (polling; no fixed sleeps in the tests). */
export async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 10));
  }
}
