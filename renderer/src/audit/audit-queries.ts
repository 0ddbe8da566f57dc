/**
 * The audit trail as server state: pages of entries (react-query's infinite query, paged
 * with the connection's cursor), the staff list for the filter, and the enquiries whose
 * visitor matches a name the administrator typed (the trail is filtered by enquiry id).
 */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { Enquiry } from '../../../shared/domain';
import type { RequestArgs } from '../../../shared/ipc/contract';
import { request } from '../bridge/bridge';

/** What the trail is narrowed to (empty: everything). */
export type AuditFilter = RequestArgs<'audit/csv'>;

export const AUDIT_PAGE_SIZE = 25;

export function useAuditTrail(filter: AuditFilter, enabled = true) {
  return useInfiniteQuery({
    queryKey: ['audit', filter],
    queryFn: ({ pageParam }) =>
      request('audit/list', { ...filter, first: AUDIT_PAGE_SIZE, after: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => (page.hasNextPage ? page.endCursor : undefined),
    enabled,
    staleTime: 0,
  });
}

export function useStaffMembers(enabled: boolean) {
  return useQuery({
    queryKey: ['staff'],
    queryFn: () => request('staff/list', {}),
    enabled,
    staleTime: 60_000,
  });
}

const COLUMNS = ['OPEN', 'HANDLING', 'MISSED', 'CLOSED'] as const;

/** An id the backend gave an enquiry (`enq_…`): typed or pasted, it is used as it is. */
export const looksLikeEnquiryId = (text: string): boolean => /^enq_[A-Za-z0-9]+$/.test(text.trim());

/**
 * The enquiries whose visitor's name (or subject) matches `text`, from every column: the
 * exact name first, then the most recent.
 */
export function useEnquiryMatches(text: string) {
  const term = text.trim();
  return useQuery({
    queryKey: ['audit', 'enquiry-matches', term],
    enabled: term.length >= 2 && !looksLikeEnquiryId(term),
    staleTime: 30_000,
    queryFn: async (): Promise<Enquiry[]> => {
      const pages = await Promise.all(
        COLUMNS.map((column) => request('board/load', { column, first: 10, filter: { text: term } })),
      );
      const exact = (e: Enquiry) => e.visitor.name.toLowerCase() === term.toLowerCase();
      return pages
        .flatMap((page) => page.enquiries)
        .sort(
          (a, b) =>
            Number(exact(b)) - Number(exact(a)) || Date.parse(b.waitingSince) - Date.parse(a.waitingSince),
        );
    },
  });
}
