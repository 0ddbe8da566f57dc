/**
 * What the console's requests may ask of the installed app's updates (the 'update/*'
 * channels of the IPC contract), one per window: its pending work counts only for itself.
 */
import type { PendingWork, UpdateStatus } from '../../shared/ipc/contract';

export interface UpdateControl {
  status(): UpdateStatus;
  /** Checks the release channel now, as a person asked (a failure is reported, not only logged). */
  check(): Promise<UpdateStatus>;
  /** Restarts to install the downloaded update now, or as soon as no window has pending work. */
  restart(): Promise<UpdateStatus>;
  /** This window's pending work, all of it (an empty list when there is none). */
  setPendingWork(kinds: PendingWork[]): void;
}

/** Where updates do not run (the browser host, a development build): says why. */
export function unavailableUpdates(reason: string): UpdateControl {
  const status: UpdateStatus = { state: 'unavailable', reason };
  return {
    status: () => status,
    check: () => Promise.resolve(status),
    restart: () => Promise.resolve(status),
    setPendingWork: () => undefined,
  };
}
