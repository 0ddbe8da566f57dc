import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BoardEvent, RoomEvent } from '../../shared/domain';
import { EventBatcher } from '../../main/core/event-batcher';

/** A board event for enquiry `id` (default: one enquiry per event) at snapshot `version`. */
const board = (seq: number, id = `enq_${seq}`, version = seq) =>
  ({ seq, cursor: String(seq), enquiry: { id, version } }) as unknown as BoardEvent;
const room = (seq: number) => ({ seq, cursor: String(seq) }) as unknown as RoomEvent;

describe('EventBatcher', () => {
  beforeEach(() => {
    // The batcher paces with performance.now(): fake it with the timers.
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'Date', 'performance'],
    });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends an event on a quiet stream after the current tick, not after the whole interval', () => {
    const emitted: [string, unknown][] = [];
    const batcher = new EventBatcher((name, payload) => emitted.push([name, payload]), 16);
    batcher.addBoardEvent(board(1));
    batcher.addRoomEvent('enq_a', room(2));
    expect(emitted).toEqual([]);
    vi.advanceTimersByTime(0);
    expect(emitted).toEqual([
      ['board/events', [board(1)]],
      ['room/events', { enquiryId: 'enq_a', events: [room(2)] }],
    ]);
  });

  it('under load, flushes at most once per interval, every event once and in order', () => {
    const seqs: number[] = [];
    const flushTimes: number[] = [];
    const batcher = new EventBatcher(
      (name, payload) => {
        if (name !== 'board/events') return;
        flushTimes.push(Date.now());
        for (const event of payload as BoardEvent[]) seqs.push(event.seq);
      },
      16,
      undefined,
      16,
    );
    for (let seq = 1; seq <= 200; seq++) {
      batcher.addBoardEvent(board(seq));
      vi.advanceTimersByTime(1);
    }
    vi.advanceTimersByTime(50);
    expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    const gaps = flushTimes.slice(1).map((t, i) => t - flushTimes[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(16);
    expect(flushTimes.length).toBeLessThanOrEqual(Math.ceil(200 / 16) + 1);
  });

  it('paces each lane on its own: a busy board never holds back a quiet room', () => {
    const sent: [string, number][] = [];
    const batcher = new EventBatcher(
      (name, payload) => {
        const events =
          name === 'board/events' ? (payload as BoardEvent[]) : (payload as { events: RoomEvent[] }).events;
        sent.push(...events.map((): [string, number] => [name, Date.now()]));
      },
      16,
      undefined,
      16,
    );
    const start = Date.now();
    batcher.addBoardEvent(board(1));
    vi.advanceTimersByTime(1);
    // The board just flushed, so a second board event waits for its interval…
    batcher.addBoardEvent(board(2));
    // …but a room event right after goes out at once, and so does another room's.
    batcher.addRoomEvent('enq_a', room(3));
    batcher.addRoomEvent('enq_b', room(4));
    vi.advanceTimersByTime(0);
    expect(sent.map(([name, at]) => [name, at - start])).toEqual([
      ['board/events', 0],
      ['room/events', 1],
      ['room/events', 1],
    ]);
    vi.advanceTimersByTime(20);
    expect(sent[3]).toEqual(['board/events', start + 16]);
  });

  it('drops the queued events of a room that closed', () => {
    const emitted: string[] = [];
    const batcher = new EventBatcher((name) => emitted.push(name), 16);
    batcher.addRoomEvent('enq_a', room(1));
    batcher.dropRoom('enq_a');
    vi.advanceTimersByTime(20);
    expect(emitted).toEqual([]);
  });

  it('paces a busy board at its own, longer interval', () => {
    const flushTimes: number[] = [];
    const batcher = new EventBatcher((name) => {
      if (name === 'board/events') flushTimes.push(Date.now());
    }, 8);
    for (let seq = 1; seq <= 200; seq++) {
      batcher.addBoardEvent(board(seq));
      vi.advanceTimersByTime(1);
    }
    vi.advanceTimersByTime(100);
    const gaps = flushTimes.slice(1).map((t, i) => t - flushTimes[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(50);
  });

  it("by default (as the session uses it), a busy room sends each turn's events together and none waits on a timer", () => {
    const roomFlushes: number[][] = [];
    const boardFlushTimes: number[] = [];
    const batcher = new EventBatcher((name, payload) => {
      if (name === 'room/events') {
        roomFlushes.push((payload as { events: RoomEvent[] }).events.map((event) => event.seq));
      } else boardFlushTimes.push(Date.now());
    });
    let seq = 0;
    for (let turn = 0; turn < 50; turn++) {
      // Three events arrive in one I/O turn (and a board event each), then the turn ends.
      for (let i = 0; i < 3; i++) {
        batcher.addRoomEvent('enq_a', room(++seq));
        batcher.addBoardEvent(board(seq));
      }
      vi.advanceTimersByTime(0);
      expect(roomFlushes.at(-1)).toEqual([seq - 2, seq - 1, seq]);
      vi.advanceTimersByTime(1);
    }
    expect(roomFlushes).toHaveLength(50);
    vi.advanceTimersByTime(100);
    const gaps = boardFlushTimes.slice(1).map((t, i) => t - boardFlushTimes[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(50);
  });
});
