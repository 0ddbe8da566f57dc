/**
 * The rooms a session has open: opening one takes its snapshot (and, for a monitoring
 * administrator, this session's monitor lease) and streams its events; opening it again
 * while it streams (the renderer refreshing it) only reads it; closing one ends both.
 * Operations on one room run in the order asked, and the rooms of a renderer that went
 * away (a reload) are held for the next one to open again.
 */
import type { Room } from '../../shared/domain';
import type { BackendClient } from './graphql-client';
import * as calls from './room-calls';
import { ROOM_REOPEN_HOLD_MS, RoomReopenHold } from './room-reopen-hold';
import type { RoomStreams } from './room-streams';
import { RoomTurns } from './room-turns';

/** What opening and closing rooms needs from the session, asked afresh each time. */
export interface RoomAccess {
  /** The live client; throws UNAUTHENTICATED when signed out. */
  live(): BackendClient;
  /** The client, if any, to tell the backend that monitoring stops. */
  current(): BackendClient | null;
  /** This session's monitor lease key when its admin monitors the rooms they open; else null. */
  monitorKey(): string | null;
  /** How many of the latest messages a room snapshot carries. */
  roomMessages(): number;
}

/** One session's open rooms. */
export class OpenRooms {
  private readonly turns = new RoomTurns();
  private readonly reopenHold = new RoomReopenHold((enquiryId) => void this.releaseHeld(enquiryId));

  constructor(
    private readonly streams: RoomStreams,
    private readonly access: RoomAccess,
  ) {}

  /** The rooms whose events are streaming now. */
  ids(): string[] {
    return this.streams.ids();
  }

  /**
   * Opens a room: administrators start monitoring it; its events stream from the snapshot
   * on. A room already streaming is only read again (a query): its stream holds the
   * monitor lease, renewed by the backend while the stream lasts.
   */
  open(enquiryId: string): Promise<Room> {
    const view = this.reopenHold.currentView;
    return this.turns.run(enquiryId, async () => {
      const client = this.access.live();
      const monitorKey = this.access.monitorKey();
      const last = this.access.roomMessages();
      const room = this.streams.has(enquiryId)
        ? await calls.readRoom(client, enquiryId, last)
        : await calls.fetchRoom(client, enquiryId, last, monitorKey);
      this.streams.open(client, enquiryId, room.cursor, monitorKey);
      // Asked for by a renderer gone since, and the wait for the next one is over: let it go.
      if (!this.reopenHold.opened(enquiryId, view)) await this.closeNow(enquiryId);
      return room;
    });
  }

  /**
   * Closes a room: its stream ends and this session's monitoring of it stops (the admin
   * stays listed while another of their windows still has the room open).
   */
  close(enquiryId: string): Promise<true> {
    return this.turns.run(enquiryId, () => this.closeNow(enquiryId));
  }

  /** Closes every open room (sign-out, host shutting down), within a bounded wait. */
  async closeAll(waitMs = 2_000): Promise<void> {
    const ids = this.streams.ids();
    if (ids.length === 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const closing = Promise.all(ids.map((id) => this.close(id)));
    // A backend that does not answer must not hold up sign-out or quitting: the leases
    // end by themselves once the room streams are gone.
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, waitMs);
    });
    await Promise.race([closing, timeout]);
    clearTimeout(timer);
  }

  /**
   * The renderer went away, most likely to reload. Its rooms stay open, streaming and
   * monitored, for `holdMs`: the rooms the next renderer opens again carry on unbroken;
   * the others are closed when the hold ends.
   */
  keepForReopen(holdMs: number = ROOM_REOPEN_HOLD_MS): void {
    this.reopenHold.viewGone(this.streams.ids(), holdMs);
  }

  /** Stops every stream at once, holding nothing (the connection is going away). */
  stopStreams(): void {
    this.reopenHold.clear();
    this.streams.closeAll();
  }

  private async closeNow(enquiryId: string): Promise<true> {
    this.reopenHold.forget(enquiryId);
    this.streams.close(enquiryId);
    const monitorKey = this.access.monitorKey();
    const client = this.access.current();
    if (monitorKey && client) await calls.stopMonitoring(client, enquiryId, monitorKey);
    return true;
  }

  /** The hold is over and no renderer opened the room again: close it (unless claimed meanwhile). */
  private releaseHeld(enquiryId: string): Promise<void> {
    return this.turns.run(enquiryId, async () => {
      if (this.reopenHold.isHeld(enquiryId)) await this.closeNow(enquiryId);
    });
  }
}
