/**
 * The Enquiry Overview as pure data: every known enquiry by id, placed in the column its
 * status names. Board events carry the full enquiry snapshot after the change, so applying
 * one is an upsert that also moves the enquiry out of whichever column it was in; an event
 * marked `removed` (an agent's board: the enquiry left her view) drops it instead.
 * Pure functions only: unit-tested in tests/renderer.
 */
import type { BoardEvent, Enquiry, EnquiryPage, OverviewColumn, StaffRef } from '../../../shared/domain';

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
   * board-selection.ts's updateSelection). Null after a page load: select afresh.
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
