import { describe, expect, it } from 'vitest';
import { NO_FILTER, type BoardFilter } from '../../renderer/src/board/board-filter';
import {
  applyBoardEvents,
  applyPage,
  emptyBoard,
  unreadCount,
  type BoardModel,
} from '../../renderer/src/board/board-model';
import type { SortKey } from '../../renderer/src/board/board-order';
import {
  selectColumns,
  updateSelection,
  type ColumnSelection,
} from '../../renderer/src/board/board-selection';
import { timerOf } from '../../renderer/src/ui/format';
import type { Enquiry, OverviewColumn } from '../../shared/domain';
import { ada, boardEvent, enquiry, grace, page } from './fixtures';

/** A board holding just these enquiries in one column. */
function columnOf(column: OverviewColumn, enquiries: Enquiry[]): BoardModel {
  return applyPage(emptyBoard(), column, page(column, enquiries), true);
}

function order(board: BoardModel, column: OverviewColumn, sort: SortKey): string[] {
  return selectColumns(board, NO_FILTER, sort)[column].map((e) => e.id);
}

/** The time a card's timer shows at `now`, as EnquiryCard computes it. */
function shownAt(enquiry: Enquiry, now: number): number {
  const { since, end } = timerOf(enquiry);
  return (end ? Date.parse(end) : now) - Date.parse(since!);
}

const at = (hhmm: string) => `2026-01-01T${hhmm}:00.000Z`;

function loaded(): BoardModel {
  let board = emptyBoard();
  board = applyPage(board, 'OPEN', page('OPEN', [enquiry('o1', { owner: null, participants: [] })]), true);
  board = applyPage(board, 'HANDLING', page('HANDLING', [enquiry('h1'), enquiry('h2')]), true);
  board = applyPage(board, 'MISSED', page('MISSED', []), true);
  return applyPage(board, 'CLOSED', page('CLOSED', [], 40, 'c40'), true);
}

describe('board model', () => {
  it('places loaded pages by status and keeps the server totals', () => {
    const board = loaded();
    const columns = selectColumns(board, NO_FILTER, 'longest-waiting');
    expect(columns.OPEN.map((e) => e.id)).toEqual(['o1']);
    expect(columns.HANDLING.map((e) => e.id)).toEqual(['h1', 'h2']);
    expect(board.totals).toEqual({ OPEN: 1, HANDLING: 2, MISSED: 0, CLOSED: 40 });
    expect(board.nextPage.CLOSED).toBe('c40');
  });

  it('moves an enquiry between columns on an event, adjusting both counts', () => {
    const picked = enquiry('o1', { status: 'HANDLING', version: 2 });
    const board = applyBoardEvents(loaded(), [boardEvent(picked)]);
    const columns = selectColumns(board, NO_FILTER, 'longest-waiting');
    expect(columns.OPEN).toEqual([]);
    expect(columns.HANDLING.map((e) => e.id)).toContain('o1');
    expect(board.totals.OPEN).toBe(0);
    expect(board.totals.HANDLING).toBe(3);
  });

  it('counts a new enquiry once and ignores stale or replayed snapshots', () => {
    const fresh = enquiry('n1', { status: 'OPEN', version: 3 });
    let board = applyBoardEvents(loaded(), [boardEvent(fresh), boardEvent(fresh)]);
    expect(board.totals.OPEN).toBe(2);
    const stale = enquiry('n1', { status: 'CLOSED', version: 2 });
    const before = board;
    board = applyBoardEvents(board, [boardEvent(stale)]);
    expect(board).toBe(before);
    expect(board.byId.get('n1')?.status).toBe('OPEN');
  });

  it('keeps a newer event snapshot when an older page arrives later', () => {
    const newer = enquiry('h1', { version: 5, call: 'ONE_TO_ONE' });
    let board = applyBoardEvents(loaded(), [boardEvent(newer)]);
    board = applyPage(board, 'HANDLING', page('HANDLING', [enquiry('h1', { version: 1 })]), false);
    expect(board.byId.get('h1')?.call).toBe('ONE_TO_ONE');
  });

  it('filters by owner, channel and text', () => {
    let board = loaded();
    const joined = enquiry('h3', {
      owner: grace,
      participants: [grace, ada],
      channel: 'EMAIL',
      visitor: { id: 'v', name: 'Zoe Quill' },
      version: 2,
    });
    board = applyBoardEvents(board, [boardEvent(joined)]);
    const handling = (filter: Partial<typeof NO_FILTER>) =>
      selectColumns(board, { ...NO_FILTER, ...filter }, 'visitor').HANDLING.map((e) => e.id);
    expect(handling({ channel: 'EMAIL' })).toEqual(['h3']);
    expect(handling({ text: 'zoe q' })).toEqual(['h3']);
    expect(handling({ ownerId: ada.id })).toEqual([]);
    expect(handling({ ownerId: grace.id, channel: 'EMAIL', text: 'zoe' })).toEqual(['h3']);
  });

  describe('a removal (an agent board: the enquiry left her view)', () => {
    const removal = (snapshot: Enquiry) => ({ ...boardEvent(snapshot), removed: true });

    it('drops the enquiry from its column and its count, whatever column the event names', () => {
      // Someone else picked up o1: the removal names HANDLING, o1 was in OPEN on this board.
      const board = applyBoardEvents(loaded(), [
        removal(enquiry('o1', { status: 'HANDLING', version: 2, owner: null, participants: [] })),
      ]);
      const columns = selectColumns(board, NO_FILTER, 'longest-waiting');
      expect(columns.OPEN).toEqual([]);
      expect(columns.HANDLING.map((e) => e.id)).toEqual(['h1', 'h2']);
      expect(board.byId.has('o1')).toBe(false);
      expect(board.totals).toEqual({ OPEN: 0, HANDLING: 2, MISSED: 0, CLOSED: 40 });
    });

    it('moves the enquiry out of a live selection too', () => {
      const before = loaded();
      const first = updateSelection(null, applyBoardEvents(before, []), NO_FILTER, 'newest');
      const changed = applyBoardEvents(first.board, [boardEvent(enquiry('h9', { version: 1 }))]);
      const second = updateSelection(first, changed, NO_FILTER, 'newest');
      const removed = applyBoardEvents(changed, [removal(enquiry('h1', { version: 2 }))]);
      const third = updateSelection(second, removed, NO_FILTER, 'newest');
      expect(third.columns.HANDLING.map((e) => e.id).sort()).toEqual(['h2', 'h9']);
      expect(third.columns).toEqual(selectColumns(removed, NO_FILTER, 'newest'));
    });

    it('ignores a stale removal, and one of an enquiry the board never had (counts untouched)', () => {
      const newer = applyBoardEvents(loaded(), [boardEvent(enquiry('h1', { version: 5 }))]);
      const afterStale = applyBoardEvents(newer, [removal(enquiry('h1', { version: 4 }))]);
      expect(afterStale.byId.has('h1')).toBe(true);
      const afterUnknown = applyBoardEvents(newer, [removal(enquiry('x1', { version: 3 }))]);
      expect(afterUnknown.totals).toEqual(newer.totals);
      expect(afterUnknown.byId.has('x1')).toBe(false);
    });

    it('keeps the enquiry off the board when a page read before the removal comes in later', () => {
      let board = applyBoardEvents(loaded(), [removal(enquiry('o1', { status: 'HANDLING', version: 2 }))]);
      board = applyPage(board, 'OPEN', page('OPEN', [enquiry('o1', { version: 1, owner: null })]), false);
      expect(board.byId.has('o1')).toBe(false);
      // An event or page of the same version is the removed state: still off the board.
      board = applyBoardEvents(board, [boardEvent(enquiry('o1', { status: 'HANDLING', version: 2 }))]);
      expect(board.byId.has('o1')).toBe(false);
    });

    it('lets the enquiry back when a later event brings it into her view again', () => {
      let board = applyBoardEvents(loaded(), [removal(enquiry('h1', { version: 2 }))]);
      expect(board.totals.HANDLING).toBe(1);
      // Transferred back to her.
      board = applyBoardEvents(board, [boardEvent(enquiry('h1', { version: 3 }))]);
      expect(board.byId.get('h1')?.version).toBe(3);
      expect(board.totals.HANDLING).toBe(2);
      expect(board.removedAt.has('h1')).toBe(false);
      // A removal at the same version as the event in the same batch wins (order counts).
      board = applyBoardEvents(board, [
        boardEvent(enquiry('h2', { version: 4 })),
        removal(enquiry('h2', { version: 4 })),
      ]);
      expect(board.byId.has('h2')).toBe(false);
      expect(board.totals.HANDLING).toBe(1);
    });
  });

  it('sorts Handling by the handling time its cards show: newest and longest by pick-up, not creation', () => {
    // a was created first but picked up last: its card shows the shorter handling time.
    const board = columnOf('HANDLING', [
      enquiry('a', { waitingSince: at('09:00'), pickedUpAt: at('10:05'), visitor: { id: '1', name: 'Bo' } }),
      enquiry('b', { waitingSince: at('09:30'), pickedUpAt: at('10:01'), visitor: { id: '2', name: 'Al' } }),
    ]);
    expect(order(board, 'HANDLING', 'newest')).toEqual(['a', 'b']);
    expect(order(board, 'HANDLING', 'longest-waiting')).toEqual(['b', 'a']);
    expect(order(board, 'HANDLING', 'visitor')).toEqual(['b', 'a']);
  });

  it('sorts Open and Missed by the waiting time their cards show (since creation)', () => {
    for (const column of ['OPEN', 'MISSED'] as const) {
      const board = columnOf(column, [
        enquiry('early', { waitingSince: at('09:00'), pickedUpAt: null }),
        enquiry('late', { waitingSince: at('09:40'), pickedUpAt: null }),
        enquiry('middle', { waitingSince: at('09:20'), pickedUpAt: null }),
      ]);
      expect(order(board, column, 'newest')).toEqual(['late', 'middle', 'early']);
      expect(order(board, column, 'longest-waiting')).toEqual(['early', 'middle', 'late']);
    }
  });

  it('sorts Closed by what its cards show: longest "took" first, newest closed first', () => {
    const board = columnOf('CLOSED', [
      // Took 50 minutes, closed 10:50.
      enquiry('slow', { waitingSince: at('09:55'), pickedUpAt: at('10:00'), closedAt: at('10:50') }),
      // Took 5 minutes, closed 11:05 (created and picked up last of the three).
      enquiry('quick', { waitingSince: at('10:58'), pickedUpAt: at('11:00'), closedAt: at('11:05') }),
      // Took 20 minutes, closed 11:00 (created and picked up first).
      enquiry('first', { waitingSince: at('09:00'), pickedUpAt: at('10:40'), closedAt: at('11:00') }),
    ]);
    expect(order(board, 'CLOSED', 'longest-waiting')).toEqual(['slow', 'first', 'quick']);
    expect(order(board, 'CLOSED', 'newest')).toEqual(['quick', 'first', 'slow']);
  });

  it('orders every column by the time its cards show', () => {
    const now = Date.parse(at('12:00'));
    const minutes = (n: number) => new Date(Date.parse(at('08:00')) + n * 60_000).toISOString();
    // Creation, pick-up and close deliberately out of step, so no single field gives the order.
    const spans = [
      [0, 170, 200],
      [40, 45, 230],
      [10, 100, 110],
      [60, 61, 62],
      [30, 150, 220],
    ];
    const enquiries = (column: OverviewColumn) =>
      spans.map(([created, picked, closed], i) =>
        enquiry(`${column}-${i}`, {
          status: column,
          waitingSince: minutes(created!),
          pickedUpAt: column === 'OPEN' || column === 'MISSED' ? null : minutes(picked!),
          closedAt: column === 'CLOSED' ? minutes(closed!) : null,
        }),
      );
    let board = emptyBoard();
    for (const column of ['OPEN', 'HANDLING', 'MISSED', 'CLOSED'] as const) {
      board = applyPage(board, column, page(column, enquiries(column)), true);
    }
    const longest = selectColumns(board, NO_FILTER, 'longest-waiting');
    const newest = selectColumns(board, NO_FILTER, 'newest');
    for (const column of ['OPEN', 'HANDLING', 'MISSED', 'CLOSED'] as const) {
      const shown = longest[column].map((e) => shownAt(e, now));
      expect(shown, `${column} longest`).toEqual([...shown].sort((a, b) => b - a));
      expect(new Set(shown).size, `${column} times differ`).toBe(spans.length);
    }
    // Running timers: the newest shows the shortest time.
    for (const column of ['OPEN', 'HANDLING', 'MISSED'] as const) {
      const shown = newest[column].map((e) => shownAt(e, now));
      expect(shown, `${column} newest`).toEqual([...shown].sort((a, b) => a - b));
    }
    // Closed: the latest to close is the newest arrival.
    const closed = newest.CLOSED.map((e) => Date.parse(e.closedAt!));
    expect(closed).toEqual([...closed].sort((a, b) => b - a));
  });

  it('sorts 10,000 enquiries with distinct times by every key, each column by its own time', () => {
    const base = Date.parse(at('00:00'));
    const many = Array.from({ length: 10_000 }, (_, i) =>
      enquiry(`y${i}`, {
        status: i % 2 ? 'HANDLING' : 'CLOSED',
        waitingSince: new Date(base + ((i * 7919) % 10_000) * 1000).toISOString(),
        pickedUpAt: new Date(base + ((i * 104_729) % 10_000) * 1000 + 20_000_000).toISOString(),
        closedAt: i % 2 ? null : new Date(base + ((i * 1299) % 10_000) * 1000 + 40_000_000).toISOString(),
      }),
    );
    let board = applyPage(
      emptyBoard(),
      'HANDLING',
      page(
        'HANDLING',
        many.filter((_, i) => i % 2),
      ),
      true,
    );
    board = applyPage(
      board,
      'CLOSED',
      page(
        'CLOSED',
        many.filter((_, i) => i % 2 === 0),
      ),
      true,
    );
    for (const sort of ['newest', 'longest-waiting', 'newest', 'recent-activity'] as const) {
      const columns = selectColumns(board, NO_FILTER, sort);
      expect(columns.HANDLING.length + columns.CLOSED.length).toBe(10_000);
    }
    const handling = selectColumns(board, NO_FILTER, 'newest').HANDLING;
    const picked = handling.map((e) => Date.parse(e.pickedUpAt!));
    expect(picked).toEqual([...picked].sort((a, b) => b - a));
  });

  it('counts unread activity from the first sight or the last read', () => {
    let board = loaded();
    board = applyBoardEvents(board, [boardEvent(enquiry('h1', { messageCount: 4, version: 2 }))]);
    const h1 = board.byId.get('h1')!;
    expect(unreadCount(board, h1, undefined)).toBe(3);
    expect(unreadCount(board, h1, 4)).toBe(0);
  });

  it('applies a burst of 10,000 events on 10,000 enquiries, moving each to its column', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => enquiry(`x${i}`, { status: 'OPEN' }));
    let board = applyPage(emptyBoard(), 'OPEN', page('OPEN', many), true);
    const events = many.map((e, i) => boardEvent({ ...e, status: i % 2 ? 'HANDLING' : 'OPEN', version: 2 }));
    board = applyBoardEvents(board, events);
    const columns = selectColumns(board, NO_FILTER, 'longest-waiting');
    expect(columns.OPEN.length + columns.HANDLING.length).toBe(10_000);
    expect(board.totals).toMatchObject({ OPEN: 5000, HANDLING: 5000 });
  });

  it('keeps a selection up to date by moving only changed enquiries, always equal to selecting afresh', () => {
    // A small deterministic pseudo-random walk: events move, update and add enquiries; now
    // and then a page loads or a burst overflows the tracked changes.
    let seed = 7;
    // mulberry32: small, and good in its low bits.
    const random = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
    const statuses: OverviewColumn[] = ['OPEN', 'HANDLING', 'MISSED', 'CLOSED'];
    const minute = (n: number) => new Date(Date.parse(at('08:00')) + n * 60_000).toISOString();
    const snapshot = (id: string, version: number): Enquiry => {
      const status = statuses[random(4)]!;
      return enquiry(id, {
        version,
        status,
        owner: random(2) ? grace : ada,
        channel: random(2) ? 'WEB_CHAT' : 'EMAIL',
        visitor: { id: `v-${id}`, name: `Visitor ${random(50)}` },
        waitingSince: minute(random(60)),
        pickedUpAt: status === 'OPEN' ? null : minute(60 + random(60)),
        closedAt: status === 'CLOSED' ? minute(120 + random(60)) : null,
        lastMessageAt: minute(random(180)),
      });
    };
    const versions = new Map<string, number>();
    const next = (id: string) => {
      const version = (versions.get(id) ?? 0) + 1;
      versions.set(id, version);
      return snapshot(id, version);
    };
    const filters: BoardFilter[] = [
      NO_FILTER,
      { ...NO_FILTER, ownerId: grace.id },
      { ...NO_FILTER, text: 'visitor 1' },
    ];
    const sorts: SortKey[] = ['newest', 'longest-waiting', 'recent-activity', 'visitor'];
    let board = applyPage(
      emptyBoard(),
      'HANDLING',
      page(
        'HANDLING',
        Array.from({ length: 40 }, (_, i) => next(`e${i}`)),
      ),
      true,
    );
    const kept = new Map<string, ColumnSelection | null>();
    let updatedInPlace = 0;
    for (let step = 0; step < 300; step++) {
      if (step % 97 === 50) {
        board = applyPage(board, 'CLOSED', page('CLOSED', [next(`p${step}`)]), false);
      } else {
        const burst = step % 61 === 30 ? 300 : 1 + random(4);
        const events = Array.from({ length: burst }, () =>
          boardEvent(next(`e${random(burst > 100 ? 400 : 60)}`)),
        );
        // Replays of older snapshots are ignored and must not disturb the selection.
        if (random(5) === 0) events.push(boardEvent({ ...events[0]!.enquiry, version: 0 }));
        board = applyBoardEvents(board, events);
      }
      for (const filter of filters) {
        for (const sort of sorts) {
          const key = `${JSON.stringify(filter)}|${sort}`;
          const previous = kept.get(key) ?? null;
          // Some selections skip revisions, as a deferred render does.
          if (previous && random(3) === 0) continue;
          const selection = updateSelection(previous, board, filter, sort);
          if (previous && selection.columns !== previous.columns && board.changes) updatedInPlace += 1;
          expect(selection.columns).toEqual(selectColumns(board, filter, sort));
          kept.set(key, selection);
        }
      }
    }
    expect(updatedInPlace).toBeGreaterThan(1000);
  });

  it('selects afresh for a different filter, sort or board', () => {
    const board = applyBoardEvents(loaded(), [boardEvent(enquiry('h3', { version: 1 }))]);
    const first = updateSelection(null, board, NO_FILTER, 'newest');
    const other = applyBoardEvents(loaded(), [boardEvent(enquiry('h4', { version: 1 }))]);
    expect(updateSelection(first, other, NO_FILTER, 'newest').columns.HANDLING.map((e) => e.id)).toEqual(
      selectColumns(other, NO_FILTER, 'newest').HANDLING.map((e) => e.id),
    );
    expect(updateSelection(first, board, NO_FILTER, 'visitor').sort).toBe('visitor');
    expect(updateSelection(first, board, NO_FILTER, 'newest')).toBe(first);
  });
});
