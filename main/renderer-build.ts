/**
 * The built renderer (dist/renderer) for `npm start` and the browser host: built with vite
 * when it is missing, or older than any file it is built from (after a `git pull`, an edit),
 * so a console never serves yesterday's screens. A build goes to a folder of its own and
 * then takes dist/renderer's place, so a host serving the old one meanwhile keeps serving it
 * whole; the build is stamped with the time it started, so an edit made during it counts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, renameSync, rmSync, utimesSync } from 'node:fs';
import { join } from 'node:path';

/** What the renderer bundle is built from, relative to the repository root. */
const SOURCES = ['renderer', 'shared', 'preload', 'vite.config.ts', 'tsconfig.json', 'package-lock.json'];

/**
 * The newest modification time (ms) of the files at or below `path`; 0 if there are none.
 * Links are not followed; dotfiles (editor swap files) and node_modules are passed over, and
 * a file that disappears while it is read counts for nothing.
 */
function newestChange(path: string): number {
  let stats;
  try {
    stats = lstatSync(path);
  } catch {
    return 0;
  }
  if (stats.isFile()) return stats.mtimeMs;
  if (!stats.isDirectory()) return 0;
  let entries: string[];
  try {
    entries = readdirSync(path);
  } catch {
    return 0;
  }
  let newest = 0;
  for (const entry of entries) {
    if (entry.startsWith('.') || entry === 'node_modules') continue;
    newest = Math.max(newest, newestChange(join(path, entry)));
  }
  return newest;
}

/** Whether `rendererDir` holds a build at least as new as every source under `root`. */
export function rendererBuildIsCurrent(root: string, rendererDir: string): boolean {
  const index = join(rendererDir, 'index.html');
  if (!existsSync(index)) return false;
  const builtFrom = lstatSync(index).mtimeMs;
  return SOURCES.every((source) => newestChange(join(root, source)) <= builtFrom);
}

/**
 * Builds the renderer into dist/renderer under `root` unless the build there is current.
 * @throws Error when vite fails
 */
export function ensureRendererBuilt(root: string, log: (line: string) => void = () => undefined): void {
  const target = join(root, 'dist', 'renderer');
  if (rendererBuildIsCurrent(root, target)) return;
  log('Building the renderer (vite build)…');
  const startedAt = new Date();
  const next = join(root, 'dist', `renderer.next-${process.pid}`);
  const result = spawnSync(
    'npx',
    ['vite', 'build', '--outDir', next, '--emptyOutDir', '--logLevel', 'warn'],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], shell: process.platform === 'win32' },
  );
  if (result.status !== 0 || !existsSync(join(next, 'index.html'))) {
    rmSync(next, { recursive: true, force: true });
    throw new Error('the renderer could not be built (npx vite build failed)');
  }
  utimesSync(join(next, 'index.html'), startedAt, startedAt);
  rmSync(target, { recursive: true, force: true });
  renameSync(next, target);
}
