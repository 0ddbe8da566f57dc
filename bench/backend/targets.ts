import type { RawPostgresReport } from './raw-postgres';
import type { RequestRatesReport } from './request-rates';
import type { StartupReport } from './startup';
import { ratio } from './stats';
import type { TakeOverSection } from './take-over-section';
import type { MessagesResult } from './tenant-messages';

/**
 * The targets (#10, "Done means"), judged on this run's figures: ratios measured in
 * one run, so that they hold on a noisy machine. A target whose figures were not measured
 * (section skipped or not run) is `met: null`.
 */

export interface Target {
  what: string;
  value: number | null;
  limit: number;
  met: boolean | null;
}

type Store = 'embedded' | 'postgres';
const STORES: Store[] = ['embedded', 'postgres'];

const atLeast = (what: string, value: number | null, limit: number): Target => ({
  what,
  value,
  limit,
  met: value === null ? null : value >= limit,
});
const atMost = (what: string, value: number | null, limit: number): Target => ({
  what,
  value,
  limit,
  met: value === null ? null : value <= limit,
});

export interface Sections {
  rawPostgres?: RawPostgresReport | { skipped: true; reason: string };
  messages?: Partial<Record<Store, MessagesResult>>;
  requestRates?: RequestRatesReport;
  takeOver?: TakeOverSection;
  startup?: StartupReport;
}

export function judgeTargets(s: Sections): { targets: Record<string, Target>; allMet: boolean | null } {
  const targets: Record<string, Target> = {};
  const bare = s.requestRates?.bareYogaTypename.requestsPerSecond ?? null;
  for (const store of STORES) {
    const messages = s.messages?.[store];
    const measured = messages && !('skipped' in messages) ? messages : null;
    targets[`${store}.messagesVsBareYogaTypename`] = atLeast(
      'tenant messages/s (32 senders) ÷ bare graphql-yoga { __typename } requests/s',
      ratio(measured?.messagesPerSecond, bare),
      0.5,
    );
    targets[`${store}.messagesP99Ms`] = atMost('sendMessage p99, ms', measured?.p99Ms ?? null, 50);
    targets[`${store}.messagesWithoutErrors`] = {
      what: 'every sendMessage of the run answered without a refusal or failure (1 = yes)',
      value: measured ? (measured.clean ? 1 : 0) : null,
      limit: 1,
      met: measured ? measured.clean : null,
    };
    const rates = s.requestRates?.backends[store];
    targets[`${store}.typenameVsBareYoga`] = atLeast(
      '{ __typename } requests/s (valid token) ÷ bare graphql-yoga',
      rates && !('skipped' in rates) ? rates.typenameVsBareYoga : null,
      0.8,
    );
    targets[`${store}.takeOverP99VsRawRace`] = atMost(
      '100 concurrent takeOverEnquiry p99 (two admins) ÷ raw conditional-UPDATE race p99',
      s.takeOver?.p99VsRawRace[store].twoAdmins ?? null,
      3,
    );
  }
  if (s.takeOver)
    targets['takeOverExactlyOneWinner'] = {
      what: 'exactly one winner every take-over round (both stores, both scenarios) and every raw race round (1 = yes)',
      value: s.takeOver.exactlyOneWinnerEveryRound ? 1 : 0,
      limit: 1,
      met: s.takeOver.exactlyOneWinnerEveryRound,
    };
  const startup = s.startup;
  targets['existingDataDirServingMs'] = atMost(
    'embedded backend restarted on an existing data dir: spawn to serving (first /healthz 200), ms (worst restart)',
    startup?.existingDataDirWorst.servingMs ?? null,
    3000,
  );
  targets['inMemoryDemoServingMs'] = atMost(
    'in-memory demo: spawn to serving (first /healthz 200), ms',
    startup?.inMemoryDemo.servingMs ?? null,
    5000,
  );
  targets['existingDataDirIdleRssMb'] = atMost(
    'embedded backend on an existing data dir: idle resident memory, MB (worst restart)',
    startup?.existingDataDirWorst.rssIdleMb ?? null,
    250,
  );
  const judged = Object.values(targets).filter((t) => t.met !== null);
  return { targets, allMet: judged.length === 0 ? null : judged.every((t) => t.met) };
}
