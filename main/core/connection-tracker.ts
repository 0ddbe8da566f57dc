/**
 * The connection state the renderer shows (connecting / live / reconnecting / offline /
 * signed out) with the time of the last event or (re)connect. A change of state is announced
 * at once; while live, each event received moves the sync time on, and the new time is
 * announced at most once a second (a burst of board events is one announcement, the last
 * event's time included), so "Last sync" advances with the stream without an IPC message
 * per event.
 */
import type { ConnectionState, EventPayloads } from '../../shared/ipc/contract';

export type ConnectionView = EventPayloads['connection/state'];

/** The least time between two announcements of a new sync time alone (ms). */
export const SYNC_ANNOUNCE_MS = 1000;

/** Clock and timers, replaceable in tests. */
export interface TrackerClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
}

const systemClock: TrackerClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => {
    const timer = setTimeout(run, ms);
    // A pending announcement never keeps the process alive.
    timer.unref?.();
    return timer;
  },
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
};

export class ConnectionTracker {
  private view: ConnectionView = { state: 'signed-out', lastSyncAt: null, detail: null };
  /** When the renderer last heard of the view (clock ms); -Infinity: never. */
  private announcedAt = Number.NEGATIVE_INFINITY;
  private pending: unknown = null;

  constructor(
    private readonly announce: (view: ConnectionView) => void,
    private readonly clock: TrackerClock = systemClock,
  ) {}

  get current(): ConnectionView {
    return this.view;
  }

  /** Something arrived from the backend just now. */
  markSynced(): void {
    this.view = { ...this.view, lastSyncAt: new Date(this.clock.now()).toISOString() };
    if (this.view.state !== 'live' || this.pending !== null) return;
    const wait = this.announcedAt + SYNC_ANNOUNCE_MS - this.clock.now();
    if (wait <= 0) this.send();
    else this.pending = this.clock.setTimeout(() => this.send(), wait);
  }

  set(status: { state: ConnectionState; detail: string | null }): void {
    if (status.state === 'live')
      this.view = { ...this.view, lastSyncAt: new Date(this.clock.now()).toISOString() };
    const next = {
      state: status.state,
      detail: status.detail,
      lastSyncAt: status.state === 'signed-out' ? null : this.view.lastSyncAt,
    };
    const same = next.state === this.view.state && next.detail === this.view.detail;
    this.view = next;
    if (!same) this.send();
  }

  private send(): void {
    if (this.pending !== null) this.clock.clearTimeout(this.pending);
    this.pending = null;
    this.announcedAt = this.clock.now();
    this.announce(this.view);
  }
}
