/**
 * Makes sure the renderer is built before the suite, and current: built again when any file
 * it is built from is newer than the build (main/renderer-build.ts, as `npm start` and the
 * browser host do), so specs never run a stale build and a build that is current (made by
 * `tests/packaging/pack.test.ts` earlier in `npm test`, or by the previous run) is not made
 * twice. A build is swapped in whole, so hosts serving the old one keep serving it.
 * Set E2E_SKIP_BUILD=1 to reuse dist/renderer as it is.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRendererBuilt, rendererBuildIsCurrent } from '../../../main/renderer-build';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** Where the suite's renderer is built; every browser host of the suite serves it as it is. */
export const BUILT_RENDERER = join(root, 'dist', 'renderer');

export default function globalSetup(): void {
  if (process.env.E2E_SKIP_BUILD === '1' && existsSync(join(BUILT_RENDERER, 'index.html'))) return;
  try {
    ensureRendererBuilt(root, (line) => process.stdout.write(`${line}\n`));
  } catch (error) {
    // Another run swapping in its build at the same moment (two checkouts' suites at once):
    // once that build is in place and current, it is the one to use; otherwise build again.
    if (rendererBuildIsCurrent(root, BUILT_RENDERER)) return;
    process.stdout.write(`The renderer build failed once (${(error as Error).message}); building again.\n`);
    ensureRendererBuilt(root, (line) => process.stdout.write(`${line}\n`));
  }
}
