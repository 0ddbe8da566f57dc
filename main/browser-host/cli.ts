/**
 * `npm run serve -- [--port N] [--backend-url URL] [--no-simulator] [--no-demo]
 * [--data-dir DIR] [--in-memory] [--renderer-dir DIR] [--quiet]`
 *
 * Starts the browser host and prints one line: `console ready at <url>`.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { startBrowserHost } from './server';

/** Parses the command line and starts the host; returns the stop function. */
export async function runBrowserHostCli(argv: string[]): Promise<() => Promise<void>> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      'backend-url': { type: 'string' },
      'renderer-dir': { type: 'string' },
      'data-dir': { type: 'string' },
      'in-memory': { type: 'boolean' },
      'no-simulator': { type: 'boolean' },
      'no-demo': { type: 'boolean' },
      quiet: { type: 'boolean' },
    },
    strict: true,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`--port must be 0–65535, got ${values.port}`);
  const host = await startBrowserHost({
    port,
    backendUrl: values['backend-url'],
    rendererDir: values['renderer-dir'],
    dataDir: values['data-dir'],
    inMemory: values['in-memory'],
    simulator: !values['no-simulator'],
    demo: !values['no-demo'],
    quiet: values.quiet,
  });
  process.stdout.write(`console ready at ${host.url}\n`);
  return host.stop;
}

const entry = process.argv[1];
const isEntry = entry !== undefined && import.meta.url === pathToFileURL(resolve(entry)).href;
if (isEntry) {
  runBrowserHostCli(process.argv.slice(2))
    .then((stop) => {
      let stopping = false;
      const shutdown = () => {
        if (stopping) return;
        stopping = true;
        void stop().finally(() => process.exit(0));
      };
      process.on('SIGINT', shutdown);
      process.on('SIGTERM', shutdown);
    })
    .catch((error: unknown) => {
      process.stderr.write(
        `browser host failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exit(1);
    });
}
