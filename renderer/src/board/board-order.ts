/**
 * The board's orders (the Sort select) and how each compares two enquiries, from the timer
 * each card shows. Parsed times are cached per snapshot. Pure functions only: unit-tested
 * in tests/renderer.
 */
import type { Enquiry } from '../../../shared/domain';
import { timerOf } from '../ui/format';

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

/** How the order `sort` compares two enquiries (ties by id, so every order is total). */
export function compareBy(sort: SortKey): (a: Enquiry, b: Enquiry) => number {
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
