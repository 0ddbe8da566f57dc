/**
 * `npm run build:electron`: bundles the Electron side with esbuild into dist/.
 *   dist/main/electron/app.js              main process (ESM, package.json `main`; npm packages stay external)
 *   dist/main/electron/backend-process.js  the embedded backend's utilityProcess entry
 *   dist/preload/electron.cjs      the sandboxed preload (one CommonJS file, only `electron` external)
 *   dist/preload/browser.js        the browser host's page client (IIFE)
 * The renderer is built separately (`npm run build:renderer`) into dist/renderer.
 */
import { build } from 'esbuild';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Builds every Electron bundle; resolves when all are written. */
export async function buildElectron(): Promise<void> {
  const common = {
    bundle: true,
    sourcemap: true,
    logLevel: 'warning' as const,
    legalComments: 'none' as const,
  };
  await Promise.all([
    build({
      ...common,
      entryPoints: {
        app: join(root, 'main/electron/app.ts'),
        'backend-process': join(root, 'main/electron/backend-process.ts'),
      },
      outdir: join(root, 'dist/main/electron'),
      platform: 'node',
      format: 'esm',
      target: 'node22',
      packages: 'external',
    }),
    build({
      ...common,
      entryPoints: [join(root, 'preload/electron.ts')],
      outfile: join(root, 'dist/preload/electron.cjs'),
      platform: 'node',
      format: 'cjs',
      target: 'chrome140',
      external: ['electron'],
    }),
    build({
      ...common,
      entryPoints: [join(root, 'preload/browser.ts')],
      outfile: join(root, 'dist/preload/browser.js'),
      platform: 'browser',
      format: 'iife',
      target: 'es2020',
    }),
  ]);
}

const entry = process.argv[1];
if (entry && resolve(entry) === fileURLToPath(import.meta.url)) {
  buildElectron()
    .then(() => process.stdout.write('Electron bundles written to dist/main and dist/preload\n'))
    .catch((error: unknown) => {
      process.stderr.write(
        `build:electron failed: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exit(1);
    });
}
