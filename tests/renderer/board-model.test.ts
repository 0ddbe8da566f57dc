import { describe, expect, it } from 'vitest';
import {
  NO_FILTER,
  applyBoardEvents,
  applyPage,
  emptyBoard,
  selectColumns,
  unreadCount,
  type BoardModel,
} from '../../renderer/src/board/board-model';
import { ada, boardEvent, enquiry, grace, page } from './fixtures';

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

  it('filters by owner, channel, text, and an agent sees only enquiries they take part in', () => {
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
    expect(handling({ onlyFor: ada.id })).toEqual(['h3']);
  });

  it('sorts by time waiting / handling, newest, and visitor name', () => {
    const board = applyPage(
      emptyBoard(),
      'HANDLING',
      page('HANDLING', [
        enquiry('a', {
          pickedUpAt: '2026-01-01T10:05:00.000Z',
          waitingSince: '2026-01-01T09:00:00.000Z',
          visitor: { id: '1', name: 'Bo' },
        }),
        enquiry('b', {
          pickedUpAt: '2026-01-01T10:01:00.000Z',
          waitingSince: '2026-01-01T09:30:00.000Z',
          visitor: { id: '2', name: 'Al' },
        }),
      ]),
      true,
    );
    expect(selectColumns(board, NO_FILTER, 'longest-waiting').HANDLING.map((e) => e.id)).toEqual(['b', 'a']);
    expect(selectColumns(board, NO_FILTER, 'newest').HANDLING.map((e) => e.id)).toEqual(['b', 'a']);
    expect(selectColumns(board, NO_FILTER, 'visitor').HANDLING.map((e) => e.id)).toEqual(['b', 'a']);
  });

  it('counts unread activity from the first sight or the last read', () => {
    let board = loaded();
    board = applyBoardEvents(board, [boardEvent(enquiry('h1', { messageCount: 4, version: 2 }))]);
    const h1 = board.byId.get('h1')!;
    expect(unreadCount(board, h1, undefined)).toBe(3);
    expect(unreadCount(board, h1, 4)).toBe(0);
  });

  it('applies a burst of 10,000 events on 10,000 enquiries quickly', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => enquiry(`x${i}`, { status: 'OPEN' }));
    let board = applyPage(emptyBoard(), 'OPEN', page('OPEN', many), true);
    const events = many.map((e, i) => boardEvent({ ...e, status: i % 2 ? 'HANDLING' : 'OPEN', version: 2 }));
    const started = performance.now();
    board = applyBoardEvents(board, events);
    const columns = selectColumns(board, NO_FILTER, 'longest-waiting');
    expect(performance.now() - started).toBeLessThan(500);
    expect(columns.OPEN.length + columns.HANDLING.length).toBe(10_000);
    expect(board.totals).toMatchObject({ OPEN: 5000, HANDLING: 5000 });
  });
});
