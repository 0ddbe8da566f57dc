import { ratio } from './stats';
import type { Sections } from './targets';

/**
 * The run's headline figures side by side (what the README's benchmark table carries), picked
 * from the sections' full reports; null where a section was skipped or not run.
 */

type Store = 'embedded' | 'postgres';
type PerStore<T> = Record<Store, T | null>;

function measured<T>(value: T | undefined | null): Exclude<T, { skipped: true }> | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'object' && 'skipped' in value) return null;
  return value as Exclude<T, { skipped: true }>;
}

function perStore<T>(pick: (store: Store) => T | null | undefined): PerStore<T> {
  return { embedded: pick('embedded') ?? null, postgres: pick('postgres') ?? null };
}

export function summarize(s: Sections) {
  const raw = measured(s.rawPostgres);
  const messages = (store: Store) => measured(s.messages?.[store]);
  const rates = (store: Store) => measured(s.requestRates?.backends[store]);
  const takeOver = (store: Store) => (s.takeOver ? measured(s.takeOver[store]) : null);
  const race = s.takeOver ? measured(s.takeOver.rawRace) : null;
  const bare = s.requestRates?.bareYogaTypename ?? null;
  return {
    tenantMessages: {
      messagesPerSecond: perStore((st) => messages(st)?.messagesPerSecond),
      p50Ms: perStore((st) => messages(st)?.p50Ms),
      p99Ms: perStore((st) => messages(st)?.p99Ms),
      refusedOrFailed: perStore((st) => {
        const m = messages(st);
        return m ? m.load.failedCount + m.load.warmup.failed + m.load.tail.failed : null;
      }),
      vsRawPostgresCommits: perStore((st) =>
        ratio(messages(st)?.messagesPerSecond, raw?.concurrent.commitsPerSecond),
      ),
      vsBareYogaTypename: perStore((st) => ratio(messages(st)?.messagesPerSecond, bare?.requestsPerSecond)),
    },
    rawPostgres: raw && {
      concurrentClients: raw.concurrent.clients,
      commitsPerSecond: raw.concurrent.commitsPerSecond,
      p50Ms: raw.concurrent.latency.p50Ms,
      p99Ms: raw.concurrent.latency.p99Ms,
      serialCommitsPerSecond: raw.serial.commitsPerSecond,
      serialP99Ms: raw.serial.latency.p99Ms,
    },
    requestRates: bare && {
      bareYogaTypenamePerSecond: bare.requestsPerSecond,
      typenamePerSecond: perStore((st) => rates(st)?.typename.requestsPerSecond),
      mePerSecond: perStore((st) => rates(st)?.me.requestsPerSecond),
      typenameVsBareYoga: perStore((st) => rates(st)?.typenameVsBareYoga),
      meVsBareYoga: perStore((st) => rates(st)?.meVsBareYoga),
    },
    takeOver: s.takeOver && {
      twoAdminsP50Ms: perStore((st) => takeOver(st)?.twoAdmins.latency.p50Ms),
      twoAdminsP99Ms: perStore((st) => takeOver(st)?.twoAdmins.latency.p99Ms),
      distinctAdminsP99Ms: perStore((st) => takeOver(st)?.distinctAdmins.latency.p99Ms),
      rawRaceP50Ms: race?.latency.p50Ms ?? null,
      rawRaceP99Ms: race?.latency.p99Ms ?? null,
      p99VsRawRace: perStore((st) => s.takeOver?.p99VsRawRace[st].twoAdmins),
      exactlyOneWinnerEveryRound: s.takeOver.exactlyOneWinnerEveryRound,
    },
    startup: s.startup && {
      nodeTsxFloorMs: Math.min(...s.startup.nodeTsxFloorMs),
      freshDataDirServingMs: s.startup.freshDataDir.servingMs,
      freshDataDirIdleRssMb: s.startup.freshDataDir.rssIdleMb,
      existingDataDirServingMs: s.startup.existingDataDir.map((r) => r.servingMs),
      existingDataDirIdleRssMb: s.startup.existingDataDir.map((r) => r.rssIdleMb),
      inMemoryDemoServingMs: s.startup.inMemoryDemo.servingMs,
      inMemoryDemoIdleRssMb: s.startup.inMemoryDemo.rssIdleMb,
    },
  };
}
