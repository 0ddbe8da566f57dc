/**
 * The connection state the renderer shows (connecting / live / reconnecting / offline /
 * signed out) with the time of the last event or (re)connect; announces each change once.
 */
import type { ConnectionState, EventPayloads } from '../../shared/ipc/contract';

export type ConnectionView = EventPayloads['connection/state'];

export class ConnectionTracker {
  private view: ConnectionView = { state: 'signed-out', lastSyncAt: null, detail: null };

  constructor(private readonly announce: (view: ConnectionView) => void) {}

  get current(): ConnectionView {
    return this.view;
  }

  /** Something arrived from the backend just now. */
  markSynced(): void {
    this.view.lastSyncAt = new Date().toISOString();
  }

  set(status: { state: ConnectionState; detail: string | null }): void {
    if (status.state === 'live') this.markSynced();
    const next = {
      state: status.state,
      detail: status.detail,
      lastSyncAt: status.state === 'signed-out' ? null : this.view.lastSyncAt,
    };
    const same = next.state === this.view.state && next.detail === this.view.detail;
    this.view = next;
    if (!same) this.announce(next);
  }
}
