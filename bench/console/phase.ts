/**
 * One measured phase of `bench:console`: drive room messages into the open rooms at a rate,
 * wait until every page painted them, and report latency (commit → paint, split at the
 * host), frames and CPU per page; and the verdict of one console measurement against one
 * floor measurement.
 */
import type { RunningBackend } from '../../backend/index';
import { frameWindow, hostLatency, pageLatency, ratio, type FrameWindow, type PageLatency } from './analysis';
import { wallNow } from './bulk-write';
import { note, round, sleep } from './common';
import { paintedCount, readProbe, type ProbedPage } from './console-page';
import { cpuByGroup, cpuDelta, metricsDelta, pageMetrics } from './cpu';
import { driveMessages, type DriveResult } from './driver';
import type { HostChild, HostNotes } from './host-child';
import type { SeededEnquiry } from './seed';

export const TARGETS = { p50Ms: 20, p99Ms: 50, maxMs: 100, p99VsFloor: 1.25, longestFrameMs: 50 };

/** How long to wait for late events after a phase before counting them missing. */
export const SETTLE_MS = 15_000;

/** This run's mark in every bench text, so runs never mix. */
export const run = String(Date.now() % 1_000_000);
let counter = 0;
/** A unique bench text: `bench-<run>-<n>` (what the page probe looks for). */
export const benchText = () => `bench-${run}-${++counter}`;

/** Waits until every page has painted every text, or the timeout. */
export async function settle(pages: ProbedPage[], texts: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const counts = await Promise.all(pages.map((p) => paintedCount(p.page, texts)));
    if (counts.every((count) => count >= texts.length)) return;
    await sleep(200);
  }
}

export interface PhaseReport {
  offered: { ratePerSecond: number; events: number; rooms: number };
  /** "missing" below = not painted within this long after the last commit (late or lost). */
  settleMs: number;
  driver: Omit<DriveResult, 'emitted' | 'writeMs'> & { transactionMs: { p50: number; max: number } };
  console: (PageLatency & { frames: FrameWindow }) | { notMeasured: string };
  floor: (PageLatency & { frames: FrameWindow }) | { notMeasured: string };
  consoleVsFloor: { p50: number | null; p99: number | null } | null;
  /** The console's path split at the browser host (main-process core), and its event loop's delay. */
  consoleHostPath: ReturnType<typeof hostPath> | null;
  /** CPU per process group and renderer main-thread time per page, from the first commit until settled. */
  cpu: {
    wallMs: number;
    processes: ReturnType<typeof cpuDelta>;
    consoleMainThread: Record<string, number> | null;
    floorMainThread: Record<string, number> | null;
  };
}

function hostPath(emitted: DriveResult['emitted'], notes: HostNotes) {
  return { ...hostLatency(emitted, notes), eventLoopDelayMs: notes.eventLoopDelayMs ?? null };
}

export function driverReport(result: DriveResult): PhaseReport['driver'] {
  const { emitted: _emitted, writeMs, ...rest } = result;
  const sorted = [...writeMs].sort((a, b) => a - b);
  return {
    ...rest,
    transactionMs: {
      p50: round(sorted[Math.floor(sorted.length / 2)] ?? 0, 2),
      max: round(sorted[sorted.length - 1] ?? 0, 2),
    },
  };
}

export async function measurePhase(
  backend: RunningBackend,
  host: HostChild,
  rooms: SeededEnquiry[],
  consolePage: ProbedPage | null,
  floor: ProbedPage | null,
  consoleUnavailable: string,
  spec: { ratePerSecond: number; count: number },
  label: string,
): Promise<PhaseReport> {
  const texts = Array.from({ length: spec.count }, benchText);
  note(`${label}: ${spec.count} messages at ${spec.ratePerSecond}/s into ${rooms.length} rooms`);
  const cpuBefore = cpuByGroup(host.pid);
  const consoleBefore = consolePage ? await pageMetrics(consolePage.cdp) : null;
  const floorBefore = floor ? await pageMetrics(floor.cdp) : null;
  const from = wallNow();
  const result = await driveMessages(backend.services, {
    targets: rooms,
    ratePerSecond: spec.ratePerSecond,
    count: spec.count,
    textOf: (n) => texts[n] as string,
  });
  const sentUntil = wallNow();
  note(
    `${label}: sent ${result.emitted.length} in ${result.durationMs} ms (${result.achievedRatePerSecond}/s); settling`,
  );
  const pages = [consolePage, floor].filter((p): p is ProbedPage => p !== null);
  await settle(pages, texts, SETTLE_MS);
  const settledAt = wallNow();
  const cpu = {
    wallMs: Math.round(settledAt - from),
    processes: cpuDelta(cpuBefore, cpuByGroup(host.pid), settledAt - from),
    consoleMainThread:
      consolePage && consoleBefore ? metricsDelta(consoleBefore, await pageMetrics(consolePage.cdp)) : null,
    floorMainThread: floor && floorBefore ? metricsDelta(floorBefore, await pageMetrics(floor.cdp)) : null,
  };
  const measure = async (page: ProbedPage | null, reason: string) => {
    if (!page) return { notMeasured: reason };
    const probe = await readProbe(page.page);
    return { ...pageLatency(result.emitted, probe), frames: frameWindow(probe, from, sentUntil + 1_000) };
  };
  const consoleResult = await measure(consolePage, consoleUnavailable);
  const floorResult = await measure(floor, 'the floor page could not be opened');
  return {
    offered: { ratePerSecond: spec.ratePerSecond, events: spec.count, rooms: rooms.length },
    settleMs: SETTLE_MS,
    driver: driverReport(result),
    console: consoleResult,
    floor: floorResult,
    consoleHostPath: consolePage ? hostPath(result.emitted, await host.notes()) : null,
    cpu,
    consoleVsFloor:
      'commitToPaint' in consoleResult && 'commitToPaint' in floorResult
        ? {
            p50: ratio(consoleResult.commitToPaint.p50Ms, floorResult.commitToPaint.p50Ms),
            p99: ratio(consoleResult.commitToPaint.p99Ms, floorResult.commitToPaint.p99Ms),
          }
        : null,
  };
}

export type Measured = PhaseReport['console'];

/** The targets checked for one console measurement against one floor measurement. */
export function verdict(consoleResult: Measured | undefined, floorResult: Measured | undefined) {
  if (!consoleResult || !('commitToPaint' in consoleResult)) return null;
  const c = consoleResult.commitToPaint;
  const vsFloor =
    floorResult && 'commitToPaint' in floorResult ? ratio(c.p99Ms, floorResult.commitToPaint.p99Ms) : null;
  return {
    p50: { ms: c.p50Ms, target: TARGETS.p50Ms, met: c.p50Ms <= TARGETS.p50Ms },
    p99: { ms: c.p99Ms, target: TARGETS.p99Ms, met: c.p99Ms <= TARGETS.p99Ms },
    max: { ms: c.maxMs, target: TARGETS.maxMs, met: c.maxMs <= TARGETS.maxMs },
    p99VsFloor: {
      ratio: vsFloor,
      target: TARGETS.p99VsFloor,
      met: vsFloor !== null && vsFloor <= TARGETS.p99VsFloor,
    },
    longestFrame: {
      ms: consoleResult.frames.longestFrameMs,
      target: TARGETS.longestFrameMs,
      met: consoleResult.frames.longestFrameMs <= TARGETS.longestFrameMs,
    },
    allDelivered: consoleResult.missing === 0,
  };
}
