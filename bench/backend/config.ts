/**
 * What `npm run bench:backend` runs and for how long, from the environment:
 *
 * - `BENCH_ONLY=messages,typename,takeover,rawpg,startup,fanout` runs only those sections
 *   (default: all). `takeover` includes the raw conditional-UPDATE race it is compared with.
 * - `BENCH_SECONDS` (default 8): the measured window of each throughput phase.
 * - `BENCH_WARMUP_SECONDS` (default 1): the unmeasured start of each throughput phase.
 * - `BENCH_SERIAL_SECONDS` (default 4): the single PostgreSQL client's window.
 * - `BENCH_CONCURRENCY` (default 32): concurrent senders / clients in throughput phases.
 * - `BENCH_RAW_RACERS` (default 50): raw `pg` clients racing one conditional UPDATE.
 * - `BENCH_TAKEOVER_ROUNDS` (default 8): measured rounds of each take-over scenario.
 * - `BENCH_TYPENAME_ROUNDS` (default 4): the request-rate phases are interleaved this many
 *   times (bare yoga, then our backend, …), each for BENCH_SECONDS / rounds.
 * - `BENCH_EMBEDDED=memory|dir` (default memory): the embedded store of the message phase
 *   in memory or in a temporary data dir.
 * - `BENCH_STARTUP_QUIET_SECONDS` (default 5): idle time before the second RSS reading.
 */

export const SECTIONS = ['rawpg', 'typename', 'messages', 'takeover', 'fanout', 'startup'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchConfig {
  sections: Set<Section>;
  warmupMs: number;
  durationMs: number;
  serialMs: number;
  concurrency: number;
  rawRacers: number;
  takeOverRounds: number;
  typenameRounds: number;
  embeddedMode: 'memory' | 'dir';
  startupQuietMs: number;
}

function numberFrom(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max)
    throw new Error(`${name} must be a number from ${min} to ${max}, not "${raw}"`);
  return value;
}

function sectionsFrom(raw: string | undefined): Set<Section> {
  if (raw === undefined || raw.trim() === '') return new Set(SECTIONS);
  const chosen = new Set<Section>();
  for (const name of raw.split(',').map((part) => part.trim().toLowerCase())) {
    if (name === '') continue;
    if (!(SECTIONS as readonly string[]).includes(name))
      throw new Error(`BENCH_ONLY: unknown section "${name}" (known: ${SECTIONS.join(', ')})`);
    chosen.add(name as Section);
  }
  return chosen;
}

/** Reads the configuration; throws with the variable's name when a value is out of range. */
export function benchConfig(): BenchConfig {
  const embedded = process.env['BENCH_EMBEDDED'] ?? 'memory';
  if (embedded !== 'memory' && embedded !== 'dir')
    throw new Error(`BENCH_EMBEDDED must be "memory" or "dir", not "${embedded}"`);
  return {
    sections: sectionsFrom(process.env['BENCH_ONLY']),
    warmupMs: numberFrom('BENCH_WARMUP_SECONDS', 1, 0, 60) * 1000,
    durationMs: numberFrom('BENCH_SECONDS', 8, 0.5, 600) * 1000,
    serialMs: numberFrom('BENCH_SERIAL_SECONDS', 4, 0.5, 600) * 1000,
    concurrency: Math.round(numberFrom('BENCH_CONCURRENCY', 32, 1, 256)),
    rawRacers: Math.round(numberFrom('BENCH_RAW_RACERS', 50, 2, 95)),
    takeOverRounds: Math.round(numberFrom('BENCH_TAKEOVER_ROUNDS', 8, 1, 100)),
    typenameRounds: Math.round(numberFrom('BENCH_TYPENAME_ROUNDS', 4, 1, 10)),
    embeddedMode: embedded,
    startupQuietMs: numberFrom('BENCH_STARTUP_QUIET_SECONDS', 5, 1, 120) * 1000,
  };
}
