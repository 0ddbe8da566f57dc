import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, uptime } from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchConfig, type Section } from './config';
import { runFanOutSection } from './fan-out-section';
import { withWorker } from './load-client';
import { runRawPostgres } from './raw-postgres';
import { runRequestRates } from './request-rates';
import { runStartup } from './startup';
import { note, round2 } from './stats';
import { summarize as summarizeSections } from './summary';
import { runTakeOverSection } from './take-over-section';
import { judgeTargets, type Sections } from './targets';
import { runTenantMessages, type MessagesResult } from './tenant-messages';

/**
 * `npm run -s bench:backend`: the backend's write path beside the database's speed, side by
 * side in one run (issue #10): tenant messages/s through the public API on both stores, raw
 * PostgreSQL commits, `{ __typename }` / `me` beside a bare graphql-yoga, take-over races
 * beside a raw conditional-UPDATE race, start-up time and memory; and subscription fan-out.
 * Sections and durations come from the environment (config.ts). Prints one JSON object on
 * stdout (progress on stderr) and writes it to bench/results/backend.json. Exits 1 when a
 * race did not have exactly one winner, 2 when a section failed, else 0 (targets missed are
 * figures, not failures).
 */

function machineLoad(): { uptime: string; uptimeSeconds: number; loadAverage: number[] } {
  let text = '';
  try {
    text = execFileSync('uptime', { encoding: 'utf8', timeout: 2_000 }).trim();
  } catch {
    text = 'uptime unavailable';
  }
  return { uptime: text, uptimeSeconds: Math.round(uptime()), loadAverage: loadavg().map(round2) };
}

async function main(): Promise<number> {
  const config = benchConfig();
  const started = Date.now();
  const atStart = machineLoad();
  const sections: Sections = {};
  const failures: Record<string, string> = {};
  const sectionMs: Record<string, number> = {};

  const run = async <T>(name: Section, fn: () => Promise<T>): Promise<T | undefined> => {
    if (!config.sections.has(name)) return undefined;
    const t0 = Date.now();
    note(`section ${name}`);
    try {
      return await fn();
    } catch (error) {
      failures[name] = error instanceof Error ? (error.stack ?? error.message) : String(error);
      note(`section ${name} failed: ${failures[name]}`);
      return undefined;
    } finally {
      sectionMs[name] = Date.now() - t0;
    }
  };

  sections.rawPostgres = await run('rawpg', () => runRawPostgres(config));
  sections.requestRates = await run('typename', () =>
    withWorker((worker) => runRequestRates(worker, config)),
  );
  sections.messages = await run('messages', async () => {
    const result: Partial<Record<'embedded' | 'postgres', MessagesResult>> = {};
    for (const store of ['embedded', 'postgres'] as const)
      result[store] = await withWorker((worker) => runTenantMessages(worker, config, store));
    return result;
  });
  sections.takeOver = await run('takeover', () => runTakeOverSection(config));
  const fanOut = await run('fanout', () => runFanOutSection());
  sections.startup = await run('startup', () => runStartup(config));

  const warnings: string[] = [];
  for (const [store, result] of Object.entries(sections.messages ?? {})) {
    if ('skipped' in result) warnings.push(`messages (${store}) skipped: ${result.reason}`);
    else if (!result.clean)
      warnings.push(
        `messages (${store}): requests failed (${JSON.stringify(result.load.failed)}; first: ${result.load.firstError})`,
      );
    else if (result.persisted.match === false)
      warnings.push(
        `messages (${store}): ${result.persisted.acknowledged} acknowledged, ${result.persisted.stored} stored`,
      );
  }
  for (const [name, reason] of Object.entries(failures))
    warnings.push(`section ${name} failed: ${reason.split('\n')[0]}`);
  const correct = sections.takeOver?.exactlyOneWinnerEveryRound ?? true;
  if (!correct) warnings.push('a take-over or raw race round did not have exactly one winner');

  const { targets, allMet } = judgeTargets(sections);
  const report = {
    bench: 'backend',
    at: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    sectionsRun: [...config.sections],
    sectionMs,
    config: {
      warmupMs: config.warmupMs,
      windowMs: config.durationMs,
      serialWindowMs: config.serialMs,
      concurrency: config.concurrency,
      rawRacers: config.rawRacers,
      takeOverRounds: config.takeOverRounds,
      typenameRounds: config.typenameRounds,
      embeddedStoreForMessages: config.embeddedMode,
    },
    machine: {
      cores: cpus().length,
      cpu: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      platform: process.platform,
      // Other work on the machine skews every number here.
      atStart,
      atEnd: machineLoad(),
    },
    warnings,
    summary: summarizeSections(sections),
    targets,
    allTargetsMet: allMet,
    rawPostgres: sections.rawPostgres ?? null,
    requestRates: sections.requestRates ?? null,
    messages: sections.messages ?? null,
    takeOver: sections.takeOver ?? null,
    fanOut: fanOut ?? null,
    startup: sections.startup ?? null,
    failures,
    correctness: { exactlyOneWinnerEveryRound: correct },
  };
  const json = JSON.stringify(report, null, 2);
  const results = fileURLToPath(new URL('../results/', import.meta.url));
  mkdirSync(results, { recursive: true });
  writeFileSync(`${results}backend.json`, `${json}\n`);
  process.stdout.write(`${json}\n`);
  for (const warning of warnings) note(`WARNING: ${warning}`);
  note(`done in ${((Date.now() - started) / 1000).toFixed(1)} s; written to bench/results/backend.json`);
  return !correct ? 1 : Object.keys(failures).length > 0 ? 2 : 0;
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
