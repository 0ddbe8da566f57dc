/**
 * Rooms across a reload of the console's view (an Electron window reloading, a browser tab
 * reloading): the view that went away had rooms open, and the one that loads next opens
 * the same rooms again (the renderer keeps its panes per window). Closing every room at
 * once and opening it again a second later would take the admin off the room's monitors
 * and put them back, and record a stop and a start in the audit trail for each room.
 * Instead the rooms are held open for a short while; those the next view opens again are
 * kept as they are, the rest are released (closed) when the hold ends.
 */

/** How long the rooms of a view that went away wait for the next view to open them again. */
export const ROOM_REOPEN_HOLD_MS = 15_000;

/** The rooms held for the next view of one session. */
export class RoomReopenHold {
  /** Counts the views: one more each time a view goes away. */
  private view = 0;
  private readonly held = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** @param release closes a room the next view did not open again in time. */
  constructor(private readonly release: (enquiryId: string) => void) {}

  /** The view opening rooms now; hand it back to {@link opened} when the room is open. */
  get currentView(): number {
    return this.view;
  }

  /**
   * The view went away: the rooms in `openIds` (and those its requests still in flight go
   * on to open) wait `holdMs` for the next view. Another departure within the hold adds
   * its rooms and starts the wait again.
   */
  viewGone(openIds: readonly string[], holdMs: number): void {
    this.view += 1;
    for (const id of openIds) this.held.add(id);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.expire(), holdMs);
    this.timer.unref?.();
  }

  /**
   * A room finished opening at the request of `view`. The current view claims it (no longer
   * held); for a view that went away meanwhile it is held like the others. False when that
   * view went away and the hold is already over: the room should be closed again.
   */
  opened(enquiryId: string, view: number): boolean {
    if (view === this.view) {
      this.held.delete(enquiryId);
      return true;
    }
    if (!this.timer) return false;
    this.held.add(enquiryId);
    return true;
  }

  /** Whether the room still waits for a view to open it again. */
  isHeld(enquiryId: string): boolean {
    return this.held.has(enquiryId);
  }

  /** The room was closed: nothing left to hold. */
  forget(enquiryId: string): void {
    this.held.delete(enquiryId);
  }

  /** Drops the hold without releasing anything (the session is ending its streams itself). */
  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.held.clear();
  }

  private expire(): void {
    this.timer = null;
    // Still held while each release runs: an open queued before it claims the room first.
    for (const id of [...this.held]) this.release(id);
  }
}
