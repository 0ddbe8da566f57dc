/**
 * The console and the floor each measured alone, later in the same run: the same rooms and
 * load as the phases measured together, without the other page competing for the cores.
 */
import type { RunningBackend } from '../../backend/index';
import { waitQuiet, type ProbedPage } from './console-page';
import { driveMessages } from './driver';
import type { HostChild } from './host-child';
import { benchText, measurePhase, SETTLE_MS, settle, type Measured, type PhaseReport } from './phase';
import type { SeededEnquiry } from './seed';

type Load = { ratePerSecond: number; count: number };

/** What the alone phases run against, and at which loads. */
export interface AloneContext {
  backend: RunningBackend;
  host: HostChild;
  rooms: SeededEnquiry[];
  steady: Load;
  burst: Load;
  warmup: Load;
  quietTimeoutMs: number;
}

/** One page measured with the other page gone. */
export interface AlonePhase {
  driver: PhaseReport['driver'];
  cpu: PhaseReport['cpu'];
  console?: Measured;
  floor?: Measured;
  hostPath?: PhaseReport['consoleHostPath'];
}

export interface AloneReport {
  setup: string;
  steady50PerSecond: AlonePhase;
  burst1000PerSecond: AlonePhase;
}

/** The report, or null when that page could not be measured. */
export const aloneOrNothing = (report: AloneReport | { notMeasured: string }) =>
  'setup' in report ? report : null;

/** The console alone: the floor page navigated away first, so its socket and subscriptions end. */
export async function measureConsoleAlone(
  ctx: AloneContext,
  consolePage: ProbedPage,
  floor: ProbedPage | null,
): Promise<AloneReport> {
  await floor?.page.goto('about:blank');
  await waitQuiet(consolePage.page, 1_000, ctx.quietTimeoutMs);
  const phase = async (spec: Load, label: string): Promise<AlonePhase> => {
    const measured = await measurePhase(ctx.backend, ctx.host, ctx.rooms, consolePage, null, '', spec, label);
    await waitQuiet(consolePage.page, 1_000, ctx.quietTimeoutMs);
    return {
      driver: measured.driver,
      console: measured.console,
      hostPath: measured.consoleHostPath,
      cpu: measured.cpu,
    };
  };
  return {
    setup:
      'floor page navigated to about:blank (its socket and subscriptions closed); the console as before, its ' +
      'rooms still holding the messages of the phases above; same rooms, same driver',
    steady50PerSecond: await phase(ctx.steady, 'console alone, steady'),
    burst1000PerSecond: await phase(ctx.burst, 'console alone, burst'),
  };
}

/**
 * Signs the console out and closes it: a closed tab's session would stream on through the
 * tab grace, and so compete with the floor measured alone.
 */
export async function signOutAndClose(consolePage: ProbedPage): Promise<void> {
  await consolePage.page.getByRole('button', { name: 'Sign out' }).click();
  await consolePage.page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 10_000 });
  await consolePage.close();
}

/**
 * The floor alone, with the console gone. `reopen` loads it again first, so that it starts
 * with empty lists as it did the first time (it appends every message and keeps it).
 */
export async function measureFloorAlone(
  ctx: AloneContext,
  floor: ProbedPage,
  reopen: (floor: ProbedPage) => Promise<void>,
): Promise<AloneReport> {
  await reopen(floor);
  const rewarm = await driveMessages(ctx.backend.services, {
    targets: ctx.rooms,
    ...ctx.warmup,
    textOf: () => benchText(),
  });
  await settle(
    [floor],
    rewarm.emitted.map((e) => e.text),
    SETTLE_MS,
  );
  await waitQuiet(floor.page, 1_000, ctx.quietTimeoutMs);
  const phase = async (spec: Load, label: string): Promise<AlonePhase> => {
    const measured = await measurePhase(
      ctx.backend,
      ctx.host,
      ctx.rooms,
      null,
      floor,
      'closed for this phase',
      spec,
      label,
    );
    await waitQuiet(floor.page, 1_000, ctx.quietTimeoutMs);
    return { driver: measured.driver, floor: measured.floor, cpu: measured.cpu };
  };
  return {
    setup:
      'console signed out (its host session and backend subscriptions end) and closed; floor ' +
      'loaded again so its lists start empty; same rooms, same driver',
    steady50PerSecond: await phase(ctx.steady, 'floor alone, steady'),
    burst1000PerSecond: await phase(ctx.burst, 'floor alone, burst'),
  };
}
