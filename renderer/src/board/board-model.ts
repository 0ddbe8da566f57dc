/**
 * The Enquiry Overview as pure data: every known enquiry by id, placed in the column its
 * status names. Board events carry the full enquiry snapshot after the change, so applying
 * one is an upsert that also moves the enquiry out of whichever column it was in; an event
 * marked `removed` (an agent's board: the enquiry left her view) drops it instead.
 * Pure functions only: unit-tested in tests/renderer.
 */
import type {
  BoardEvent,
  Channel,
  Enquiry,
  EnquiryPage,
  OverviewColumn,
  StaffRef,
} from '../../../shared/domain';
import { timerOf } from '../ui/format';

/** Columns keyed by name, for counts and paging state. */
export type PerColumn<T> = Record<OverviewColumn, T>;

export interface BoardModel {
  /** Every enquiry we know of, by id; the status says which column it is in. */
  byId: ReadonlyMap<string, Enquiry>;
  /** Server totals adjusted by the events applied since (so counts cover pages not loaded). */
  totals: PerColumn<number>;
  /** Paging cursor per column; null when the column is fully loaded. */
  nextPage: PerColumn<string | null>;
  /** Message count when each enquiry was first seen here: activity beyond it is unread. */
  baseline: ReadonlyMap<string, number>;
  /**
   * Enquiries dropped by a removal, with the version they were removed at: a page read before
   * the removal (still holding them) does not bring them back; a later event does.
   */
  removedAt: ReadonlyMap<string, number>;
  /** Bumped on every change, so memoized selections know when to recompute. */
  revision: number;
  /** One object per loaded board: revisions are comparable only within the same lineage. */
  lineage: object;
  /**
   * The enquiries changed by events since revision `base` (a bounded set), so a selection
   * made at or after `base` can be brought up to date by moving just those (see
   * {@link updateSelection}). Null after a page load: select afresh.
   */
  changes: { base: number; ids: ReadonlySet<string> } | null;
}

/** At most this many changed enquiries are tracked before the set starts over. */
const MAX_TRACKED_CHANGES = 256;
/** At most this many removals are remembered (the oldest are forgotten first). */
const MAX_REMOVALS = 5_000;

/** An empty board. */
export function emptyBoard(): BoardModel {
  return {
    byId: new Map(),
    totals: { OPEN: 0, HANDLING: 0, MISSED: 0, CLOSED: 0 },
    nextPage: { OPEN: null, HANDLING: null, MISSED: null, CLOSED: null },
    baseline: new Map(),
    removedAt: new Map(),
    revision: 0,
    lineage: {},
    changes: null,
  };
}

function isNewer(incoming: Enquiry, known: Enquiry | undefined): boolean {
  return !known || incoming.version >= known.version;
}

/** Whether a removal at this version or later dropped the enquiry (so this snapshot is stale). */
function removedSince(board: BoardModel, enquiry: Enquiry): boolean {
  const version = board.removedAt.get(enquiry.id);
  return version !== undefined && enquiry.version <= version;
}

/**
 * Merges one loaded page of a column. Enquiries we already hold at a newer version (an
 * event overtook the page) are kept as they are.
 */
export function applyPage(
  board: BoardModel,
  column: OverviewColumn,
  page: EnquiryPage,
  first: boolean,
): BoardModel {
  const byId = new Map(board.byId);
  const baseline = new Map(board.baseline);
  for (const enquiry of page.enquiries) {
    if (removedSince(board, enquiry)) continue;
    if (!baseline.has(enquiry.id)) baseline.set(enquiry.id, enquiry.messageCount);
    if (isNewer(enquiry, byId.get(enquiry.id))) byId.set(enquiry.id, enquiry);
  }
  return {
    byId,
    baseline,
    totals: first ? { ...board.totals, [column]: page.totalCount } : board.totals,
    nextPage: { ...board.nextPage, [column]: page.hasNextPage ? page.endCursor : null },
    removedAt: board.removedAt,
    revision: board.revision + 1,
    lineage: board.lineage,
    changes: null,
  };
}

/**
 * Applies a batch of board events in order: upsert by enquiry id into the column its
 * status names, removing it from the column it was in; a removal (`removed`) drops it from
 * the board and its count. Stale snapshots (lower version) are ignored, so replays and
 * page/event races are harmless.
 */
export function applyBoardEvents(board: BoardModel, events: readonly BoardEvent[]): BoardModel {
  if (events.length === 0) return board;
  const byId = new Map(board.byId);
  const totals = { ...board.totals };
  let baseline = board.baseline as Map<string, number>;
  let removedAt = board.removedAt as Map<string, number>;
  const writableRemovals = () => {
    if (removedAt === board.removedAt) removedAt = new Map(removedAt);
    return removedAt;
  };
  const tracking = board.changes !== null && board.changes.ids.size < MAX_TRACKED_CHANGES;
  const changedIds = new Set<string>(tracking ? board.changes!.ids : []);
  let changed = false;
  for (const event of events) {
    const incoming = event.enquiry;
    const known = byId.get(incoming.id);
    if (known && incoming.version < known.version) continue;
    const removal = removedAt.get(incoming.id);
    if (removal !== undefined && incoming.version <= removal) continue;
    if (event.removed) {
      const removals = writableRemovals();
      removals.delete(incoming.id);
      removals.set(incoming.id, incoming.version);
      if (removals.size > MAX_REMOVALS) removals.delete(removals.keys().next().value!);
      if (!known) continue;
      byId.delete(incoming.id);
      totals[known.status] = Math.max(0, totals[known.status] - 1);
      changedIds.add(incoming.id);
      changed = true;
      continue;
    }
    if (removal !== undefined) writableRemovals().delete(incoming.id);
    changedIds.add(incoming.id);
    if (known && known.version === incoming.version && known.status === incoming.status) {
      byId.set(incoming.id, incoming);
      changed = true;
      continue;
    }
    if (!known) {
      totals[incoming.status] += 1;
      if (!baseline.has(incoming.id)) {
        if (baseline === board.baseline) baseline = new Map(baseline);
        baseline.set(incoming.id, 0);
      }
    } else if (known.status !== incoming.status) {
      totals[known.status] = Math.max(0, totals[known.status] - 1);
      totals[incoming.status] += 1;
    }
    byId.set(incoming.id, incoming);
    changed = true;
  }
  if (!changed) return removedAt === board.removedAt ? board : { ...board, removedAt };
  return {
    ...board,
    byId,
    totals,
    baseline,
    removedAt,
    revision: board.revision + 1,
    changes: { base: tracking ? board.changes!.base : board.revision, ids: changedIds },
  };
}

/**
 * Board orders. The time-based ones follow the timer each card shows (`timerOf`): Open
 * waiting since creation, Handling since pick-up, Missed waited since creation, Closed the
 * time it took from pick-up to close. So in Handling "Newest first" is the latest picked
 * up, and "Longest time first" the longest in handling.
 * - `newest`: the latest to start its timer first, or, once the timer has stopped (Closed),
 *   the latest to stop it: the latest arrival in the column is on top.
 * - `longest-waiting`: the longest time on the card first; running timers before stopped ones.
 */
export type SortKey = 'longest-waiting' | 'newest' | 'recent-activity' | 'visitor';

/** The board's order until the person picks another: the longest-waiting enquiry on top. */
export const DEFAULT_SORT: SortKey = 'longest-waiting';

/** The Sort select's options, in this order; the first, longest time first, is the default. */
export const SORT_LABELS: Record<SortKey, string> = {
  'longest-waiting': 'Longest time first',
  newest: 'Newest first',
  'recent-activity': 'Recent activity first',
  visitor: 'Visitor name (A–Z)',
};

export interface BoardFilter {
  /** Staff id of the owner agent, or null for everyone. */
  ownerId: string | null;
  channel: Channel | null;
  /** Matches the visitor's name or the subject, case-insensitive. */
  text: string;
}

/**
 * No filter. An agent's board needs none of its own: the server sends her only what she may
 * see (the Open queue, her own enquiries) and a removal when one leaves her view.
 */
export const NO_FILTER: BoardFilter = { ownerId: null, channel: null, text: '' };

/** Whether an enquiry passes the filter. */
export function matchesFilter(enquiry: Enquiry, filter: BoardFilter): boolean {
  if (filter.ownerId && enquiry.owner?.id !== filter.ownerId) return false;
  if (filter.channel && enquiry.channel !== filter.channel) return false;
  const text = filter.text.trim().toLowerCase();
  if (text) {
    const haystack = `${enquiry.visitor.name} ${enquiry.subject ?? ''}`.toLowerCase();
    if (!haystack.includes(text)) return false;
  }
  return true;
}

/** What sorting needs of a snapshot, in epoch milliseconds. */
interface SortTimes {
  /** When the card's timer started (see `timerOf`). */
  since: number;
  /** When it stopped, or null while it runs. */
  end: number | null;
  /** When the enquiry arrived in its column as the card tells it: the timer's end, else its start. */
  arrived: number;
  /** The span a stopped timer shows (end − since); 0 while it runs. */
  took: number;
  /** The last message, else creation. */
  active: number;
}

/** Parsed times per snapshot (snapshots are immutable), so sorting 10,000 parses each once. */
const timeCache = new WeakMap<Enquiry, SortTimes>();

function parseTime(iso: string | null, fallback: number): number {
  const time = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(time) ? fallback : time;
}

function timesOf(enquiry: Enquiry): SortTimes {
  let times = timeCache.get(enquiry);
  if (!times) {
    const created = parseTime(enquiry.waitingSince, 0);
    const timer = timerOf(enquiry);
    const since = parseTime(timer.since, created);
    const end = timer.end ? parseTime(timer.end, since) : null;
    times = {
      since,
      end,
      arrived: end ?? since,
      took: end === null ? 0 : end - since,
      active: parseTime(enquiry.lastMessageAt, created),
    };
    timeCache.set(enquiry, times);
  }
  return times;
}

function byId(a: Enquiry, b: Enquiry): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Longest time shown on the card first: running timers by start, then stopped ones by span. */
function longestShownFirst(a: Enquiry, b: Enquiry): number {
  const x = timesOf(a);
  const y = timesOf(b);
  if ((x.end === null) !== (y.end === null)) return x.end === null ? -1 : 1;
  return (x.end === null ? x.since - y.since : y.took - x.took) || byId(a, b);
}

function compareBy(sort: SortKey): (a: Enquiry, b: Enquiry) => number {
  switch (sort) {
    case 'longest-waiting':
      return longestShownFirst;
    case 'newest':
      return (a, b) => timesOf(b).arrived - timesOf(a).arrived || byId(a, b);
    case 'recent-activity':
      return (a, b) => timesOf(b).active - timesOf(a).active || byId(a, b);
    case 'visitor':
      return (a, b) => a.visitor.name.localeCompare(b.visitor.name) || byId(a, b);
  }
}

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

function sameFilter(a: BoardFilter, b: BoardFilter): boolean {
  return a.ownerId === b.ownerId && a.channel === b.channel && a.text === b.text;
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

/** Whether any filter is narrowing the board (counts then show "shown of total"). */
export function isFiltering(filter: BoardFilter): boolean {
  return Boolean(filter.ownerId || filter.channel || filter.text.trim());
}

/** The distinct owners on the board, for the agent filter. */
export function ownersOf(board: BoardModel): StaffRef[] {
  const owners = new Map<string, StaffRef>();
  for (const enquiry of board.byId.values()) {
    if (enquiry.owner) owners.set(enquiry.owner.id, enquiry.owner);
  }
  return [...owners.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Messages posted since the enquiry was first seen or last read here. */
export function unreadCount(board: BoardModel, enquiry: Enquiry, readCount: number | undefined): number {
  return unreadSince(enquiry.messageCount, board.baseline.get(enquiry.id), readCount);
}

/** Messages beyond both the count when first seen (`baseline`) and the count last read. */
export function unreadSince(
  messageCount: number,
  baseline: number | undefined,
  readCount: number | undefined,
) {
  return Math.max(0, messageCount - Math.max(baseline ?? 0, readCount ?? 0));
}
