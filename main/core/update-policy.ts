/**
 * The installed app's update policy, framework-free: when to check the release channel, when
 * to download, when to offer "Restart to update" and when the restart may happen. It drives
 * an {@link UpdaterPort} — the small part of electron-updater's AppUpdater it uses — so the
 * same policy runs over the real updater (main/electron/updater.ts), over the real updater
 * driven from Node in tests, and over a fake source in the browser host.
 */
import type { PendingWork, UpdateChannel, UpdateStatus } from '../../shared/ipc/contract';
import type { UpdateControl } from './update-control';
import { describeFailure, describeUrl } from './update-failure';
import {
  channelFileName,
  isPrerelease,
  type DownloadProgress,
  type FeedChoice,
  type ReleaseInfo,
  type UpdaterPort,
} from './updater-port';
import { WindowsPendingWork } from './windows-pending-work';

/** A clock the tests can drive (setTimeout / clearTimeout / now by default). */
export interface PolicyClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
}

export interface UpdatePolicyOptions {
  updater: UpdaterPort;
  feed: FeedChoice;
  channel: UpdateChannel;
  /** The running app's version (semver). */
  currentVersion: string;
  /** Every status change, for every window ('update/status'). */
  emit(status: UpdateStatus): void;
  /** One line per update step or failure (the app's log file); never a secret. */
  log(line: string): void;
  clock?: PolicyClock;
  /** Between checks: 4 hours. */
  checkEveryMs?: number;
  /** After a failed check or download: 30 minutes, then the usual cadence. */
  retryAfterMs?: number;
}

/** The policy's per-window part, with the window's end (its pending work goes with it). */
export interface WindowUpdateControl extends UpdateControl {
  /** The window closed: its pending work no longer holds a restart back. */
  close(): void;
}

export const CHECK_EVERY_MS = 4 * 60 * 60 * 1000;
export const RETRY_AFTER_MS = 30 * 60 * 1000;

export type { PendingWork, UpdateChannel, UpdateStatus };

/**
 * The update policy: one per app, with one {@link WindowUpdateControl} per window.
 *
 * - Checks at {@link UpdatePolicy.start}, every `checkEveryMs` (4 h) after that, and when a
 *   person asks ({@link UpdateControl.check}). A found update downloads in the background
 *   ('downloading' with progress); once it is downloaded and its sha512 matched the feed's,
 *   the status is 'ready' ("Restart to update").
 * - A failed check or download (feed down, malformed feed, sha512 mismatch) logs one line,
 *   goes back to 'idle' and retries after `retryAfterMs` (30 min), then at the usual cadence.
 *   `problem` is set only when a person asked for that check.
 * - Channels: 'stable' reads latest.yml, 'beta' reads beta.yml (electron-builder writes both
 *   for every stable release). Downgrades are never allowed: a beta user moving back to
 *   stable keeps the beta version until a stable release newer than it comes out (the menu
 *   says so: {@link UpdatePolicy.channelNote}); a downloaded beta not yet installed is
 *   dropped when the channel becomes stable.
 * - Never restarts in the middle of work: a restart asked while any window has pending work
 *   waits ('ready' with restartRequested and waitingFor) and happens once every window is
 *   clear; a window that closes drops its pending work.
 */
export class UpdatePolicy {
  private readonly updater: UpdaterPort;
  private readonly feed: FeedChoice;
  private readonly options: UpdatePolicyOptions;
  private readonly clock: PolicyClock;
  private readonly checkEveryMs: number;
  private readonly retryAfterMs: number;
  private channel: UpdateChannel;
  private current: UpdateStatus;
  private lastCheckedAt: string | null = null;
  private timer: unknown = null;
  private started = false;
  private stopped = false;
  /** The check under way (one at a time), and whether a person asked for it. */
  private checking: Promise<UpdateStatus> | null = null;
  private askedByPerson = false;
  /** The release the check under way found. */
  private found: ReleaseInfo | null = null;
  private downloadedVersion: string | null = null;
  private restartRequested = false;
  private readonly pending = new WindowsPendingWork();

  constructor(options: UpdatePolicyOptions) {
    this.options = options;
    this.updater = options.updater;
    this.feed = options.feed;
    this.channel = options.channel;
    this.clock = options.clock ?? {
      now: () => Date.now(),
      setTimeout: (run, ms) => setTimeout(run, ms),
      clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
    };
    this.checkEveryMs = options.checkEveryMs ?? CHECK_EVERY_MS;
    this.retryAfterMs = options.retryAfterMs ?? RETRY_AFTER_MS;
    this.current =
      this.feed.url === null
        ? { state: 'unavailable', reason: this.feed.reason }
        : { state: 'idle', channel: this.channel, lastCheckedAt: null, problem: null };
  }

  /** Configures the updater, checks now and keeps checking; nothing without a feed. */
  start(): void {
    if (this.started || this.feed.url === null) return;
    this.started = true;
    this.updater.autoDownload = false;
    this.updater.autoInstallOnAppQuit = true;
    this.updater.setFeedURL({ provider: 'generic', url: this.feed.url });
    this.applyChannel();
    this.updater.on('update-available', (info) => {
      if (this.checking) this.found = info;
    });
    this.updater.on('download-progress', (progress) => this.onProgress(progress));
    this.updater.on('update-downloaded', (info) => this.onDownloaded(info));
    // Failures are handled where the check or download rejects; without a listener an
    // 'error' event would throw.
    this.updater.on('error', () => undefined);
    this.options.log(
      `update: feed ${describeUrl(this.feed.url)} (from ${this.feed.source}), channel ${this.channel}, version ${this.options.currentVersion}`,
    );
    void this.check(false);
  }

  /** Stops checking (the app quits). */
  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  status(): UpdateStatus {
    return this.current;
  }

  /** The channel followed now. */
  get updateChannel(): UpdateChannel {
    return this.channel;
  }

  /**
   * What following the channel means for this version, for people (the menu shows it), or
   * null when nothing needs saying: a beta version on the stable channel stays until a
   * stable release passes it.
   */
  channelNote(): string | null {
    const version = this.options.currentVersion;
    if (this.channel === 'stable' && isPrerelease(version)) {
      return `This beta version (${version}) stays installed until a stable release newer than it comes out.`;
    }
    return null;
  }

  /** Follows another channel from now on (settings' updateChannel), and checks it. */
  setChannel(channel: UpdateChannel): void {
    if (channel === this.channel) return;
    this.channel = channel;
    if (this.feed.url === null) return;
    this.options.log(`update: channel ${channel}${this.channelNote() ? ` (${this.channelNote()})` : ''}`);
    if (this.started) this.applyChannel();
    if (
      this.current.state === 'ready' &&
      !this.restartRequested &&
      this.downloadedVersion &&
      !this.fits(this.downloadedVersion)
    ) {
      this.options.log(`update: ${this.downloadedVersion} is not on the ${channel} channel: not installed`);
      this.updater.autoInstallOnAppQuit = false;
      this.downloadedVersion = null;
      this.set({ state: 'idle', channel, lastCheckedAt: this.lastCheckedAt, problem: null });
    } else if (this.current.state === 'idle' || this.current.state === 'checking') {
      this.set({ ...this.current, channel });
    }
    if (this.started) void this.check(false);
  }

  /**
   * Checks the channel now. `asked`: a person asked (the menu, the console), so a failure
   * is reported in the status's `problem`, not only logged.
   */
  check(asked = true): Promise<UpdateStatus> {
    if (this.feed.url === null || !this.started || this.stopped) return Promise.resolve(this.current);
    if (this.checking) {
      this.askedByPerson ||= asked;
      return this.checking;
    }
    const state = this.current.state;
    if (state === 'downloading' || state === 'ready' || state === 'restarting') {
      return Promise.resolve(this.current);
    }
    this.askedByPerson = asked;
    this.found = null;
    this.cancelTimer();
    this.set({ state: 'checking', channel: this.channel });
    this.checking = this.runCheck().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  private async runCheck(): Promise<UpdateStatus> {
    try {
      await this.updater.checkForUpdates();
    } catch (error) {
      this.fail('check', error);
      return this.current;
    }
    this.lastCheckedAt = new Date(this.clock.now()).toISOString();
    const found = this.found;
    if (!found || !this.fits(found.version)) {
      if (found) this.options.log(`update: ${found.version} is not on the ${this.channel} channel: skipped`);
      this.set({ state: 'idle', channel: this.channel, lastCheckedAt: this.lastCheckedAt, problem: null });
      this.schedule(this.checkEveryMs);
      return this.current;
    }
    this.options.log(`update: ${found.version} found on the ${this.channel} channel, downloading`);
    this.set({
      state: 'downloading',
      channel: this.channel,
      version: found.version,
      percent: 0,
      transferredBytes: 0,
      totalBytes: 0,
    });
    void this.download(found);
    return this.current;
  }

  private async download(found: ReleaseInfo): Promise<void> {
    try {
      await this.updater.downloadUpdate();
    } catch (error) {
      this.fail('download', error);
      return;
    }
    // 'update-downloaded' has set 'ready' (or dropped a release of another channel).
    if (this.current.state === 'downloading') this.onDownloaded(found);
  }

  private onProgress(progress: DownloadProgress): void {
    if (this.current.state !== 'downloading') return;
    const percent = Math.max(0, Math.min(100, Math.floor(progress.percent)));
    if (percent === this.current.percent && progress.total === this.current.totalBytes) return;
    this.set({
      ...this.current,
      percent,
      transferredBytes: progress.transferred,
      totalBytes: progress.total,
    });
  }

  private onDownloaded(info: ReleaseInfo): void {
    if (this.current.state !== 'downloading') return;
    if (!this.fits(info.version)) {
      this.options.log(`update: ${info.version} is not on the ${this.channel} channel: not installed`);
      this.updater.autoInstallOnAppQuit = false;
      this.set({ state: 'idle', channel: this.channel, lastCheckedAt: this.lastCheckedAt, problem: null });
      this.schedule(this.checkEveryMs);
      return;
    }
    this.options.log(`update: ${info.version} downloaded and verified (sha512): ready to restart`);
    this.downloadedVersion = info.version;
    this.updater.autoInstallOnAppQuit = true;
    this.set({
      state: 'ready',
      channel: this.channel,
      version: info.version,
      restartRequested: false,
      waitingFor: this.pending.waitingFor(),
    });
  }

  /** One line in the log, back to idle, and a retry later; `problem` only for a person's check. */
  private fail(step: 'check' | 'download', error: unknown): void {
    const { reason, forPeople } = describeFailure(step, error);
    const minutes = Math.round(this.retryAfterMs / 60_000);
    this.options.log(
      `update: ${step} failed (feed ${describeUrl(this.feed.url ?? '')}): ${reason}; next try in ${minutes} min`,
    );
    this.set({
      state: 'idle',
      channel: this.channel,
      lastCheckedAt: this.lastCheckedAt,
      problem: this.askedByPerson
        ? `${forPeople} The console keeps working; it tries again in ${minutes} minutes.`
        : null,
    });
    this.schedule(this.retryAfterMs);
  }

  /** "Restart to update": now, or once no window has pending work. */
  restart(): UpdateStatus {
    if (this.current.state !== 'ready') return this.current;
    if (!this.restartRequested) this.options.log('update: restart asked');
    this.restartRequested = true;
    this.settle();
    return this.current;
  }

  /** A control for one more window. */
  openWindow(): WindowUpdateControl {
    const id = this.pending.open();
    return {
      status: () => this.status(),
      check: () => this.check(true),
      restart: () => Promise.resolve(this.restart()),
      setPendingWork: (kinds) => {
        if (this.pending.set(id, kinds)) this.settle();
      },
      close: () => {
        if (this.pending.close(id)) this.settle();
      },
    };
  }

  /** Brings a 'ready' status up to date with the windows' work, and restarts when it may. */
  private settle(): void {
    if (this.current.state !== 'ready') return;
    const waitingFor = this.pending.waitingFor();
    if (this.restartRequested && waitingFor.length === 0) {
      this.options.log(`update: restarting to install ${this.current.version}`);
      this.set({ state: 'restarting', channel: this.channel, version: this.current.version });
      this.stop();
      this.updater.quitAndInstall(true, true);
      return;
    }
    if (this.restartRequested && waitingFor.join() !== this.current.waitingFor.join()) {
      this.options.log(`update: restart waits for ${waitingFor.join(', ')}`);
    }
    this.set({ ...this.current, restartRequested: this.restartRequested, waitingFor });
  }

  private applyChannel(): void {
    this.updater.channel = channelFileName(this.channel);
    // Setting the channel allows downgrades in electron-updater: never here.
    this.updater.allowDowngrade = false;
  }

  private fits(version: string): boolean {
    return this.channel === 'beta' || !isPrerelease(version);
  }

  private schedule(ms: number): void {
    this.cancelTimer();
    if (this.stopped) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      void this.check(false);
    }, ms);
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private set(status: UpdateStatus): void {
    if (JSON.stringify(status) === JSON.stringify(this.current)) return;
    this.current = status;
    this.options.emit(status);
  }
}
