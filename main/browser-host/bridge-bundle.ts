/**
 * The page client (preload/browser.ts) as one script, /bridge.js. Bundled with esbuild when
 * the host starts; a prebuilt dist/preload/browser.js is used when esbuild is unavailable.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Bundles (or loads) the page client; `root` is the repository root. */
export async function loadBridgeScript(root: string): Promise<string> {
  try {
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [join(root, 'preload', 'browser.ts')],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2020',
      write: false,
      minify: false,
      legalComments: 'none',
      logLevel: 'silent',
    });
    const output = result.outputFiles[0];
    if (output) return output.text;
  } catch {
    // fall through to the prebuilt file
  }
  return readFile(join(root, 'dist', 'preload', 'browser.js'), 'utf8');
}
