/**
 * A fake release channel for the browser host (`npm run serve -- --fake-update 0.2.0`), for
 * development, the e2e tests and the README's screenshot: the real update policy of
 * main/core/update-policy.ts runs over a fake updater port that "finds" the given version,
 * "downloads" it with progress, and "restarts" by starting a new policy as the new version
 * (each tab sees "Restarting…", then the check of the restarted app, then nothing). Nothing
 * is downloaded and nothing is installed.
 */
import { EventEmitter } from 'node:events';
import type { UpdateStatus } from '../../shared/ipc/contract';
import { UpdatePolicy, type WindowUpdateControl } from '../core/update-policy';
import type { GenericFeed, UpdaterEvents, UpdaterPort } from '../core/updater-port';

/** The fake's pace and the release it offers. */
export interface FakeUpdateOptions {
  /** The version the fake channel offers (newer than the running one). */
  version: string;
  /** The running app's version (default 0.1.0). */
  currentVersion?: string;
  /** Time per step: a check takes 3 steps, a download 15 (7 % each), a restart 3 (default 400 ms). */
  stepMs?: number;
  log?(line: string): void;
}

/** A size that reads like an installer's: 98.6 MB. */
const FAKE_TOTAL_BYTES = 98_600_000;
const CHECK_STEPS = 3;
const RESTART_STEPS = 3;
const PERCENT_PER_STEP = 7;

/** Resolves after `ms` of unpaused time (the tests pause the fake to look at a state). */
class Pace {
  private paused: { promise: Promise<void>; resume(): void } | null = null;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private stopped = false;

  constructor(readonly stepMs: number) {}

  async steps(count: number): Promise<void> {
    for (let i = 0; i < count; i += 1) {
      await new Promise<void>((done) => {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          done();
        }, this.stepMs);
        this.timers.add(timer);
      });
      while (this.paused) await this.paused.promise;
      if (this.stopped) throw new Error('The fake update source stopped.');
    }
  }

  pause(): void {
    if (this.paused) return;
    let resume!: () => void;
    const promise = new Promise<void>((done) => (resume = done));
    this.paused = { promise, resume };
  }

  resume(): void {
    const paused = this.paused;
    this.paused = null;
    paused?.resume();
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.resume();
  }
}

/** electron-updater's part the policy uses, played by a script instead of a feed. */
class FakeUpdater implements UpdaterPort {
  channel: string | null = null;
  allowDowngrade = false;
  autoDownload = true;
  autoInstallOnAppQuit = true;
  private readonly events = new EventEmitter();
  private failure: string | null = null;

  constructor(
    private readonly offered: string | null,
    private readonly pace: Pace,
    private readonly onQuitAndInstall: () => void,
  ) {}

  setFeedURL(_options: GenericFeed): void {}

  on<E extends keyof UpdaterEvents>(event: E, listener: UpdaterEvents[E]): this {
    this.events.on(event, listener as (...args: unknown[]) => void);
    return this;
  }

  /** The next check fails as a feed that is down does. */
  failNextCheck(message: string): void {
    this.failure = message;
  }

  async checkForUpdates(): Promise<unknown> {
    this.events.emit('checking-for-update');
    await this.pace.steps(CHECK_STEPS);
    if (this.failure !== null) {
      const error = Object.assign(new Error(this.failure), { code: 'ECONNREFUSED' });
      this.failure = null;
      this.events.emit('error', error);
      throw error;
    }
    if (this.offered === null) {
      this.events.emit('update-not-available', { version: '' });
      return null;
    }
    this.events.emit('update-available', { version: this.offered });
    return { updateInfo: { version: this.offered } };
  }

  async downloadUpdate(): Promise<unknown> {
    for (let percent = PERCENT_PER_STEP; percent < 100; percent += PERCENT_PER_STEP) {
      await this.pace.steps(1);
      this.progress(percent);
    }
    await this.pace.steps(1);
    this.progress(100);
    this.events.emit('update-downloaded', { version: this.offered });
    return [];
  }

  quitAndInstall(): void {
    this.onQuitAndInstall();
  }

  private progress(percent: number): void {
    const transferred = Math.round((FAKE_TOTAL_BYTES * percent) / 100);
    this.events.emit('download-progress', { percent, transferred, total: FAKE_TOTAL_BYTES });
  }
}

interface FakeTab {
  emit(status: UpdateStatus): void;
  control: WindowUpdateControl;
}

/**
 * The browser host's update source: one "app" (policy) shared by all tabs, each tab a window
 * with its own pending work. {@link FakeUpdateSource.openTab} gives a tab its control.
 */
export class FakeUpdateSource {
  private readonly pace: Pace;
  private readonly tabs = new Set<FakeTab>();
  private policy!: UpdatePolicy;
  private updater!: FakeUpdater;
  private running: string;
  private stopped = false;
  private started = false;

  constructor(private readonly options: FakeUpdateOptions) {
    this.pace = new Pace(options.stepMs ?? 400);
    this.running = options.currentVersion ?? '0.1.0';
    this.launch(options.version, false);
  }

  /** The status every tab is shown. */
  status(): UpdateStatus {
    return this.policy.status();
  }

  /** The version the fake app runs now (the offered one after a restart). */
  get runningVersion(): string {
    return this.running;
  }

  /**
   * A tab's part: its requests go to the running policy, its status events come back. The
   * fake app's first check starts when a console first asks for the status (after sign-in),
   * so that a person (or a test) sees it from the start.
   */
  openTab(emit: (status: UpdateStatus) => void): WindowUpdateControl {
    const tab: FakeTab = { emit, control: this.policy.openWindow() };
    this.tabs.add(tab);
    return {
      status: () => {
        this.startOnce();
        return tab.control.status();
      },
      check: () => {
        this.startOnce();
        return tab.control.check();
      },
      restart: () => tab.control.restart(),
      setPendingWork: (kinds) => tab.control.setPendingWork(kinds),
      close: () => {
        if (this.tabs.delete(tab)) tab.control.close();
      },
    };
  }

  /** The next check fails as if the feed were down (a person's check then shows a problem). */
  failNextCheck(message = 'connect ECONNREFUSED (the fake feed is down)'): void {
    this.updater.failNextCheck(message);
  }

  /** Holds the fake where it is (a check, a download, a restart), until {@link resume}. */
  pause(): void {
    this.pace.pause();
  }

  resume(): void {
    this.pace.resume();
  }

  stop(): void {
    this.stopped = true;
    this.policy.stop();
    this.pace.stop();
  }

  /** Starts the fake app's policy, checking a channel that offers `offered` (null: nothing newer). */
  private launch(offered: string | null, start: boolean): void {
    this.updater = new FakeUpdater(offered, this.pace, () => void this.restart());
    this.policy = new UpdatePolicy({
      updater: this.updater,
      feed: { url: 'https://updates.fake.invalid/supervisor-console/', source: 'settings' },
      channel: 'stable',
      currentVersion: this.running,
      emit: (status) => {
        for (const tab of this.tabs) tab.emit(status);
      },
      log: (line) => this.options.log?.(`(fake) ${line}`),
    });
    for (const tab of this.tabs) tab.control = this.policy.openWindow();
    this.started = start;
    if (start) this.policy.start();
  }

  private startOnce(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.policy.start();
  }

  /** The fake "restart": a moment of "Restarting…", then the app runs the new version. */
  private async restart(): Promise<void> {
    const version = this.options.version;
    try {
      await this.pace.steps(RESTART_STEPS);
    } catch {
      return;
    }
    if (this.stopped) return;
    this.running = version;
    this.options.log?.(`(fake) restarted as ${version}: nothing was installed`);
    this.launch(null, true);
  }
}
