/**
 * The board's filters: by owner agent, channel and text (the visitor's name or the
 * subject). Pure functions only: unit-tested in tests/renderer.
 */
import type { Channel, Enquiry } from '../../../shared/domain';

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

/** Whether any filter is narrowing the board (counts then show "shown of total"). */
export function isFiltering(filter: BoardFilter): boolean {
  return Boolean(filter.ownerId || filter.channel || filter.text.trim());
}

/** Whether two filters narrow the board the same way. */
export function sameFilter(a: BoardFilter, b: BoardFilter): boolean {
  return a.ownerId === b.ownerId && a.channel === b.channel && a.text === b.text;
}
