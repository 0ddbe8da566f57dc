import type { PubSub } from '../pubsub/pubsub';
import type { SqlExecutor, Store } from '../storage/store';
import { loadEnquiry } from './enquiry-repo';
import { notFound } from './errors';
import { newId } from './ids';
import type { EventPayload, EventType, LoggedEvent, Message, StaffRef } from './types';

/** A message to post with an event, in the same transaction. */
export interface NewMessage {
  kind: Message['kind'];
  author: Message['author'];
  text: string;
}

/**
 * One write to a tenant's enquiries. The tenant row is locked for the transaction, so the
 * tenant's events get consecutive sequence numbers in commit order: a reader that has seen
 * seq N has seen everything before it. Events are appended in the same transaction as the
 * projection they change, and published only after the commit.
 */
export class TenantWrite {
  readonly events: LoggedEvent[] = [];

  constructor(
    readonly tx: SqlExecutor,
    readonly tenantId: string,
    private seq: number,
    readonly now: Date,
  ) {}

  /** The sequence number the next appended event will get. */
  get nextSeq(): number {
    return this.seq + 1;
  }

  get lastSeq(): number {
    return this.seq;
  }

  /**
   * Appends an event about an enquiry whose projection was already changed in this
   * transaction; optionally posts a message with it. `bumpVersion` marks a change of
   * status, owner, participants or call (what a deliberate take-over's expectedVersion guards).
   */
  async append(
    type: EventType,
    enquiryId: string,
    actor: StaffRef | null,
    extra: { message?: NewMessage; previousOwner?: StaffRef | null; note?: string | null; bumpVersion?: boolean } = {},
  ): Promise<LoggedEvent> {
    const seq = ++this.seq;
    const at = this.now.toISOString();
    let message: Message | undefined;
    if (extra.message) {
      message = {
        id: newId('msg'),
        enquiryId,
        kind: extra.message.kind,
        author: extra.message.author,
        text: extra.message.text,
        at,
        seq,
      };
      await this.tx.query(
        `insert into messages (id, tenant_id, enquiry_id, kind, author_kind, author_id, author_name, author_role, text, at, seq)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          message.id,
          this.tenantId,
          enquiryId,
          message.kind,
          message.author.kind,
          message.author.id,
          message.author.name,
          message.author.role,
          message.text,
          at,
          seq,
        ],
      );
    }
    const countsAsMessage = message && message.kind !== 'WHISPER';
    await this.tx.query(
      `update enquiries
          set version = version + $3,
              updated_at = $4,
              message_count = message_count + $5,
              last_message_at = case when $5 > 0 then $4::timestamptz else last_message_at end
        where id = $1 and tenant_id = $2`,
      [enquiryId, this.tenantId, extra.bumpVersion ? 1 : 0, at, countsAsMessage ? 1 : 0],
    );
    const enquiry = await loadEnquiry(this.tx, this.tenantId, enquiryId);
    if (!enquiry) throw notFound();
    const payload: EventPayload = { enquiry, actor };
    if (message) payload.message = message;
    if (extra.previousOwner !== undefined) payload.previousOwner = extra.previousOwner;
    if (extra.note !== undefined) payload.note = extra.note;
    const event: LoggedEvent = {
      tenantId: this.tenantId,
      seq,
      type,
      enquiryId,
      actorId: actor?.id ?? null,
      at,
      payload,
    };
    await this.tx.query(
      `insert into events (tenant_id, seq, type, enquiry_id, actor_id, at, payload) values ($1, $2, $3, $4, $5, $6, $7)`,
      [this.tenantId, seq, type, enquiryId, event.actorId, at, JSON.stringify(payload)],
    );
    this.events.push(event);
    return event;
  }
}

export interface WriteDeps {
  store: Store;
  pubsub: PubSub;
  now: () => Date;
}

/**
 * Runs `fn` as one tenant write: locks the tenant, lets fn change projections and append
 * events, commits, then publishes the events. Returns fn's result.
 */
export async function writeForTenant<T>(
  deps: WriteDeps,
  tenantId: string,
  fn: (write: TenantWrite) => Promise<T>,
): Promise<T> {
  const { result, events } = await deps.store.transaction(async (tx) => {
    const rows = await tx.query<{ seq: string | number }>('select seq from tenants where id = $1 for update', [
      tenantId,
    ]);
    const row = rows[0];
    if (!row) throw notFound('tenant');
    const write = new TenantWrite(tx, tenantId, Number(row.seq), deps.now());
    const value = await fn(write);
    if (write.events.length > 0) {
      await tx.query('update tenants set seq = $2 where id = $1', [tenantId, write.lastSeq]);
    }
    return { result: value, events: write.events };
  });
  for (const event of events) {
    await deps.pubsub.publish(event).catch(() => {
      // Subscribers fill the gap from the log when the next event (or the poll) arrives.
    });
  }
  return result;
}
