/**
 * The Electron side of the installed app's updates: electron-updater's autoUpdater for
 * this platform (AppImageUpdater on Linux — DebUpdater for a .deb install —, NsisUpdater on
 * Windows, MacUpdater with the zip on macOS) driven by the framework-free
 * {@link UpdatePolicy}, on the generic feed and channel main/core/update-config.ts chooses
 * for this installation. Only a packaged app updates itself; a development build says so.
 */
import { app } from 'electron';
import electronUpdater from 'electron-updater';
import { readFileSync } from 'node:fs';
import type { UpdateChannel, UpdateStatus } from '../../shared/ipc/contract';
import { resolveUpdateConfig, updatePolicyFilePath } from '../core/update-config';
import { unavailableUpdates } from '../core/update-control';
import { UpdatePolicy, type WindowUpdateControl } from '../core/update-policy';
import type { AppLog } from './log';
import type { SettingsFile } from './settings';

/** The app's updates, as app.ts and the menu use them. */
export interface AppUpdates {
  status(): UpdateStatus;
  /** A control for one more window (its pending work counts until it closes). */
  forWindow(): WindowUpdateControl;
  /** The menu's "Check for Updates…". */
  check(): Promise<UpdateStatus>;
  channel(): UpdateChannel;
  /** Why the channel cannot be changed here (the IT policy file), or null. */
  channelLockedBy(): string | null;
  /** What the channel means for this version (a beta on stable), or null. */
  channelNote(): string | null;
  /** The menu's Update Channel: saved in settings.json and followed at once. */
  setChannel(channel: UpdateChannel): void;
  stop(): void;
}

/** Reads the IT policy file; none is the usual case. */
function readPolicyFile(path: string, log: AppLog): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT')
      log.warn(`update: the policy file ${path} could not be read (${code ?? 'error'}).`);
    return null;
  }
}

function unavailable(reason: string, channel: UpdateChannel): AppUpdates {
  const control = unavailableUpdates(reason);
  return {
    status: () => control.status(),
    forWindow: () => ({ ...control, close: () => undefined }),
    check: () => control.check(),
    channel: () => channel,
    channelLockedBy: () => null,
    channelNote: () => null,
    setChannel: () => undefined,
    stop: () => undefined,
  };
}

/** Starts checking for updates (a packaged app with a feed), reporting to `emit`. */
export function startUpdates(options: {
  settings: SettingsFile;
  log: AppLog;
  emit(status: UpdateStatus): void;
}): AppUpdates {
  const { settings, log } = options;
  if (!app.isPackaged) {
    return unavailable(
      'This is a development build: updates are installed only by the packaged app.',
      settings.updateChannel(),
    );
  }
  const policyPath = updatePolicyFilePath(process.platform, process.env);
  const config = resolveUpdateConfig({
    policyFile: { path: policyPath, text: readPolicyFile(policyPath, log) },
    env: process.env,
    settings: {
      updateFeedUrl: settings.updateFeedUrl() ?? undefined,
      updateChannel: settings.updateChannel(),
    },
    log: (line) => log.warn(line),
  });

  // The platform's updater (created on first use: Electron's app must be ready).
  const { autoUpdater } = electronUpdater;
  // The policy logs one line per step or failure; of electron-updater's own lines only its
  // warnings are kept (first line: never a stack).
  autoUpdater.logger = {
    info: () => undefined,
    warn: (message?: unknown) => log.warn(`update (electron-updater): ${String(message).split('\n', 1)[0]}`),
    error: () => undefined,
  };
  const policy = new UpdatePolicy({
    updater: autoUpdater,
    feed: config.feed,
    channel: config.channel,
    currentVersion: app.getVersion(),
    emit: options.emit,
    log: (line) => log.info(line),
  });
  if (config.feed.url === null) log.info(`update: ${config.feed.reason}`);
  policy.start();
  app.on('before-quit', () => policy.stop());

  return {
    status: () => policy.status(),
    forWindow: () => policy.openWindow(),
    check: () => policy.check(true),
    channel: () => policy.updateChannel,
    channelLockedBy: () => config.channelLockedBy,
    channelNote: () => policy.channelNote(),
    setChannel: (channel) => {
      if (config.channelLockedBy) return;
      settings.update({ updateChannel: channel });
      policy.setChannel(channel);
    },
    stop: () => policy.stop(),
  };
}
