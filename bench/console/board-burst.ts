/**
 * The board burst of `bench:console`: 1,000 board updates in 1 s to distinct enquiries, most
 * a visitor message into a Handling enquiry, every tenth a pick-up of an Open one (so the
 * supervisor strip's live metrics and agents change during the burst, as on a busy floor).
 * Reports the console's frames from the first commit until 1 s after the last, the floor
 * page's in the same window, and how live the strip was ('metrics/live' events received, its
 * DOM updates, the figures that changed).
 */
import type { RunningBackend } from '../../backend/index';
import { frameWindow } from './analysis';
import { wallNow } from './bulk-write';
import { readProbe, type ProbedPage } from './console-page';
import { metricsDelta, pageMetrics } from './cpu';
import { driveMessages } from './driver';
import { note, sleep } from './common';
import { driverReport, run } from './phase';
import type { PickUps } from './pick-ups';
import { agentsOf, type SeededEnquiry } from './seed';
import { readSupervisorWatch, startSupervisorWatch, SUPERVISOR_REGIONS } from './supervisor-watch';

export interface BoardBurstSpec {
  ratePerSecond: number;
  count: number;
  /** Every `pickUpEvery`-th update picks up an Open enquiry (the rest are messages). */
  pickUpEvery: number;
}

export interface BoardBurstContext {
  backend: RunningBackend;
  consolePage: ProbedPage;
  floor: ProbedPage | null;
  /** Handling enquiries that get the messages (none of them in an open room). */
  messageTargets: SeededEnquiry[];
  /** Open enquiries to pick up. */
  open: SeededEnquiry[];
  /** Supervisor regions the console did not show after sign-in. */
  stripMissing: string[];
  /** Whether the pages drew smoothly before the burst. */
  pagesQuietBefore: boolean;
}

/** Runs the burst and reports it. */
export async function measureBoardBurst(context: BoardBurstContext, spec: BoardBurstSpec) {
  const { backend, consolePage, floor } = context;
  note(
    `board burst: ${spec.count} updates to distinct enquiries at ${spec.ratePerSecond}/s, ` +
      `every ${spec.pickUpEvery}th a pick-up`,
  );
  const pickUps: PickUps = {
    every: spec.pickUpEvery,
    open: context.open,
    agents: await agentsOf(backend.services),
    done: 0,
  };
  await startSupervisorWatch(consolePage.page);
  const metricsBefore = await pageMetrics(consolePage.cdp);
  const from = wallNow();
  const result = await driveMessages(backend.services, {
    targets: context.messageTargets,
    ratePerSecond: spec.ratePerSecond,
    count: spec.count,
    pickUps,
    textOf: (n) => `board-${run}-${n}`,
  });
  const sentUntil = wallNow();
  await sleep(2_000);
  const probe = await readProbe(consolePage.page);
  const strip = await readSupervisorWatch(consolePage.page);
  note(
    `board burst: ${strip.metricsLiveEvents} 'metrics/live' events received; figures changed: ` +
      `${strip.figuresChanged.join(', ') || 'none'}`,
  );
  return {
    offered: {
      ratePerSecond: spec.ratePerSecond,
      events: spec.count,
      pickUpEvery: spec.pickUpEvery,
    },
    /** What was committed (fewer than offered when the driver hit its deadline). */
    sent: {
      messages: result.emitted.length,
      pickUpsOfOpenEnquiries: result.pickUps,
      distinctEnquiries: new Set(result.emitted.map((event) => event.enquiryId)).size + result.pickUps,
    },
    supervisorStrip: {
      window: 'from the start of the burst until 2 s after the last commit',
      shown: SUPERVISOR_REGIONS.filter((name) => !context.stripMissing.includes(name)),
      missing: context.stripMissing,
      ...strip,
    },
    pagesQuietBefore: context.pagesQuietBefore,
    driver: driverReport(result),
    window: 'from the first commit until 1 s after the last',
    console: frameWindow(probe, from, sentUntil + 1_000),
    consoleMainThreadUntil2sAfter: metricsDelta(metricsBefore, await pageMetrics(consolePage.cdp)),
    floorSameWindow: floor ? frameWindow(await readProbe(floor.page), from, sentUntil + 1_000) : null,
  };
}
