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

const HELP = `Usage: npm run serve -- [options]

Serves the console to a browser on 127.0.0.1 (the same core the desktop app runs) and prints
\`console ready at <url>\`: open that URL; its per-launch token is required.

Options:
  --port <n>              Port to listen on; 0 picks a free one (default 0)
  --backend-url <url>     An enquiry backend to use (http://HOST:PORT/graphql); without it an
                          embedded backend starts with the demo world
  --data-dir <dir>        The embedded backend's store folder (default: the per-user data folder)
  --in-memory             The embedded backend keeps nothing on disk
  --no-simulator          The embedded demo world holds still (no simulated traffic)
  --no-demo               The embedded backend starts without the demo world
  --renderer-dir <dir>    Serve the renderer built in this folder, as it is (default: dist/renderer,
                          rebuilt first when older than its sources)
  --quiet                 Print only the ready line
  -h, --help              Show this help
`;

/** A command line the host cannot take (an unknown option, a bad value). */
export class UsageError extends Error {}

function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({
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
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Parses the command line and starts the host; returns the stop function. */
export async function runBrowserHostCli(argv: string[]): Promise<() => Promise<void>> {
  const values = parseCommandLine(argv);
  if (values.help) {
    process.stdout.write(HELP);
    return async () => undefined;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new UsageError(`--port must be 0–65535, got ${values.port}`);
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
        `browser host failed to start: ${error instanceof Error ? error.message : String(error)}\n${
          error instanceof UsageError ? 'Run with --help for the options.\n' : ''
        }`,
      );
      process.exit(1);
    });
}
