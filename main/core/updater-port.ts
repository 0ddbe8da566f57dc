/**
 * The updater as the update policy sees it: the small part of electron-updater's AppUpdater
 * it drives ({@link UpdaterPort}), the release channel's file names, and the feed chosen for
 * this installation. electron-updater's own autoUpdater satisfies the port as it is.
 */
import type { UpdateChannel } from '../../shared/ipc/contract';

/** What the updater says about a release (electron-updater's UpdateInfo, the part used). */
export interface ReleaseInfo {
  version: string;
}

/** Download progress (electron-updater's ProgressInfo, the part used). */
export interface DownloadProgress {
  percent: number;
  transferred: number;
  total: number;
}

/** The updater's events the policy listens to (names and arguments as electron-updater's). */
export interface UpdaterEvents {
  'checking-for-update': () => void;
  'update-available': (info: ReleaseInfo) => void;
  'update-not-available': (info: ReleaseInfo) => void;
  'download-progress': (progress: DownloadProgress) => void;
  /** Downloaded and its sha512 matched the feed's. */
  'update-downloaded': (info: ReleaseInfo) => void;
  error: (error: Error, message?: string) => void;
}

/** The generic feed (electron-builder's GenericServerOptions, the part used). */
export interface GenericFeed {
  provider: 'generic';
  /** The folder holding latest.yml / beta.yml (and the -linux / -mac variants) and the artifacts. */
  url: string;
}

/**
 * The part of electron-updater's AppUpdater the policy uses. electron-updater's own
 * autoUpdater (AppImageUpdater, NsisUpdater, MacUpdater) satisfies it as it is.
 */
export interface UpdaterPort {
  /** The channel file read: 'latest' (stable) or 'beta'. Setting it sets allowDowngrade true: the policy sets it back. */
  channel: string | null;
  allowDowngrade: boolean;
  /** The policy downloads itself (false), after the check. */
  autoDownload: boolean;
  /** Whether a downloaded update installs when the app quits anyway. */
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: GenericFeed): void;
  /**
   * Rejects (and emits 'error') when the feed is down or malformed. Emits 'update-available'
   * before it resolves when the feed names a newer release.
   */
  checkForUpdates(): Promise<unknown>;
  /** Rejects (and emits 'error') on a failed download or a sha512 mismatch. */
  downloadUpdate(): Promise<unknown>;
  /**
   * Quits the app and installs the downloaded update. The policy asks for a silent install
   * that starts the app again (both flags matter on Windows only).
   */
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'checking-for-update', listener: UpdaterEvents['checking-for-update']): unknown;
  on(event: 'update-available', listener: UpdaterEvents['update-available']): unknown;
  on(event: 'update-not-available', listener: UpdaterEvents['update-not-available']): unknown;
  on(event: 'download-progress', listener: UpdaterEvents['download-progress']): unknown;
  on(event: 'update-downloaded', listener: UpdaterEvents['update-downloaded']): unknown;
  on(event: 'error', listener: UpdaterEvents['error']): unknown;
}

/** Where the feed URL came from (the policy file beats the environment beats settings.json). */
export type FeedSource = 'policy file' | 'SUPERVISOR_UPDATE_FEED_URL' | 'settings';

/** The feed chosen for this installation, or why there is none. */
export type FeedChoice = { url: string; source: FeedSource } | { url: null; reason: string };

/** electron-updater's name of a channel's file: 'latest' (stable) or 'beta'. */
export function channelFileName(channel: UpdateChannel): string {
  return channel === 'beta' ? 'beta' : 'latest';
}

/** Whether a semver version is a pre-release (1.3.0-beta.2), build metadata aside. */
export function isPrerelease(version: string): boolean {
  return version.split('+', 1)[0]!.includes('-');
}
