/**
 * `npm run serve -- [--port N] [--backend-url URL] [--no-simulator] [--no-demo]
 * [--data-dir DIR] [--in-memory] [--renderer-dir DIR] [--fake-update VERSION] [--quiet]`
 *
 * Starts the browser host and prints one line: `console ready at <url>`.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  checkPortFree,
  errorCode,
  errorText,
  exitWithStartupFailure,
  listenFailure,
  StartupError,
} from '../../backend/startup-error';
import { defaultDataDir } from '../../backend/options';
import { checkDataDir } from '../../backend/storage/data-dir';
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
  --fake-update <version> Development only: a fake release channel offering this version, to see
                          the console's update status (check, download with progress, "Restart to
                          update"); its restart only pretends. Updates are otherwise unavailable here
  --fake-update-step-ms <n>
                          The fake's pace in ms: a check takes 3 steps, a download 15 (default 400)
  --quiet                 Print only the ready line
  -h, --help              Show this help

A mistake in the options exits with code 2; a backend, folder or port that cannot be used with
code 1; each with one line saying what to do (DEBUG=1 adds the cause's stack).
`;

/** A command line the host cannot take (an unknown option, a bad value): exit code 2. */
export class UsageError extends StartupError {
  constructor(message: string) {
    const sentence = /[.!?]$/.test(message) ? message : `${message}.`;
    super(`${sentence} Run with --help for the options.`, 2);
  }
}

const BACKEND_CHECK_TIMEOUT_MS = 5_000;

/**
 * Checks that the enquiry backend at `--backend-url` answers (`GET /healthz`) before the host
 * says it is ready: a console on a dead address would show nothing but reconnect attempts.
 */
export async function checkBackendUrl(raw: string): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--backend-url must be a URL like http://127.0.0.1:4000/graphql, not "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(
      `--backend-url must be an http:// or https:// URL like http://127.0.0.1:4000/graphql, not "${raw}"`,
    );
  const health = new URL('/healthz', url);
  let status: number;
  try {
    const response = await fetch(health, { signal: AbortSignal.timeout(BACKEND_CHECK_TIMEOUT_MS) });
    status = response.status;
    await response.body?.cancel();
  } catch (error) {
    const code = errorCode(error);
    const reason =
      code === 'ABORT_ERR' || code === '23' || (error as Error).name === 'TimeoutError'
        ? `no answer within ${BACKEND_CHECK_TIMEOUT_MS / 1000} s`
        : (code ?? errorText((error as Error).cause ?? error));
    throw new StartupError(
      `--backend-url ${raw}: could not reach the enquiry backend (GET ${health.href}: ${reason}); start it (npm run backend) or correct --backend-url.`,
      1,
      { cause: error },
    );
  }
  if (status !== 200)
    throw new StartupError(
      `--backend-url ${raw}: GET ${health.href} answered ${status}, not 200; is this an enquiry backend? Correct --backend-url, or omit it for the embedded one.`,
    );
  return raw;
}

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
        'fake-update': { type: 'string' },
        'fake-update-step-ms': { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** A release version as electron-builder writes it: semver, perhaps a pre-release (0.2.0, 1.3.0-beta.2). */
const SEMVER = /^\d{1,6}\.\d{1,6}\.\d{1,6}(?:-[0-9A-Za-z.-]{1,40})?$/;

/** `--fake-update` and its pace, checked. */
export function fakeUpdateOption(
  version: string | undefined,
  stepMs: string | undefined,
): { version: string; stepMs?: number } | undefined {
  if (version === undefined) {
    if (stepMs !== undefined) throw new UsageError('--fake-update-step-ms needs --fake-update <version>');
    return undefined;
  }
  if (!SEMVER.test(version))
    throw new UsageError(`--fake-update must be a version like 0.2.0 or 0.3.0-beta.1, not "${version}"`);
  if (stepMs === undefined) return { version };
  const ms = Number(stepMs);
  if (!Number.isInteger(ms) || ms < 10 || ms > 60_000)
    throw new UsageError(
      `--fake-update-step-ms must be a whole number of milliseconds from 10 to 60000, not "${stepMs}"`,
    );
  return { version, stepMs: ms };
}

/** Parses the command line and starts the host; returns the stop function. */
export async function runBrowserHostCli(argv: string[]): Promise<() => Promise<void>> {
  const values = parseCommandLine(argv);
  if (values.help) {
    process.stdout.write(HELP);
    return async () => undefined;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  const fakeUpdate = fakeUpdateOption(values['fake-update'], values['fake-update-step-ms']);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new UsageError(`--port must be a whole number from 0 to 65535, not "${values.port}"`);
  // Before the renderer is built and the embedded backend starts and seeds: a port in use or a
  // data dir this user cannot use fails in a moment.
  await checkPortFree('127.0.0.1', port);
  if (values['backend-url'] === undefined && !values['in-memory'])
    checkDataDir(values['data-dir'] ?? defaultDataDir());
  const backendUrl =
    values['backend-url'] === undefined ? undefined : await checkBackendUrl(values['backend-url']);
  const host = await startBrowserHost({
    port,
    backendUrl,
    rendererDir: values['renderer-dir'],
    dataDir: values['data-dir'],
    inMemory: values['in-memory'],
    simulator: !values['no-simulator'],
    demo: !values['no-demo'],
    quiet: values.quiet,
    fakeUpdate,
  }).catch((error: unknown) => {
    // The host's own port (the embedded backend listens on a free one).
    if (!(error instanceof StartupError) && ['EADDRINUSE', 'EACCES'].includes(errorCode(error) ?? ''))
      throw listenFailure(error, '127.0.0.1', port);
    throw error;
  });
  if (fakeUpdate && !values.quiet)
    process.stderr.write(
      `[browser-host] a FAKE release channel offers ${fakeUpdate.version}: nothing is downloaded or installed, and its restart only pretends\n`,
    );
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
    .catch((error: unknown) => exitWithStartupFailure(error, 'browser host'));
}
