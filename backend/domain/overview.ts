import type { EnquiryFilter } from '../../shared/domain';
import type { Store } from '../storage/store';
import { loadEnquiries } from './enquiry-repo';
import { refusal } from './errors';
import type { Viewer } from './rules';
import type { Enquiry, OverviewColumn } from './types';

/**
 * One page of an Enquiry Overview column with its total and the board cursor the page was
 * read at, so that boardEvents(after: boardCursor) continues exactly where it left off.
 */
export interface OverviewPage {
  enquiries: Enquiry[];
  cursors: string[];
  hasNextPage: boolean;
  endCursor: string | null;
  totalCount: number;
  boardCursor: string;
}

/** Open and Handling list the longest waiting first; Missed and Closed the latest first. */
const ORDER: Record<OverviewColumn, { key: string; dir: 'asc' | 'desc' }> = {
  OPEN: { key: 'e.waiting_since', dir: 'asc' },
  HANDLING: { key: 'coalesce(e.picked_up_at, e.waiting_since)', dir: 'asc' },
  MISSED: { key: 'e.updated_at', dir: 'desc' },
  CLOSED: { key: 'coalesce(e.closed_at, e.updated_at)', dir: 'desc' },
};

function decodeCursor(after: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as unknown;
    // [an ISO time this server wrote, an enquiry id]: anything else would only fail in SQL.
    const [key, id] = Array.isArray(value) ? (value as unknown[]) : [];
    const isTime = typeof key === 'string' && /^\d{4}-/.test(key) && new Date(key).toISOString() === key; // throws when invalid
    if (isTime && typeof id === 'string' && /^[\w-]{1,128}$/.test(id)) return [key, id];
  } catch {
    // fall through
  }
  throw refusal('BAD_USER_INPUT', 'That page cursor is not valid.');
}

const encodeCursor = (sortKey: string, id: string): string =>
  Buffer.from(JSON.stringify([sortKey, id])).toString('base64url');

export async function readOverview(
  store: Store,
  tenantId: string,
  column: OverviewColumn,
  options: {
    first?: number | null;
    after?: string | null;
    filter?: EnquiryFilter | null;
    /** Who reads it: an agent's columns hold only what she may see (see `enquiryViewBlock`). */
    viewer: Viewer;
  },
): Promise<OverviewPage> {
  const first = options.first ?? 100;
  if (!Number.isInteger(first) || first < 1 || first > 1000) {
    throw refusal('BAD_USER_INPUT', 'first must be between 1 and 1000.');
  }
  const text = options.filter?.text?.trim();
  if (text && text.length > 200) throw refusal('BAD_USER_INPUT', 'The search text is too long.');
  const order = ORDER[column];
  const params: unknown[] = [tenantId, column];
  const where = ['e.tenant_id = $1', 'e.status = $2'];
  if (options.filter?.ownerId) where.push(`e.owner_id = $${params.push(options.filter.ownerId)}`);
  if (options.filter?.channel) where.push(`e.channel = $${params.push(options.filter.channel)}`);
  // The rule of enquiryViewBlock in SQL: an agent's Open column is the whole queue; her other
  // columns (totals included) only the enquiries she owns or takes part in.
  if (options.viewer.role !== 'ADMINISTRATOR' && column !== 'OPEN') {
    const me = params.push(options.viewer.staffId);
    where.push(
      `(e.owner_id = $${me} or exists (select 1 from room_members m
         where m.enquiry_id = e.id and m.staff_id = $${me} and m.kind = 'PARTICIPANT'))`,
    );
  }
  if (text) {
    const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(`(v.name ilike $${params.push(pattern)} or e.subject ilike $${params.length})`);
  }
  const filtered = where.join(' and ');
  const countParams = [...params];
  const pageWhere = [filtered];
  if (options.after) {
    const [key, id] = decodeCursor(options.after);
    const cmp = order.dir === 'asc' ? '>' : '<';
    pageWhere.push(`(${order.key}, e.id) ${cmp} ($${params.push(key)}::timestamptz, $${params.push(id)})`);
  }
  return store.transaction(
    async (tx) => {
      const rows = await tx.query<{ id: string; sort_key: Date | string }>(
        `select e.id, ${order.key} as sort_key
           from enquiries e join visitors v on v.id = e.visitor_id
          where ${pageWhere.join(' and ')}
          order by ${order.key} ${order.dir}, e.id ${order.dir}
          limit ${first + 1}`,
        params,
      );
      const counted = await tx.query<{ n: number | string }>(
        `select count(*) as n from enquiries e join visitors v on v.id = e.visitor_id where ${filtered}`,
        countParams,
      );
      const seq = await tx.query<{ seq: number | string }>('select seq from tenants where id = $1', [
        tenantId,
      ]);
      const page = rows.slice(0, first);
      const loaded = await loadEnquiries(
        tx,
        tenantId,
        page.map((row) => row.id),
      );
      const cursors = page.map((row) => encodeCursor(new Date(row.sort_key).toISOString(), row.id));
      return {
        enquiries: page.map((row) => loaded.get(row.id)).filter((e): e is Enquiry => !!e),
        cursors,
        hasNextPage: rows.length > first,
        endCursor: cursors.at(-1) ?? null,
        totalCount: Number(counted[0]?.n ?? 0),
        boardCursor: String(Number(seq[0]?.seq ?? 0)),
      };
    },
    { snapshot: true },
  );
}
