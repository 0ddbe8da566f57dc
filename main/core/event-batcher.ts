/**
 * Batches board and room events for the renderer, each in arrival order, as one
 * `board/events` and one `room/events` per room. When the stream is quiet an event goes
 * out at once (after the current tick, so events arriving together travel together); under
 * load, flushes are at least `intervalMs` (~an animation frame) apart, so a burst of
 * hundreds of changes costs the renderer a handful of IPC messages instead of hundreds.
 */
import type { BoardEvent, RoomEvent } from '../../shared/domain';
import type { EmitEvent } from './ports';

/** Collects stream events and flushes them in order every `intervalMs`. */
export class EventBatcher {
  private board: BoardEvent[] = [];
  private rooms = new Map<string, RoomEvent[]>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastFlushAt = -Infinity;

  constructor(
    private readonly emit: EmitEvent,
    private readonly intervalMs = 16,
    private readonly onFlush?: () => void,
  ) {}

  /** Queues one board event. */
  addBoardEvent(event: BoardEvent): void {
    this.board.push(event);
    this.arm();
  }

  /** Queues one room event. */
  addRoomEvent(enquiryId: string, event: RoomEvent): void {
    const queue = this.rooms.get(enquiryId);
    if (queue) queue.push(event);
    else this.rooms.set(enquiryId, [event]);
    this.arm();
  }

  /** Forgets queued events of a room the renderer closed. */
  dropRoom(enquiryId: string): void {
    this.rooms.delete(enquiryId);
  }

  /** Pushes everything queued now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const board = this.board;
    const rooms = this.rooms;
    this.board = [];
    this.rooms = new Map();
    this.lastFlushAt = Date.now();
    if (board.length > 0) this.emit('board/events', board);
    for (const [enquiryId, events] of rooms) this.emit('room/events', { enquiryId, events });
    if (board.length > 0 || rooms.size > 0) this.onFlush?.();
  }

  /** Drops everything queued and stops the timer. */
  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.board = [];
    this.rooms = new Map();
  }

  private arm(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.lastFlushAt + this.intervalMs - Date.now());
    this.timer = setTimeout(() => this.flush(), wait);
  }
}
