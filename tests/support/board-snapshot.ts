import { gqlData } from './backend-client';
import { ENQUIRY_STATE_FIELDS, type EnquiryState, type StreamReader } from './stream-readers';

/**
 * The board as a console loads it — each column read with the board cursor it reflects —
 * and the check that such a snapshot plus the events after its cursor shows the board as
 * it really is. A cursor that counts a position whose change the snapshot does not hold
 * (or a stream that skips one) leaves an enquiry showing an old state.
 */

const COLUMNS = ['OPEN', 'HANDLING', 'MISSED', 'CLOSED'] as const;

const COLUMN_PAGE = `query ($column: OverviewColumn!) {
  enquiryOverview(column: $column, first: 100) { boardCursor totalCount edges { node { ${ENQUIRY_STATE_FIELDS} } } }
}`;

/** Each column's enquiries with the board cursor its page was read at. */
export type BoardSnapshot = { column: string; cursor: number; enquiries: EnquiryState[] }[];

export async function boardSnapshot(url: string, token: string): Promise<BoardSnapshot> {
  const pages = await Promise.all(COLUMNS.map((column) => gqlData(url, COLUMN_PAGE, { column }, token)));
  return COLUMNS.map((column, i) => {
    const page = pages[i]!.enquiryOverview;
    if (page.totalCount > page.edges.length) throw new Error(`the ${column} column outgrew one page`);
    return {
      column,
      cursor: Number(page.boardCursor),
      enquiries: page.edges.map((e: { node: EnquiryState }) => e.node),
    };
  });
}

/** The cursor to follow a snapshot from: the earliest its columns were read at. */
export const snapshotCursor = (snapshot: BoardSnapshot): number => Math.min(...snapshot.map((c) => c.cursor));

const comparable = (e: EnquiryState) =>
  JSON.stringify({
    status: e.status,
    version: e.version,
    messageCount: e.messageCount,
    call: e.call,
    owner: e.owner?.id ?? null,
  });

/**
 * Where the board a console built (snapshot, then the reader's events up to `upTo`, each
 * enquiry as of the latest position known for it) differs from `truth`, read afterwards.
 */
export function boardDifferences(
  snapshot: BoardSnapshot,
  reader: StreamReader,
  upTo: number,
  truth: BoardSnapshot,
): string[] {
  const latest = new Map<string, { at: number; state: EnquiryState }>();
  const offer = (at: number, state: EnquiryState): void => {
    const known = latest.get(state.id);
    if (!known || known.at < at) latest.set(state.id, { at, state });
  };
  for (const column of snapshot) for (const enquiry of column.enquiries) offer(column.cursor, enquiry);
  for (const event of reader.seen) if (event.seq <= upTo) offer(event.seq, event.enquiry);
  const differences: string[] = [];
  for (const column of truth) {
    for (const enquiry of column.enquiries) {
      const shown = latest.get(enquiry.id);
      if (!shown) differences.push(`${reader.name}: never saw enquiry ${enquiry.id}`);
      else if (comparable(shown.state) !== comparable(enquiry)) {
        differences.push(
          `${reader.name}: shows ${enquiry.id} as ${comparable(shown.state)} (as of ${shown.at}), it is ${comparable(enquiry)}`,
        );
      }
    }
  }
  return differences;
}
