/**
 * The built renderer (dist/renderer) for `npm start` and the browser host: built with vite
 * when it is missing, or older than any file it is built from (after a `git pull`, an edit),
 * so a console never serves yesterday's screens.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the renderer bundle is built from, relative to the repository root. */
const SOURCES = ['renderer', 'shared', 'preload', 'vite.config.ts', 'package-lock.json'];

/** The newest modification time (ms) of a file or of any file below a folder; 0 if absent. */
function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, entry)));
  return newest;
}

/** Whether `rendererDir` holds a build at least as new as every source under `root`. */
export function rendererBuildIsCurrent(root: string, rendererDir: string): boolean {
  const index = join(rendererDir, 'index.html');
  if (!existsSync(index)) return false;
  const builtAt = statSync(index).mtimeMs;
  return SOURCES.every((source) => newestChange(join(root, source)) <= builtAt);
}

/**
 * Builds the renderer into dist/renderer under `root` unless the build there is current.
 * @throws Error when vite fails
 */
export function ensureRendererBuilt(root: string, log: (line: string) => void = () => undefined): void {
  if (rendererBuildIsCurrent(root, join(root, 'dist', 'renderer'))) return;
  log('Building the renderer (vite build)…');
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    shell: process.platform === 'win32',
  });
  if (result.status !== 0 || !existsSync(join(root, 'dist', 'renderer', 'index.html')))
    throw new Error('the renderer could not be built (npx vite build failed)');
}
