/**
 * Batches board and room events for the renderer, each in arrival order, as one
 * `board/events` and one `room/events` per room. Each of these lanes (the board, every
 * room) is paced on its own: when a lane is quiet its event goes out at once (after the
 * I/O of the current turn, so events that arrived together travel together); under load,
 * a lane's flushes are at least its interval apart. The board's is 50 ms or more, so a
 * burst of hundreds of board changes costs the renderer a handful of IPC messages; the
 * rooms' is 0 by default, so a busy room's batch is what one I/O turn brought in (larger the
 * busier the host), and no message waits on a timer. A busy board never holds back a quiet
 * room, nor one room another.
 */
import type { BoardEvent, RoomEvent } from '../../shared/domain';
import type { EmitEvent } from './ports';

/** One paced queue: the board's, or one room's. */
class Lane<E> {
  events: E[] = [];
  private cancelTimer: (() => void) | null = null;
  private lastFlushAt = -Infinity;

  constructor(private readonly send: (events: E[]) => void) {}

  add(event: E, intervalMs: number): void {
    this.events.push(event);
    if (this.cancelTimer) return;
    const wait = this.lastFlushAt + intervalMs - performance.now();
    if (wait > 0) {
      const timer = setTimeout(() => this.flush(), wait);
      this.cancelTimer = () => clearTimeout(timer);
    } else {
      const immediate = setImmediate(() => this.flush());
      this.cancelTimer = () => clearImmediate(immediate);
    }
  }

  /** Sends what is queued, if anything. */
  flush(): void {
    this.cancel();
    if (this.events.length === 0) return;
    const events = this.events;
    this.events = [];
    this.lastFlushAt = performance.now();
    this.send(events);
  }

  cancel(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }
}

/** Collects stream events and flushes each lane in order, at most every `intervalMs` under load. */
export class EventBatcher {
  private readonly board: Lane<BoardEvent>;
  private rooms = new Map<string, Lane<RoomEvent>>();

  /**
   * @param intervalMs least time between two flushes of a busy room (default 0: what one I/O
   *   turn brought in goes out together, and no message waits on a timer)
   * @param boardIntervalMs least time between two flushes of a busy board (the renderer
   *   draws board changes at most every 100 ms, so sooner would only cost it work)
   */
  constructor(
    private readonly emit: EmitEvent,
    private readonly intervalMs = 0,
    private readonly onFlush?: () => void,
    private readonly boardIntervalMs = Math.max(intervalMs, 50),
  ) {
    this.board = new Lane((events) => {
      this.emit('board/events', events);
      this.onFlush?.();
    });
  }

  /** Queues one board event. */
  addBoardEvent(event: BoardEvent): void {
    this.board.add(event, this.boardIntervalMs);
  }

  /** Queues one room event. */
  addRoomEvent(enquiryId: string, event: RoomEvent): void {
    let lane = this.rooms.get(enquiryId);
    if (!lane) {
      lane = new Lane((events) => {
        this.emit('room/events', { enquiryId, events });
        this.onFlush?.();
      });
      this.rooms.set(enquiryId, lane);
    }
    lane.add(event, this.intervalMs);
  }

  /** Forgets the queued events (and the lane) of a room the renderer closed. */
  dropRoom(enquiryId: string): void {
    this.rooms.get(enquiryId)?.cancel();
    this.rooms.delete(enquiryId);
  }

  /** Pushes everything queued now: the board first, then each room. */
  flush(): void {
    this.board.flush();
    for (const lane of this.rooms.values()) lane.flush();
  }

  /** Drops everything queued and stops the timers. */
  clear(): void {
    this.board.cancel();
    this.board.events = [];
    for (const lane of this.rooms.values()) lane.cancel();
    this.rooms = new Map();
  }
}
