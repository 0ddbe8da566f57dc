/**
 * The board's columns as shown: the enquiries of each column, filtered and sorted, selected
 * afresh or brought up to date by moving only the enquiries events changed. Pure functions
 * only: unit-tested in tests/renderer.
 */
import type { Enquiry, OverviewColumn } from '../../../shared/domain';
import { matchesFilter, sameFilter, type BoardFilter } from './board-filter';
import type { BoardModel, PerColumn } from './board-model';
import { compareBy, type SortKey } from './board-order';

/** The enquiries of every column, filtered and sorted, in one pass over the board. */
export function selectColumns(board: BoardModel, filter: BoardFilter, sort: SortKey): PerColumn<Enquiry[]> {
  const columns: PerColumn<Enquiry[]> = { OPEN: [], HANDLING: [], MISSED: [], CLOSED: [] };
  for (const enquiry of board.byId.values()) {
    if (matchesFilter(enquiry, filter)) columns[enquiry.status].push(enquiry);
  }
  const compare = compareBy(sort);
  for (const list of Object.values(columns)) list.sort(compare);
  return columns;
}

/** Columns selected from a board with a filter and sort: what {@link updateSelection} keeps. */
export interface ColumnSelection {
  board: BoardModel;
  filter: BoardFilter;
  sort: SortKey;
  columns: PerColumn<Enquiry[]>;
}

/** Where `enquiry` goes in a list sorted by `compare` (the first index not before it). */
function lowerBound(list: readonly Enquiry[], enquiry: Enquiry, compare: (a: Enquiry, b: Enquiry) => number) {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(list[middle]!, enquiry) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The columns for `board`, `filter` and `sort`: when `previous` was selected from an
 * earlier revision of the same board with the same filter and sort, only the enquiries
 * changed since are moved (a binary search each) instead of filtering and sorting every
 * enquiry again; the result is the same as {@link selectColumns}. Columns no change touched
 * keep their arrays, so their rows need not re-render.
 */
export function updateSelection(
  previous: ColumnSelection | null,
  board: BoardModel,
  filter: BoardFilter,
  sort: SortKey,
): ColumnSelection {
  const changes = board.changes;
  if (
    !previous ||
    previous.sort !== sort ||
    !sameFilter(previous.filter, filter) ||
    previous.board.lineage !== board.lineage ||
    changes === null ||
    changes.base > previous.board.revision ||
    previous.board.revision > board.revision
  ) {
    return { board, filter, sort, columns: selectColumns(board, filter, sort) };
  }
  if (previous.board === board) return previous;
  const compare = compareBy(sort);
  const columns = { ...previous.columns };
  const copied = new Set<OverviewColumn>();
  const writable = (column: OverviewColumn) => {
    if (!copied.has(column)) {
      columns[column] = columns[column].slice();
      copied.add(column);
    }
    return columns[column];
  };
  for (const id of changes.ids) {
    const before = previous.board.byId.get(id);
    const after = board.byId.get(id);
    if (before === after) continue;
    if (before && matchesFilter(before, filter)) {
      const list = writable(before.status);
      let index = lowerBound(list, before, compare);
      if (list[index] !== before) index = list.indexOf(before);
      if (index >= 0) list.splice(index, 1);
    }
    if (after && matchesFilter(after, filter)) {
      const list = writable(after.status);
      list.splice(lowerBound(list, after, compare), 0, after);
    }
  }
  return { board, filter, sort, columns };
}
