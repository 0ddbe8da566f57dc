import type { BenchConfig } from './config';
import { withWorker, type LoadWorker } from './load-client';
import { withFreshDatabase, type Skipped } from './pg-database';
import { runRawRace, type RawRaceReport } from './raw-race';
import { ratio } from './stats';
import { runTakeOver, type TakeOverOptions, type TakeOverReport } from './take-over';

/**
 * The take-over section: 100 concurrent takeOverEnquiry per round on the embedded store and
 * on PostgreSQL (take-over.ts), beside raw `pg` clients racing the same conditional UPDATE
 * (raw-race.ts), and the ratio of their p99s.
 */

export interface TakeOverSection {
  method: string;
  attempts: number;
  rounds: number;
  embedded: TakeOverReport;
  postgres: TakeOverReport | Skipped;
  rawRace: RawRaceReport | Skipped;
  /** takeOverEnquiry p99 / raw race p99, two-admin scenario (the issue's) and one-admin-per-attempt. */
  p99VsRawRace: Record<'embedded' | 'postgres', { twoAdmins: number | null; distinctAdmins: number | null }>;
  exactlyOneWinnerEveryRound: boolean;
}

function takeOverOnPostgres(worker: LoadWorker, options: TakeOverOptions): Promise<TakeOverReport | Skipped> {
  return withFreshDatabase((databaseUrl) => runTakeOver(worker, { ...options, databaseUrl }));
}

export async function runTakeOverSection(config: BenchConfig): Promise<TakeOverSection> {
  const options = { attempts: 100, rounds: config.takeOverRounds };
  const embedded = await withWorker((worker) => runTakeOver(worker, options));
  const postgres = await withWorker((worker) => takeOverOnPostgres(worker, options));
  const rawRace = await runRawRace({ racers: config.rawRacers, rounds: config.takeOverRounds });
  const rawP99 = 'skipped' in rawRace ? undefined : rawRace.latency.p99Ms;
  const versus = (report: TakeOverReport | Skipped) =>
    'skipped' in report
      ? { twoAdmins: null, distinctAdmins: null }
      : {
          twoAdmins: ratio(report.twoAdmins.latency.p99Ms, rawP99),
          distinctAdmins: ratio(report.distinctAdmins.latency.p99Ms, rawP99),
        };
  const races = [embedded, postgres].flatMap((r) =>
    'twoAdmins' in r ? [r.twoAdmins, r.distinctAdmins] : [],
  );
  return {
    method:
      'each round: a fresh enquiry a visitor started and an agent picked up; 100 concurrent takeOverEnquiry ' +
      'with distinct idempotency keys and expectedVersion = the version read before the race, sent by the load ' +
      'worker process; latency = send to parsed response; winners = ENQUIRY_TAKEN_OVER entries in the audit trail. ' +
      `Raw race: ${config.rawRacers} pg clients in the bench process, one conditional UPDATE each per round.`,
    ...options,
    embedded,
    postgres,
    rawRace,
    p99VsRawRace: { embedded: versus(embedded), postgres: versus(postgres) },
    exactlyOneWinnerEveryRound:
      races.every((r) => r.correct) && ('skipped' in rawRace || rawRace.exactlyOneWinnerEveryRound),
  };
}
