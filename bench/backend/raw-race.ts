import pg from 'pg';
import { withFreshDatabase, type Skipped } from './pg-database';
import { note, round2, summarize, type LatencySummary } from './stats';

/**
 * The floor for a take-over race: `racers` `pg` clients (one connection each, in this process)
 * racing ONE conditional UPDATE per round, as the take-over rule does at its core:
 * `update … set owner = $me, version = version + 1 where id = $1 and version = $2 returning …`,
 * all with the version read before the race. Exactly one must update the row each round.
 * Latency is send to result, per client.
 */

export interface RawRaceReport {
  racers: number;
  rounds: number;
  statement: string;
  latency: LatencySummary;
  /** Rows updated per measured round (must be 1 each). */
  winnersPerRound: number[];
  warmupWinners: number;
  roundWallMsMean: number;
  errors: number;
  firstError: string | null;
  exactlyOneWinnerEveryRound: boolean;
}

const UPDATE = `update race_targets set owner_id = $3, version = version + 1
  where id = $1 and version = $2 returning owner_id, version`;

export async function runRawRace(options: {
  racers: number;
  rounds: number;
}): Promise<RawRaceReport | Skipped> {
  return withFreshDatabase((url) => race(url, options));
}

async function race(url: string, options: { racers: number; rounds: number }): Promise<RawRaceReport> {
  const clients: pg.Client[] = [];
  try {
    for (let i = 0; i < options.racers; i += 1) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      clients.push(client);
    }
    const setup = clients[0] as pg.Client;
    await setup.query(
      `create table race_targets (id text primary key, owner_id text not null, version int not null)`,
    );
    note(`raw race: ${options.racers} clients, ${options.rounds} rounds`);
    const latencies: number[] = [];
    const winnersPerRound: number[] = [];
    let warmupWinners = 0;
    let errors = 0;
    let firstError: string | null = null;
    let wallMs = 0;
    for (let round = 0; round <= options.rounds; round += 1) {
      const id = `enq_race_${round}`;
      const rows = await setup.query<{ version: number }>(
        `insert into race_targets (id, owner_id, version) values ($1, 'stf_agent', 3) returning version`,
        [id],
      );
      const version = rows.rows[0]?.version ?? 3;
      const started = performance.now();
      const results = await Promise.all(
        clients.map(async (client, i) => {
          const sent = performance.now();
          try {
            const result = await client.query(UPDATE, [id, version, `stf_admin_${i}`]);
            return { ms: performance.now() - sent, won: result.rowCount === 1 };
          } catch (error) {
            errors += 1;
            firstError ??= String(error);
            return { ms: performance.now() - sent, won: false };
          }
        }),
      );
      const winners = results.filter((r) => r.won).length;
      if (round === 0) {
        warmupWinners = winners;
        continue;
      }
      wallMs += performance.now() - started;
      winnersPerRound.push(winners);
      latencies.push(...results.map((r) => r.ms));
    }
    return {
      racers: options.racers,
      rounds: options.rounds,
      statement: UPDATE.replace(/\s+/g, ' '),
      latency: summarize(latencies),
      winnersPerRound,
      warmupWinners,
      roundWallMsMean: round2(wallMs / Math.max(1, options.rounds)),
      errors,
      firstError,
      exactlyOneWinnerEveryRound: warmupWinners === 1 && winnersPerRound.every((n) => n === 1),
    };
  } finally {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  }
}
