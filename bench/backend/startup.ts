import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  healthzAfterReadyMs,
  residentMemory,
  spawnUntilReady,
  stopProcess,
  type StartedProcess,
} from './backend-process';
import type { BenchConfig } from './config';
import { note, round2, sleep } from './stats';

/**
 * Start-up time and resident memory of the embedded backend as the desktop app runs it:
 * `node --import tsx backend/cli.ts --port 0 --demo --no-simulator` in a child process,
 * (a) on a fresh data dir (it seeds the demo world), (b) restarted on that same data dir,
 * (c) `--in-memory`. Ready = spawn to the CLI's ready line; serving = spawn to the first
 * `GET /healthz` 200 asked right after it; RSS from /proc/<pid>/status of
 * the node process, `SETTLE_MS` after ready and again after a further quiet period with no
 * client attached. The floor: Node + tsx running a script that only prints a line.
 */

const CLI = 'backend/cli.ts';
const SETTLE_MS = 3_000;
const RESTARTS = 2;

export interface StartRun {
  /** Spawn to `enquiry backend listening on …`, ms. */
  readyMs: number;
  /** Ready line to the first `GET /healthz` 200, ms. */
  healthzAfterReadyMs: number | null;
  /** Spawn to that first 200: when it serves (what the start-up targets are judged on). */
  servingMs: number | null;
  /** Resident memory SETTLE_MS after ready, and after the quiet period (MB); peak RSS so far. */
  rssAfterSettleMb: number | null;
  rssIdleMb: number | null;
  peakRssMb: number | null;
  stopMs: number;
  exit: string;
}

export interface StartupReport {
  command: string;
  quietMs: number;
  nodeTsxFloorMs: number[];
  freshDataDir: StartRun;
  existingDataDir: StartRun[];
  inMemoryDemo: StartRun;
  /** The worst of the restarts on the existing data dir (what the targets are judged on). */
  existingDataDirWorst: { servingMs: number | null; rssIdleMb: number | null };
}

async function measure(args: string[], quietMs: number): Promise<StartRun> {
  let started: StartedProcess | null = null;
  try {
    started = await spawnUntilReady(CLI, args);
    const healthz = started.url ? await healthzAfterReadyMs(started.url) : null;
    await sleep(SETTLE_MS);
    const settled = residentMemory(started.pid);
    await sleep(quietMs);
    const idle = residentMemory(started.pid);
    const stop = await stopProcess(started.child);
    if (stop.exit !== 'code 0')
      note(`startup: ${args.join(' ')} ended with ${stop.exit}: ${started.stderrTail()}`);
    return {
      readyMs: Math.round(started.readyMs),
      healthzAfterReadyMs: healthz === null ? null : round2(healthz),
      servingMs: healthz === null ? null : Math.round(started.readyMs + healthz),
      rssAfterSettleMb: settled?.rssMb ?? null,
      rssIdleMb: idle?.rssMb ?? null,
      peakRssMb: idle?.peakRssMb ?? null,
      ...stop,
    };
  } catch (error) {
    if (started) await stopProcess(started.child);
    throw error;
  }
}

export async function runStartup(config: BenchConfig): Promise<StartupReport> {
  const floor: number[] = [];
  for (let i = 0; i < 2; i += 1) {
    const baseline = await spawnUntilReady('bench/backend/startup-baseline.ts', [], 60_000, /baseline ready/);
    floor.push(Math.round(baseline.readyMs));
    await stopProcess(baseline.child);
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-startup-'));
  const common = ['--port', '0', '--demo', '--no-simulator'];
  try {
    note('startup: fresh data dir (seeds the demo world)');
    const fresh = await measure([...common, '--data-dir', dir], config.startupQuietMs);
    const existing: StartRun[] = [];
    for (let i = 1; i <= RESTARTS; i += 1) {
      note(`startup: restart ${i}/${RESTARTS} on the existing data dir`);
      existing.push(await measure([...common, '--data-dir', dir], config.startupQuietMs));
    }
    note('startup: in-memory demo');
    const inMemory = await measure([...common, '--in-memory'], Math.min(config.startupQuietMs, 3_000));
    const worst = (values: (number | null)[]): number | null =>
      values.some((v) => v === null) ? null : Math.max(...(values as number[]));
    return {
      command: `node --import tsx ${CLI} ${common.join(' ')} (--data-dir <tmp> | --in-memory)`,
      quietMs: config.startupQuietMs,
      nodeTsxFloorMs: floor,
      freshDataDir: fresh,
      existingDataDir: existing,
      inMemoryDemo: inMemory,
      existingDataDirWorst: {
        servingMs: worst(existing.map((r) => r.servingMs)),
        rssIdleMb: worst(existing.map((r) => r.rssIdleMb)),
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
