import { parseArgs } from 'node:util';
import { startBackend } from './index';
import { backendOptionsSchema, defaultDataDir } from './options';

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
`;

function fail(message: string): never {
  process.stderr.write(`${message}\nRun with --help for the options.\n`);
  process.exit(2);
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
    fail((error as Error).message);
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
  const options = backendOptionsSchema.safeParse(
    Object.fromEntries(Object.entries(candidate).filter(([, value]) => value !== undefined && value !== '')),
  );
  if (!options.success) {
    const issue = options.error.issues[0];
    fail(`Invalid option ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}.`);
  }
  const backend = await startBackend(options.data);
  process.stdout.write(`enquiry backend listening on ${backend.url}\n`);
  const shutdown = (): void => {
    void backend.stop().finally(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `enquiry backend failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
