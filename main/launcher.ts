/**
 * `npm start`: builds the app and launches the desktop console on the embedded demo (it
 * passes `--demo`: the installed app asks for the demo world only when told). Where
 * Electron's binary cannot be had (it is fetched on first launch), says so in one line and
 * starts the browser host instead, printing its URL — so `npm start` works everywhere.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildElectron } from './build-electron';
import { ensureRendererBuilt } from './renderer-build';
import { exitWithStartupFailure } from '../backend/startup-error';
import { runBrowserHostCli } from './browser-host/cli';
import { DEMO_FLAG } from './electron/first-run';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');

/** The Electron binary, fetching it once if needed; or the reason it is not available. */
export function locateElectronBinary(fetchTimeoutMs = 180_000): { path: string } | { reason: string } {
  if (!existsSync(join(electronDir, 'package.json')))
    return { reason: 'the electron package is not installed' };
  const find = () => {
    const pathFile = join(electronDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  };
  const present = process.env['ELECTRON_OVERRIDE_DIST_PATH'] ? null : find();
  if (present) return { path: present };
  const fetched = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    cwd: electronDir,
    encoding: 'utf8',
    timeout: fetchTimeoutMs,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const binary = find();
  if (fetched.status === 0 && binary) return { path: binary };
  const output = `${fetched.stderr ?? ''}\n${fetched.stdout ?? ''}`;
  const cause = /(fetch failed|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|ENETUNREACH|getaddrinfo)/i.exec(
    output,
  )?.[1];
  return {
    reason: cause ? `download failed: ${cause}` : fetched.error ? fetched.error.message : 'download failed',
  };
}

/** The desktop app's command line for `npm start`: the app folder, `--demo`, then the user's own. */
export function electronArgs(appDir: string, userArgs: readonly string[]): string[] {
  return [appDir, ...(userArgs.includes(DEMO_FLAG) ? [] : [DEMO_FLAG]), ...userArgs];
}

async function main(): Promise<void> {
  ensureRendererBuilt(root, (line) => process.stdout.write(`${line}\n`));
  await buildElectron();
  const electron = locateElectronBinary();
  if ('reason' in electron) {
    process.stdout.write(
      `Electron's binary is not available on this machine (${electron.reason}); starting the browser host instead.\n`,
    );
    const stop = await runBrowserHostCli(process.argv.slice(2));
    const shutdown = () => void stop().finally(() => process.exit(0));
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
    return;
  }
  const child = spawn(electron.path, electronArgs(root, process.argv.slice(2)), {
    stdio: 'inherit',
    cwd: root,
  });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => child.kill(signal));
}

const entry = process.argv[1];
if (entry && resolve(entry) === fileURLToPath(import.meta.url)) {
  // A usage mistake (in the browser-host fallback) exits 2, as `npm run serve` and the backend do.
  main().catch((error: unknown) => exitWithStartupFailure(error, 'npm start'));
}
