/** Pages of the Enquiry Overview, read through the session's client. */
import type { Enquiry, EnquiryPage } from '../../shared/domain';
import * as docs from '../../shared/graphql/documents';
import type { RequestArgs } from '../../shared/ipc/contract';
import type { BackendClient } from './graphql-client';

interface OverviewResult {
  enquiryOverview: {
    edges: { cursor: string; node: Enquiry }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    totalCount: number;
    boardCursor: string;
  };
}

/** The most enquiries the backend serves in one page (its `first` limit). */
export const BACKEND_PAGE_SIZE = 100;

/**
 * One page of one column, with the board cursor it was read at. A page larger than the
 * backend serves at once is read as consecutive backend pages; its board cursor is the
 * first one's, so that events from then on are all applied on top of it.
 */
export async function loadOverviewPage(
  client: BackendClient,
  args: RequestArgs<'board/load'>,
): Promise<EnquiryPage> {
  const wanted = args.first ?? 50;
  const enquiries: Enquiry[] = [];
  let after = args.after ?? null;
  let first: OverviewResult['enquiryOverview'] | null = null;
  let last: OverviewResult['enquiryOverview'];
  let endCursor: string | null = null;
  do {
    ({ enquiryOverview: last } = await client.query<OverviewResult>(docs.ENQUIRY_OVERVIEW, {
      column: args.column,
      first: Math.min(BACKEND_PAGE_SIZE, wanted - enquiries.length),
      after,
      filter: args.filter ?? null,
    }));
    first ??= last;
    enquiries.push(...last.edges.map((edge) => edge.node));
    after = last.pageInfo.endCursor;
    endCursor = after ?? endCursor;
  } while (last.pageInfo.hasNextPage && after && enquiries.length < wanted);
  return {
    enquiries,
    hasNextPage: last.pageInfo.hasNextPage,
    endCursor,
    totalCount: last.totalCount,
    boardCursor: first.boardCursor,
  };
}
