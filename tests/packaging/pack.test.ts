/**
 * `electron-builder --dir` for real. With Electron's binary (node_modules/electron/dist, fetched
 * on a machine that can) it packs the app exactly as `npm run dist:dir` does. Without it (as on
 * the machines these tests were written on) that test is skipped with the reason, and the app
 * is packed with a stand-in binary instead (a file holding only Electron 45's fuse wire):
 * electron-builder still checks the config, collects the production dependencies, writes
 * app.asar and app-update.yml and runs the afterPack hook; then the embedded backend is started
 * from the packed files alone, as the installed app's utilityProcess starts it.
 */
import { extractAll, listPackage } from '@electron/asar';
import { execFile, fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { buildElectron } from '../../main/build-electron';
import { ensureRendererBuilt } from '../../main/renderer-build';
import { readFuses, writeStandInElectronDist } from './stand-in-electron';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const run = promisify(execFile);

/** Electron's own binary, where it was fetched (node_modules/electron/path.txt names it). */
function electronDist(): string | null {
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const dist = join(root, 'node_modules', 'electron', 'dist');
  return existsSync(join(dist, readFileSync(pathFile, 'utf8').trim())) ? dist : null;
}

const realElectron = electronDist();
const NO_ELECTRON =
  'no Electron binary on this machine (node_modules/electron/dist is missing: Electron fetches it on first launch, and this machine cannot download it)';
if (!realElectron)
  process.stdout.write(`[packaging] electron-builder --dir with Electron skipped: ${NO_ELECTRON}\n`);

const work = mkdtempSync(join(tmpdir(), 'supervisor-pack-'));
/** The packed backend's process, stopped when the tests end. */
let packedBackend: ChildProcess | null = null;
afterAll(async () => {
  const child = packedBackend;
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(work, { recursive: true, force: true });
});

/** Builds what the app loads (renderer + Electron bundles) and runs electron-builder --dir. */
async function pack(output: string, extraConfig: string[]): Promise<void> {
  ensureRendererBuilt(root);
  await buildElectron();
  await run(
    process.execPath,
    [
      join(root, 'node_modules', 'electron-builder', 'cli.js'),
      '--dir',
      '--publish',
      'never',
      `-c.directories.output=${output}`,
      ...extraConfig,
    ],
    { cwd: root, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
  );
}

/** The resources folder of the unpacked app electron-builder wrote to `output` (this OS). */
function resourcesDir(output: string): string {
  if (process.platform === 'darwin') {
    return join(
      output,
      process.arch === 'arm64' ? 'mac-arm64' : 'mac',
      'Supervisor Console.app',
      'Contents',
      'Resources',
    );
  }
  return join(output, process.platform === 'win32' ? 'win-unpacked' : 'linux-unpacked', 'resources');
}

function expectPackedApp(resources: string): void {
  const files = listPackage(join(resources, 'app.asar'), { isPack: false });
  for (const path of [
    '/package.json',
    '/dist/main/electron/app.js',
    '/dist/main/electron/backend-process.js',
    '/dist/preload/electron.cjs',
    '/dist/renderer/index.html',
    '/node_modules/graphql-yoga/package.json',
    '/node_modules/electron-updater/package.json',
  ]) {
    expect(files, path).toContain(path);
  }
  expect(files.filter((path) => path.endsWith('.map'))).toEqual([]);
  // No dev tooling in the app.
  expect(files.some((path) => path.startsWith('/node_modules/electron-builder/'))).toBe(false);
  expect(files.some((path) => path.startsWith('/node_modules/vitest/'))).toBe(false);
  // PGlite's files as real files beside app.asar.
  const pglite = join(resources, 'app.asar.unpacked', 'node_modules', '@electric-sql', 'pglite', 'dist');
  expect(existsSync(join(pglite, 'pglite.wasm'))).toBe(true);
  expect(existsSync(join(pglite, 'pglite.data'))).toBe(true);
  // The updater's default feed: the placeholder, which each installation overrides.
  const appUpdate = readFileSync(join(resources, 'app-update.yml'), 'utf8');
  expect(appUpdate).toContain('provider: generic');
  expect(appUpdate).toContain('url: https://updates.invalid/supervisor-console');
}

describe('electron-builder --dir', () => {
  it.skipIf(!realElectron)(
    `packs the app with Electron's binary (skipped where ${NO_ELECTRON})`,
    async () => {
      const output = join(work, 'real');
      await pack(output, [`-c.electronDist=${realElectron}`]);
      expectPackedApp(resourcesDir(output));
    },
    600_000,
  );

  it.skipIf(process.platform !== 'linux')(
    'packs the app with a stand-in Electron binary; every fuse flipped; the embedded backend starts from the packed files (Linux only)',
    async () => {
      const output = join(work, 'stand-in');
      await pack(output, [`-c.electronDist=${writeStandInElectronDist(join(work, 'electron-dist'))}`]);
      const resources = resourcesDir(output);
      expectPackedApp(resources);
      expect(await readFuses(join(output, 'linux-unpacked', 'supervisor-console'))).toEqual({
        RunAsNode: '0',
        EnableCookieEncryption: '1',
        EnableNodeOptionsEnvironmentVariable: '0',
        EnableNodeCliInspectArguments: '0',
        EnableEmbeddedAsarIntegrityValidation: '1',
        OnlyLoadAppFromAsar: '1',
        LoadBrowserProcessSpecificV8Snapshot: '0',
        GrantFileProtocolExtraPrivileges: '0',
        WasmTrapHandlers: '1',
      });

      // The installed app's files, laid out as Electron sees them (app.asar + app.asar.unpacked),
      // outside this repository so nothing resolves from its node_modules.
      const app = join(work, 'installed-app');
      extractAll(join(resources, 'app.asar'), app);
      const url = await startPackedBackend(app, join(work, 'data'));
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    },
    240_000,
  );
});

/**
 * Starts dist/main/electron/backend-process.js of the packed app the way Electron's
 * utilityProcess does (its messages go to `process.parentPort`), in Node; resolves with the
 * backend's URL once it says it is ready (afterAll stops it).
 */
function startPackedBackend(app: string, dataDir: string): Promise<string> {
  const shim = join(work, 'utility-process-shim.mjs');
  writeFileSync(
    shim,
    [
      "import { pathToFileURL } from 'node:url';",
      'process.parentPort = { postMessage: (message) => process.send(message) };',
      'await import(pathToFileURL(process.env.PACKED_BACKEND_ENTRY).href);',
    ].join('\n'),
  );
  const child = fork(shim, ['--data-dir', dataDir], {
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: {
      ...process.env,
      PACKED_BACKEND_ENTRY: join(app, 'dist', 'main', 'electron', 'backend-process.js'),
    },
  });
  packedBackend = child;
  return new Promise((resolveUrl, reject) => {
    child.on('message', (message: { type?: string; url?: string; message?: string }) => {
      if (message.type === 'ready' && message.url) resolveUrl(message.url);
      else if (message.type === 'failed') reject(new Error(`the packed backend failed: ${message.message}`));
    });
    child.once('exit', (code) =>
      reject(new Error(`the packed backend exited (${code}) before it was ready`)),
    );
  });
}
