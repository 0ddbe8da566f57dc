import pg from 'pg';
import type { BenchConfig } from './config';
import { withFreshDatabase } from './pg-database';
import { note, round2, summarize, type LatencySummary } from './stats';

/**
 * The database's own speed on this machine, in the same run: `concurrency` `pg` clients (one
 * connection each, in this process) each committing small single-row insert transactions
 * (`begin; insert …; commit`, a message-sized row) back to back; then one client alone.
 * The first `warmupMs` are not measured; a transaction counts when its commit returns inside
 * the window.
 */

export interface CommitRate {
  clients: number;
  windowMs: number;
  commits: number;
  commitsPerSecond: number;
  /** begin → commit returned, per transaction. */
  latency: LatencySummary;
  errors: number;
  firstError: string | null;
}

export interface RawPostgresReport {
  server: string;
  statement: string;
  concurrent: CommitRate;
  serial: CommitRate;
}

const INSERT = `insert into bench_messages (enquiry_id, author_id, text, at) values ($1, $2, $3, now())`;

async function commitLoad(
  url: string,
  clients: number,
  warmupMs: number,
  windowMs: number,
): Promise<CommitRate> {
  const connections = await Promise.all(
    Array.from({ length: clients }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  const windowStart = performance.now() + warmupMs;
  const windowEnd = windowStart + windowMs;
  try {
    await Promise.all(
      connections.map(async (client, i) => {
        for (let n = 0; performance.now() < windowEnd; n += 1) {
          const started = performance.now();
          try {
            await client.query('begin');
            await client.query(INSERT, [`enq_${i}`, `stf_${i}`, `Bench message ${n} from client ${i}`]);
            await client.query('commit');
          } catch (error) {
            errors += 1;
            firstError ??= String(error);
            await client.query('rollback').catch(() => undefined);
            continue;
          }
          const finished = performance.now();
          if (finished >= windowStart && finished <= windowEnd) latencies.push(finished - started);
        }
      }),
    );
  } finally {
    await Promise.all(connections.map((client) => client.end().catch(() => undefined)));
  }
  return {
    clients,
    windowMs,
    commits: latencies.length,
    commitsPerSecond: round2((latencies.length / windowMs) * 1000),
    latency: summarize(latencies),
    errors,
    firstError,
  };
}

export async function runRawPostgres(
  config: BenchConfig,
): Promise<RawPostgresReport | { skipped: true; reason: string }> {
  return withFreshDatabase(async (url) => {
    const setup = new pg.Client({ connectionString: url });
    await setup.connect();
    let server = 'unknown';
    try {
      await setup.query(`create table bench_messages (
        id bigserial primary key, enquiry_id text not null, author_id text not null, text text not null,
        at timestamptz not null)`);
      const settings = await setup.query<{ name: string; setting: string }>(
        `select name, setting from pg_settings where name in ('server_version', 'synchronous_commit', 'fsync')`,
      );
      server = settings.rows.map((row) => `${row.name}=${row.setting}`).join(', ');
    } finally {
      await setup.end();
    }
    note(`raw PostgreSQL: ${config.concurrency} clients committing inserts`);
    const concurrent = await commitLoad(url, config.concurrency, config.warmupMs, config.durationMs);
    note('raw PostgreSQL: one client committing inserts');
    const serial = await commitLoad(url, 1, config.warmupMs, config.serialMs);
    return { server, statement: `begin; ${INSERT}; commit`, concurrent, serial };
  });
}
