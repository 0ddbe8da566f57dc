import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runGraphqlWsFanOut, type FanOutOptions } from './fan-out';
import { LoadWorker } from './load-client';
import { createFreshDatabase, POSTGRES_ADMIN_URL } from './pg-database';
import { runRawWsFanOut } from './raw-ws';
import { note, round2 } from './stats';
import { runTakeOver, type TakeOverOptions, type TakeOverReport } from './take-over';

/**
 * `npm run bench:backend`: take-over races (embedded and PostgreSQL) and subscription
 * fan-out (graphql-ws beside a raw `ws` broadcast of the same payloads). Prints one JSON
 * object on stdout (progress on stderr), writes it to bench/results/backend.json, and exits
 * non-zero only when a take-over race did not have exactly one winner.
 */

const TAKE_OVER: Omit<TakeOverOptions, 'databaseUrl'> = { attempts: 100, rounds: 8 };
const FAN_OUT: FanOutOptions = {
  clients: 500,
  pacedEvents: 200,
  pacedPerSecond: 50,
  burstEvents: 300,
  burstConcurrency: 8,
  visitors: 50,
};

async function takeOverOnPostgres(
  worker: LoadWorker,
): Promise<TakeOverReport | { skipped: true; reason: string }> {
  let database;
  try {
    database = await createFreshDatabase();
  } catch (error) {
    return {
      skipped: true,
      reason: `PostgreSQL at ${new URL(POSTGRES_ADMIN_URL).host} unreachable: ${String(error)}`,
    };
  }
  try {
    return await runTakeOver(worker, { ...TAKE_OVER, databaseUrl: database.url });
  } finally {
    await database.drop().catch((error: unknown) => note(`could not drop ${database.url}: ${String(error)}`));
  }
}

const ratio = (a: number | undefined, b: number | undefined): number | null =>
  a !== undefined && b !== undefined && b > 0 ? round2(a / b) : null;

/** Runs `fn` with a fresh load worker (each section starts from a clean client process). */
async function withWorker<T>(fn: (worker: LoadWorker) => Promise<T>): Promise<T> {
  const worker = LoadWorker.start();
  try {
    return await fn(worker);
  } finally {
    await worker.stop();
  }
}

async function main(): Promise<number> {
  const started = Date.now();
  const loadAtStart = loadavg().map(round2);
  const embedded = await withWorker((worker) => runTakeOver(worker, TAKE_OVER));
  const postgres = await withWorker((worker) => takeOverOnPostgres(worker));
  const graphqlWs = await withWorker((worker) => runGraphqlWsFanOut(worker, FAN_OUT));
  const rawWs =
    graphqlWs.payloads.paced.length > 0
      ? await withWorker((worker) =>
          runRawWsFanOut(worker, {
            clients: FAN_OUT.clients,
            pacedPerSecond: FAN_OUT.pacedPerSecond,
            payloads: graphqlWs.payloads,
          }),
        )
      : null;
  const { payloads: _payloads, ...graphqlWsReport } = graphqlWs;
  const races = [embedded, postgres].flatMap((r) =>
    'twoAdmins' in r ? [r.twoAdmins, r.distinctAdmins] : [],
  );
  const correct = races.every((r) => r.correct);
  const report = {
    bench: 'backend',
    at: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    machine: {
      cores: cpus().length,
      cpu: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      platform: process.platform,
      // Other work on the machine skews every number here: 1/5/15-minute load averages.
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: loadavg().map(round2),
    },
    takeOver: {
      method:
        'each round: a fresh enquiry a visitor started and an agent picked up; 100 concurrent takeOverEnquiry ' +
        'with distinct idempotency keys and expectedVersion = the version read before the race, sent by the load ' +
        'worker process; latency = send to parsed response; winners = ENQUIRY_TAKEN_OVER entries in the audit trail',
      ...TAKE_OVER,
      embedded,
      postgres,
    },
    fanOut: {
      clients: FAN_OUT.clients,
      subscription: 'boardEvents with the console document BOARD_EVENTS (shared/graphql/documents.ts)',
      driver:
        `sendVisitorMessage over HTTP from ${FAN_OUT.visitors} visitors (startEnquiry), round-robin; paced: ` +
        `${FAN_OUT.pacedEvents} at ${FAN_OUT.pacedPerSecond}/s; burst: ${FAN_OUT.burstEvents} with ${FAN_OUT.burstConcurrency} in flight`,
      commitStamp:
        'wall clock when the backend hands the committed event to pub/sub (pubsub.publish wrapped by the bench)',
      clientsProcess: 'all subscribers in one separate Node process (the load worker); servers in this one',
      graphqlWs: graphqlWsReport,
      rawWs: rawWs ?? { skipped: true, reason: 'no graphql-ws payloads to replay' },
      ratio: {
        pacedDeliveredPerSecond: ratio(graphqlWs.paced?.deliveredPerSecond, rawWs?.paced.deliveredPerSecond),
        pacedP99: ratio(graphqlWs.paced?.delivery.latency.p99Ms, rawWs?.paced.delivery.latency.p99Ms),
        burstDeliveredPerSecond: ratio(graphqlWs.burst?.deliveredPerSecond, rawWs?.burst.deliveredPerSecond),
        burstP99: ratio(graphqlWs.burst?.delivery.latency.p99Ms, rawWs?.burst.delivery.latency.p99Ms),
      },
    },
    correctness: { exactlyOneWinnerEveryRound: correct },
  };
  const json = JSON.stringify(report, null, 2);
  const results = fileURLToPath(new URL('../results/', import.meta.url));
  mkdirSync(results, { recursive: true });
  writeFileSync(`${results}backend.json`, `${json}\n`);
  process.stdout.write(`${json}\n`);
  note(`done in ${((Date.now() - started) / 1000).toFixed(1)} s; written to bench/results/backend.json`);
  return correct ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
    // Everything is closed by now; should a handle linger anyway, do not hang on it.
    setTimeout(() => {
      note('a handle kept the process alive after the report; exiting');
      process.exit(code);
    }, 10_000).unref();
  },
  (error: unknown) => {
    process.stderr.write(
      `[bench:backend] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(2);
  },
);
