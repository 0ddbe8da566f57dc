/**
 * The pending work of each open window (a confirmation open, an action under way, a
 * draft), as the update policy asks it: a restart waits while any window has some, and a
 * window that closes takes its pending work with it.
 */
import type { PendingWork } from '../../shared/ipc/contract';

export class WindowsPendingWork {
  private readonly byWindow = new Map<number, PendingWork[]>();
  private nextWindow = 1;

  /** One more window, with no pending work yet: its id. */
  open(): number {
    const id = this.nextWindow++;
    this.byWindow.set(id, []);
    return id;
  }

  /** The window's pending work, all of it; false (nothing changed) once the window closed. */
  set(id: number, kinds: PendingWork[]): boolean {
    if (!this.byWindow.has(id)) return false;
    this.byWindow.set(id, [...new Set(kinds)]);
    return true;
  }

  /** The window closed; false when it already had. */
  close(id: number): boolean {
    return this.byWindow.delete(id);
  }

  /** Every kind of work pending in any window, in a fixed order. */
  waitingFor(): PendingWork[] {
    const all = new Set<PendingWork>();
    for (const kinds of this.byWindow.values()) for (const kind of kinds) all.add(kind);
    return (['confirmation', 'action', 'draft'] as const).filter((kind) => all.has(kind));
  }
}
