/**
 * A batched tenant write for the console bench. It writes exactly the rows that
 * `writeForTenant` + `TenantWrite.append` write (messages, the enquiry projection, the event
 * log, the tenant's sequence number) and publishes the same `LoggedEvent`s after the
 * commit, but with one statement per table for a whole batch instead of four to five per
 * event. Why: when this bench was written (before 92aa1b3), the per-event domain path topped
 * out at roughly 380 message events/s on the embedded store (PGlite) and ~260/s on
 * PostgreSQL on this 2-core machine, below the 1,000 events/s the bench must offer. What the console receives is identical in shape; only
 * the way the backend produced it differs (and events of one enquiry within one batch carry
 * the enquiry snapshot as of the end of the batch).
 */
import { loadEnquiries } from '../../backend/domain/enquiry-repo';
import { newId } from '../../backend/domain/ids';
import type { NewMessage } from '../../backend/domain/tenant-write';
import type { EventType, LoggedEvent, Message, StaffRef } from '../../backend/domain/types';
import type { Services } from '../../backend/services';
import type { SqlExecutor } from '../../backend/storage/store';
import { alignedNow, wallClockOffset } from './clock';

/** One event to append (what `TenantWrite.append` takes). */
export interface BulkEvent {
  type: EventType;
  enquiryId: string;
  actor: StaffRef | null;
  message?: NewMessage;
  bumpVersion?: boolean;
}

export interface BulkWriteResult<T> {
  events: LoggedEvent[];
  /** System-clock ms ({@link wallNow}) right after COMMIT resolved, before publishing. */
  committedAt: number;
  value: T;
}

const NODE_OFFSET = wallClockOffset();

/** System-clock milliseconds with sub-millisecond resolution (aligned as in the page; see clock.ts). */
export const wallNow = (): number => alignedNow(NODE_OFFSET);

/** How far this process's performance clock was from the system clock (ms), for the report. */
export const nodeClockOffset = NODE_OFFSET;

/**
 * Runs `prepare` (which may change projections with `tx`, e.g. insert enquiries) and
 * appends its events, all in one transaction with the tenant row locked; publishes after
 * the commit.
 */
export async function bulkWrite<T>(
  services: Services,
  tenantId: string,
  prepare: (tx: SqlExecutor, now: Date) => Promise<{ events: BulkEvent[]; value: T }>,
): Promise<BulkWriteResult<T>> {
  const { events, value } = await services.store.transaction(async (tx) => {
    const rows = await tx.query<{ seq: string | number }>(
      'select seq from tenants where id = $1 for update',
      [tenantId],
    );
    const row = rows[0];
    if (!row) throw new Error(`no tenant ${tenantId}`);
    const now = services.now();
    const at = now.toISOString();
    const prepared = await prepare(tx, now);
    let seq = Number(row.seq);
    const drafts = prepared.events.map((draft) => {
      seq += 1;
      const message: Message | undefined = draft.message
        ? {
            id: newId('msg'),
            enquiryId: draft.enquiryId,
            kind: draft.message.kind,
            author: draft.message.author,
            text: draft.message.text,
            at,
            seq,
          }
        : undefined;
      return { draft, seq, message };
    });
    const messages = drafts.flatMap((d) => (d.message ? [d.message] : []));
    if (messages.length > 0) {
      await tx.query(
        `insert into messages (id, tenant_id, enquiry_id, kind, author_kind, author_id, author_name, author_role, text, at, seq)
         select u.id, $1, u.enquiry_id, u.kind, u.author_kind, u.author_id, u.author_name, u.author_role, u.text, $2::timestamptz, u.seq
           from unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::bigint[])
             as u(id, enquiry_id, kind, author_kind, author_id, author_name, author_role, text, seq)`,
        [
          tenantId,
          at,
          messages.map((m) => m.id),
          messages.map((m) => m.enquiryId),
          messages.map((m) => m.kind),
          messages.map((m) => m.author.kind),
          messages.map((m) => m.author.id),
          messages.map((m) => m.author.name),
          messages.map((m) => m.author.role),
          messages.map((m) => m.text),
          messages.map((m) => m.seq),
        ],
      );
    }
    // The projection: per enquiry, the version bumps and counted messages of this batch.
    const perEnquiry = new Map<string, { bumps: number; messages: number }>();
    for (const { draft, message } of drafts) {
      const entry = perEnquiry.get(draft.enquiryId) ?? { bumps: 0, messages: 0 };
      if (draft.bumpVersion) entry.bumps += 1;
      if (message && message.kind !== 'WHISPER') entry.messages += 1;
      perEnquiry.set(draft.enquiryId, entry);
    }
    const ids = [...perEnquiry.keys()];
    await tx.query(
      `update enquiries e
          set version = e.version + u.bumps,
              updated_at = $2::timestamptz,
              message_count = e.message_count + u.messages,
              last_message_at = case when u.messages > 0 then $2::timestamptz else e.last_message_at end
         from unnest($3::text[], $4::int[], $5::int[]) as u(id, bumps, messages)
        where e.id = u.id and e.tenant_id = $1`,
      [
        tenantId,
        at,
        ids,
        ids.map((id) => perEnquiry.get(id)?.bumps ?? 0),
        ids.map((id) => perEnquiry.get(id)?.messages ?? 0),
      ],
    );
    const snapshots = await loadEnquiries(tx, tenantId, ids);
    const logged: LoggedEvent[] = drafts.map(({ draft, seq: eventSeq, message }) => {
      const enquiry = snapshots.get(draft.enquiryId);
      if (!enquiry) throw new Error(`no enquiry ${draft.enquiryId}`);
      return {
        tenantId,
        seq: eventSeq,
        type: draft.type,
        enquiryId: draft.enquiryId,
        actorId: draft.actor?.id ?? null,
        at,
        payload: message ? { enquiry, actor: draft.actor, message } : { enquiry, actor: draft.actor },
      };
    });
    if (logged.length > 0) {
      await tx.query(
        `insert into events (tenant_id, seq, type, enquiry_id, actor_id, at, payload)
         select $1, u.seq, u.type, u.enquiry_id, u.actor_id, $2::timestamptz, u.payload::jsonb
           from unnest($3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[]) as u(seq, type, enquiry_id, actor_id, payload)`,
        [
          tenantId,
          at,
          logged.map((e) => e.seq),
          logged.map((e) => e.type),
          logged.map((e) => e.enquiryId),
          logged.map((e) => e.actorId),
          logged.map((e) => JSON.stringify(e.payload)),
        ],
      );
      await tx.query('update tenants set seq = $2 where id = $1', [tenantId, seq]);
    }
    return { events: logged, value: prepared.value };
  });
  const committedAt = wallNow();
  for (const event of events) {
    await services.pubsub.publish(event).catch(() => undefined);
  }
  return { events, committedAt, value };
}
