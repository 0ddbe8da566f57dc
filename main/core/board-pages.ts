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

/** One page of one column, with the board cursor it was read at. */
export async function loadOverviewPage(
  client: BackendClient,
  args: RequestArgs<'board/load'>,
): Promise<EnquiryPage> {
  const { enquiryOverview: page } = await client.query<OverviewResult>(docs.ENQUIRY_OVERVIEW, {
    column: args.column,
    first: args.first ?? 50,
    after: args.after ?? null,
    filter: args.filter ?? null,
  });
  return {
    enquiries: page.edges.map((edge) => edge.node),
    hasNextPage: page.pageInfo.hasNextPage,
    endCursor: page.pageInfo.endCursor,
    totalCount: page.totalCount,
    boardCursor: page.boardCursor,
  };
}
