/**
 * Builds the renderer once before the suite (always, so specs never run a stale build).
 * Set E2E_SKIP_BUILD=1 to reuse dist/renderer.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** Where the suite's renderer is built; every browser host of the suite serves it as it is. */
export const BUILT_RENDERER = join(root, 'dist', 'renderer');

export default function globalSetup(): void {
  if (process.env.E2E_SKIP_BUILD === '1' && existsSync(join(BUILT_RENDERER, 'index.html'))) return;
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('vite build of the renderer failed');
}
