import { PGlite } from '@electric-sql/pglite';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { gunzipSync, gzipSync } from 'node:zlib';
import { EMBEDDED_START_PARAMS } from './pglite-runtime';

/**
 * Opens PGlite on a data dir (created when new) or in memory (`dataDir` null).
 *
 * A new cluster is not made by PGlite's own initdb in this process: that runs a second
 * PostgreSQL and initdb.wasm beside the first, copies the whole WebAssembly heap between
 * steps, and left ~600 MB resident for the rest of the process (903 MB after seeding a fresh
 * data dir). Instead a new cluster is unpacked from the tarball of a pristine one: made once
 * per PGlite version in a worker thread (its memory goes when it exits) and kept, gzipped
 * (~5 MB), in the per-user cache dir, so the next new cluster (every in-memory store, every
 * test) skips initdb's ~3–5 s of CPU. The tarball is what PGlite's initdb produces; PGlite
 * itself makes a data dir on disk the same way (dump, then unpack).
 */
export async function createPGlite(dataDir: string | null): Promise<PGlite> {
  const options = { startParams: [...EMBEDDED_START_PARAMS] };
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    // PG_VERSION is written last (unpackCluster), so a cluster is complete when it is there.
    if (!existsSync(join(dataDir, 'PG_VERSION'))) unpackCluster((await pristineCluster()).tar, dataDir);
    return PGlite.create(dataDir, options);
  }
  const { tar, cached } = await pristineCluster();
  try {
    return await PGlite.create({ ...options, loadDataDir: new TarBlob(tar) });
  } catch (error) {
    // A cached tarball PGlite cannot start from is made again next time; PGlite's own initdb now.
    if (!cached) throw error;
    forgetCachedCluster();
    return PGlite.create(options);
  }
}

/**
 * The tarball as the Blob PGlite's loadDataDir takes (it reads it with arrayBuffer() only),
 * answering with the bytes at hand: a Blob made of them copies 40 MB in and reads them back
 * in small chunks (~0.3 s of CPU here).
 */
class TarBlob extends Blob {
  constructor(private readonly tar: Uint8Array) {
    super([], { type: 'application/x-tar' });
  }

  override get size(): number {
    return this.tar.byteLength;
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    const { buffer, byteOffset, byteLength } = this.tar;
    const whole = byteOffset === 0 && byteLength === buffer.byteLength && buffer instanceof ArrayBuffer;
    return Promise.resolve(whole ? buffer : (this.tar.slice().buffer as ArrayBuffer));
  }
}

/**
 * Writes a cluster's tarball (ustar, as PGlite's dumpDataDir writes it: directories and
 * regular files, names under 100 bytes) into an empty data dir, PG_VERSION last.
 */
export function unpackCluster(tar: Uint8Array, dataDir: string): void {
  const text = (from: number, length: number): string => {
    const field = tar.subarray(from, from + length);
    const end = field.indexOf(0);
    return Buffer.from(end < 0 ? field : field.subarray(0, end)).toString('utf8');
  };
  let last: { path: string; data: Uint8Array } | null = null;
  for (let at = 0; at + 512 <= tar.length;) {
    if (tar.subarray(at, at + 512).every((byte) => byte === 0)) break;
    if (text(at + 257, 5) !== 'ustar') throw new Error('cluster tarball: not a ustar archive');
    const name = [text(at + 345, 155), text(at + 0, 100)].filter(Boolean).join('/');
    const size = parseInt(text(at + 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(tar[at + 156] ?? 0);
    const parts = name.split('/').filter((part) => part !== '' && part !== '.');
    if (parts.length === 0 || parts.includes('..') || !Number.isFinite(size)) {
      throw new Error(`cluster tarball: unexpected entry ${JSON.stringify(name)}`);
    }
    const path = join(dataDir, ...parts);
    const data = tar.subarray(at + 512, at + 512 + size);
    if (type === '5') mkdirSync(path, { recursive: true });
    else if (type === '0' || type === '\0') {
      mkdirSync(dirname(path), { recursive: true });
      if (parts.join('/') === 'PG_VERSION') last = { path, data };
      else writeFileSync(path, data, { mode: 0o600 });
    } else throw new Error(`cluster tarball: unexpected entry type ${JSON.stringify(type)} for ${name}`);
    at += 512 + Math.ceil(size / 512) * 512;
  }
  if (!last) throw new Error('cluster tarball: no PG_VERSION');
  writeFileSync(last.path, last.data, { mode: 0o600 });
}

const pglite = createRequire(import.meta.url).resolve('@electric-sql/pglite');

/** The cached tarball's path: per PGlite version (the cluster's catalog is that version's). */
function cachePath(): string | null {
  let version: string;
  try {
    const manifest = JSON.parse(readFileSync(join(dirname(pglite), '..', 'package.json'), 'utf8')) as {
      version?: unknown;
    };
    if (typeof manifest.version !== 'string' || !/^[\w.+-]+$/.test(manifest.version)) return null;
    version = manifest.version;
  } catch {
    return null;
  }
  return join(userCacheDir(), 'enquiry-backend', `pglite-${version}-cluster.tar.gz`);
}

/** The per-user cache folder (beside the app-data folder of `defaultDataDir`). */
function userCacheDir(): string {
  if (process.platform === 'win32') {
    return join(
      process.env['LOCALAPPDATA'] ?? join(homedir(), 'AppData', 'Local'),
      'supervisor-console',
      'Cache',
    );
  }
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'supervisor-console');
  return join(process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'supervisor-console');
}

/** A pristine cluster's tarball: from the cache, or made now (and cached when possible). */
async function pristineCluster(): Promise<{ tar: Uint8Array; cached: boolean }> {
  const path = cachePath();
  if (path && existsSync(path)) {
    try {
      const gz = readFileSync(path);
      // One output chunk of the size the gzip trailer gives (half the CPU of 16 KB chunks);
      // gunzip checks the CRC, so a damaged file is made again.
      const chunkSize = Math.max(64 * 1024, gz.length >= 4 ? gz.readUInt32LE(gz.length - 4) : 0);
      return { tar: gunzipSync(gz, { chunkSize }), cached: true };
    } catch {
      // Damaged or unreadable: made again below.
    }
  }
  const tar = await initdbInWorker().catch(() => initdbHere());
  if (path) {
    try {
      mkdirSync(dirname(path), { recursive: true });
      const partial = `${path}.${process.pid}.${Date.now()}.partial`;
      writeFileSync(partial, gzipSync(tar, { level: 1 }));
      renameSync(partial, path); // whole or not at all, also when several processes race
    } catch {
      // No cache (read-only home, full disk): the next new cluster runs initdb again.
    }
  }
  return { tar, cached: false };
}

function forgetCachedCluster(): void {
  const path = cachePath();
  if (path) rmSync(path, { force: true });
}

/** PGlite's initdb in a worker thread; resolves with the new cluster's tarball. */
function initdbInWorker(): Promise<Uint8Array> {
  // Plain JavaScript evaluated in the worker, so it needs no TypeScript loader and no bundling.
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    (async () => {
      const { PGlite } = require(workerData.pglite);
      const pg = await PGlite.create({ startParams: workerData.startParams });
      const tarball = await pg.dumpDataDir('none');
      await pg.close();
      const tar = new Uint8Array(await tarball.arrayBuffer());
      parentPort.postMessage({ tar }, [tar.buffer]);
    })().catch((error) => parentPort.postMessage({ error: String((error && error.stack) || error) }));
  `;
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, {
      eval: true,
      execArgv: [],
      workerData: { pglite, startParams: [...EMBEDDED_START_PARAMS] },
    });
    worker.once('message', (message: { tar?: Uint8Array; error?: string }) => {
      if (message.tar) resolve(message.tar);
      else reject(new Error(message.error ?? 'initdb failed'));
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`initdb worker exited with ${code}`)));
  });
}

/** PGlite's initdb in this process (where worker threads are unavailable). */
async function initdbHere(): Promise<Uint8Array> {
  const pg = await PGlite.create({ startParams: [...EMBEDDED_START_PARAMS] });
  try {
    return new Uint8Array(await (await pg.dumpDataDir('none')).arrayBuffer());
  } finally {
    await pg.close();
  }
}
