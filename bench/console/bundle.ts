/** Bundles a browser-side bench script (page probe, floor client) into one IIFE string with esbuild. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

/** Bundles bench/console/<file> for the browser; returns the script text. */
export async function bundleForBrowser(file: string): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(HERE, file)],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    minify: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced nothing for ${file}`);
  return output.text;
}
