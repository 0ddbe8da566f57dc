import type { SqlExecutor } from '../storage/store';
import { iso } from '../domain/enquiry-repo';
import type { EventPayload, EventType, LoggedEvent } from '../domain/types';

interface EventRow {
  tenant_id: string;
  seq: number | string;
  type: EventType;
  enquiry_id: string | null;
  actor_id: string | null;
  at: Date | string;
  payload: EventPayload | string;
}

function toEvent(row: EventRow): LoggedEvent {
  return {
    tenantId: row.tenant_id,
    seq: Number(row.seq),
    type: row.type,
    enquiryId: row.enquiry_id,
    actorId: row.actor_id,
    at: iso(row.at),
    payload: typeof row.payload === 'string' ? (JSON.parse(row.payload) as EventPayload) : row.payload,
  };
}

/** Reads the tenant's events after `afterSeq` (and up to `upTo` when given), in order. */
export async function readEventsAfter(
  db: SqlExecutor,
  tenantId: string,
  afterSeq: number,
  limit: number,
  options: { upTo?: number; enquiryId?: string } = {},
): Promise<LoggedEvent[]> {
  const rows = await db.query<EventRow>(
    `select tenant_id, seq, type, enquiry_id, actor_id, at, payload from events
      where tenant_id = $1 and seq > $2 and ($3::bigint is null or seq <= $3)
        and ($4::text is null or enquiry_id = $4)
      order by seq asc limit $5`,
    [tenantId, afterSeq, options.upTo ?? null, options.enquiryId ?? null, limit],
  );
  return rows.map(toEvent);
}

/** The tenant's latest sequence number. */
export async function currentSeq(db: SqlExecutor, tenantId: string): Promise<number> {
  const rows = await db.query<{ seq: number | string }>('select seq from tenants where id = $1', [tenantId]);
  return Number(rows[0]?.seq ?? 0);
}
