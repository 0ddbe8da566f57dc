import { parseArgs } from 'node:util';
import { backendOptionsSchema, defaultDataDir } from './options';
import { preflight } from './preflight';
import { exitWithStartupFailure, StartupError } from './startup-error';

const HELP = `Usage: npm run backend -- [options]

Starts the enquiry backend: GraphQL over HTTP and graphql-ws on http://HOST:PORT/graphql.

Options:
  --port <n>              Port to listen on; 0 picks a free one (default 4000)
  --host <addr>           Address to bind (default 127.0.0.1)
  --data-dir <dir>        Embedded store folder (default ${defaultDataDir()})
  --in-memory             Embedded store in memory only; nothing is kept
  --database-url <url>    PostgreSQL (scale-out mode); or DATABASE_URL
  --redis-url <url>       Redis pub/sub (scale-out mode); or REDIS_URL
  --demo                  Seed the demo world (once) and run the traffic simulator
  --no-simulator          With --demo: seed only, so that the world holds still
  --simulator-interval <ms>  Milliseconds between simulator steps (default 2500)
  --token-ttl <s>         Access token lifetime in seconds (default 900)
  --message-rate <n>      Messages one visitor or staff member may send per 10 s (default 30)
  --monitor-lease-ttl <ms>  How long a console window's monitoring outlives its room stream (default 30000)
  --cors-origin <list>    Comma-separated browser origins allowed over HTTP (default: none)
  --quiet                 Print only the ready line
  -h, --help              Show this help

A mistake in the options exits with code 2, a folder, port, database or Redis that cannot be
used with code 1; each with one line saying what to do (DEBUG=1 adds the cause's stack).
`;

/** The command-line flag of each option, for messages. */
const FLAGS: Readonly<Record<string, string>> = {
  port: '--port',
  host: '--host',
  dataDir: '--data-dir',
  inMemory: '--in-memory',
  databaseUrl: '--database-url (or DATABASE_URL)',
  redisUrl: '--redis-url (or REDIS_URL)',
  demo: '--demo',
  simulator: '--no-simulator',
  simulatorIntervalMs: '--simulator-interval',
  accessTokenTtlSeconds: '--token-ttl',
  messagesPer10Seconds: '--message-rate',
  monitorLeaseTtlMs: '--monitor-lease-ttl',
  corsOrigins: '--cors-origin',
  quiet: '--quiet',
};

/** A rejected option value as one line in the CLI's own terms. */
function describeIssue(
  issue:
    { path: PropertyKey[]; code: string; message: string; minimum?: unknown; maximum?: unknown } | undefined,
  given: Record<string, unknown>,
): string {
  if (!issue) return 'The options are not valid.';
  const [key, index] = issue.path;
  const flag = FLAGS[String(key)] ?? `--${String(key)}`;
  const value = given[String(key)];
  const shown = JSON.stringify(typeof index === 'number' && Array.isArray(value) ? value[index] : value);
  if (issue.code === 'too_small') return `${flag} must be at least ${String(issue.minimum)}, not ${shown}.`;
  if (issue.code === 'too_big') return `${flag} must be at most ${String(issue.maximum)}, not ${shown}.`;
  return `${flag} ${issue.message}, not ${shown}.`;
}

function fail(message: string): never {
  const sentence = /[.!?]$/.test(message) ? message : `${message}.`;
  throw new StartupError(`${sentence} Run with --help for the options.`, 2);
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        'in-memory': { type: 'boolean' },
        'database-url': { type: 'string' },
        'redis-url': { type: 'string' },
        demo: { type: 'boolean' },
        simulator: { type: 'boolean' },
        'no-simulator': { type: 'boolean' },
        'simulator-interval': { type: 'string' },
        'token-ttl': { type: 'string' },
        'message-rate': { type: 'string' },
        'monitor-lease-ttl': { type: 'string' },
        'cors-origin': { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    // parseArgs adds a hint about positionals after the first sentence: the first one says it.
    fail((error as Error).message.split('. ')[0] ?? String(error));
  }
  if (parsed.help) {
    process.stdout.write(HELP);
    return;
  }
  const integer = (value: string | undefined, name: string): number | undefined => {
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value)) fail(`--${name} must be a whole number, not "${value}".`);
    return Number(value);
  };
  const candidate = {
    port: integer(parsed.port, 'port'),
    host: parsed.host,
    dataDir: parsed['data-dir'],
    inMemory: parsed['in-memory'],
    databaseUrl: parsed['database-url'] ?? process.env['DATABASE_URL'] ?? undefined,
    redisUrl: parsed['redis-url'] ?? process.env['REDIS_URL'] ?? undefined,
    demo: parsed.demo,
    simulator: parsed['no-simulator'] ? false : parsed.simulator,
    simulatorIntervalMs: integer(parsed['simulator-interval'], 'simulator-interval'),
    accessTokenTtlSeconds: integer(parsed['token-ttl'], 'token-ttl'),
    messagesPer10Seconds: integer(parsed['message-rate'], 'message-rate'),
    monitorLeaseTtlMs: integer(parsed['monitor-lease-ttl'], 'monitor-lease-ttl'),
    corsOrigins: parsed['cors-origin']
      ?.split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    quiet: parsed.quiet,
  };
  const given = Object.fromEntries(
    Object.entries(candidate).filter(([, value]) => value !== undefined && value !== ''),
  );
  const options = backendOptionsSchema.safeParse(given);
  if (!options.success) fail(describeIssue(options.error.issues[0], given));
  // The backend is loaded only now (~1 s of CPU): a mistake in the options, or a port, folder,
  // Redis or database that cannot be used, is answered at once.
  await preflight(
    options.data,
    options.data.quiet ? undefined : (line) => process.stderr.write(`[enquiry-backend] ${line}\n`),
  );
  const { startBackend } = await import('./index');
  const backend = await startBackend(options.data);
  process.stdout.write(`enquiry backend listening on ${backend.url}\n`);
  const shutdown = (): void => {
    void backend.stop().finally(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => exitWithStartupFailure(error, 'enquiry backend'));
