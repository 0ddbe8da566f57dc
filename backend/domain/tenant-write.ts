import type { PubSub } from '../pubsub/pubsub';
import type { SqlExecutor, Store } from '../storage/store';
import { isoOrNull, loadEnquiry } from './enquiry-repo';
import { notFound } from './errors';
import { newId } from './ids';
import type { Enquiry, EventPayload, EventType, LoggedEvent, Message, StaffRef } from './types';
import { queueWrite } from './write-batch';

/** A message to post with an event, in the same transaction. */
export interface NewMessage {
  kind: Message['kind'];
  author: Message['author'];
  text: string;
  /** The message's id when the caller needs it before the write (an idempotency claim); new otherwise. */
  id?: string;
}

/**
 * What one write shares with the others in its batch: the enquiry snapshots read since the
 * tenant was locked, and the events appended so far (written to the log once, at the end).
 */
export interface WriteBatchView {
  /** The snapshot of an enquiry as of now in the batch, when known (null: it does not exist). */
  cached(enquiryId: string): Enquiry | null | undefined;
  remember(enquiryId: string, enquiry: Enquiry | null): void;
}

/**
 * Statements that change what an enquiry snapshot shows. A write that runs one of them
 * through `tx` reads snapshots from the store again rather than from the batch.
 */
const READ_ONLY = /^\s*select\b/i;
const PROJECTION_CHANGE =
  /\b(?:insert\s+into|update|delete\s+from)\s+(?:enquiries|room_members|visitors|staff|tenants)\b/i;

/**
 * One write to a tenant's enquiries, run inside a batch that holds the tenant's row lock
 * (see write-batch.ts): the tenant's events get consecutive sequence numbers in commit
 * order, so a reader that has seen seq N has seen everything before it. Events are
 * appended in the same transaction as the projection they change, and published only
 * after the commit.
 */
export class TenantWrite {
  readonly events: LoggedEvent[] = [];
  /** The transaction, for the write's own statements. */
  readonly tx: SqlExecutor;
  /** Whether the write changed a projection itself (not only through append). */
  private changedProjection = false;
  /** Whether the write ran any statement that is not a plain read. */
  private wrote = false;

  constructor(
    private readonly raw: SqlExecutor,
    readonly tenantId: string,
    private seq: number,
    readonly now: Date,
    private readonly batch: WriteBatchView,
  ) {
    this.tx = {
      query: (sql, params) => {
        if (!READ_ONLY.test(sql)) this.wrote = true;
        if (PROJECTION_CHANGE.test(sql)) this.changedProjection = true;
        return raw.query(sql, params);
      },
    };
  }

  /** The log position of the last event this write (or the batch before it) appended. */
  get lastSeq(): number {
    return this.seq;
  }

  /**
   * Whether the write changed anything in the transaction: a write that fails before it
   * did is refused alone; one that fails after it did takes its batch back with it.
   */
  get changedAnything(): boolean {
    return this.wrote;
  }

  /** Whether the batch's snapshots are stale after this write succeeded. */
  get changedSnapshotsUnseen(): boolean {
    return this.changedProjection;
  }

  /** An enquiry of the tenant as of now in this transaction, or null. */
  async enquiry(enquiryId: string): Promise<Enquiry | null> {
    if (!this.changedProjection) {
      const known = this.batch.cached(enquiryId);
      if (known !== undefined) return known;
    }
    const enquiry = await loadEnquiry(this.raw, this.tenantId, enquiryId);
    if (!this.changedProjection) this.batch.remember(enquiryId, enquiry);
    return enquiry;
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
    extra: {
      message?: NewMessage;
      previousOwner?: StaffRef | null;
      note?: string | null;
      bumpVersion?: boolean;
    } = {},
  ): Promise<LoggedEvent> {
    const seq = this.seq + 1;
    const at = this.now.toISOString();
    const message: Message | undefined = extra.message && {
      id: extra.message.id ?? newId('msg'),
      enquiryId,
      kind: extra.message.kind,
      author: extra.message.author,
      text: extra.message.text,
      at,
      seq,
    };
    this.wrote = true;
    const counters = await this.touchEnquiry(enquiryId, at, message, extra.bumpVersion === true);
    const known = this.changedProjection ? undefined : this.batch.cached(enquiryId);
    const enquiry: Enquiry | null = known
      ? {
          ...known,
          version: Number(counters.version),
          messageCount: Number(counters.message_count),
          lastMessageAt: isoOrNull(counters.last_message_at),
        }
      : await loadEnquiry(this.raw, this.tenantId, enquiryId);
    if (!enquiry) throw notFound();
    if (!this.changedProjection) this.batch.remember(enquiryId, enquiry);
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
    this.seq = seq;
    this.events.push(event);
    return event;
  }

  /**
   * Inserts the message (if any) and moves the enquiry's version, message count and times,
   * in one statement; returns the counters as they now are.
   */
  private async touchEnquiry(
    enquiryId: string,
    at: string,
    message: Message | undefined,
    bumpVersion: boolean,
  ): Promise<{ version: number; message_count: number; last_message_at: Date | string | null }> {
    const counts = message && message.kind !== 'WHISPER' ? 1 : 0;
    const params: unknown[] = [enquiryId, this.tenantId, bumpVersion ? 1 : 0, at, counts];
    let insertMessage = '';
    if (message) {
      insertMessage = `with posted as (
        insert into messages (id, tenant_id, enquiry_id, kind, author_kind, author_id, author_name, author_role, text, at, seq)
        values ($6, $2, $1, $7, $8, $9, $10, $11, $12, $4, $13))`;
      const { author } = message;
      params.push(
        message.id,
        message.kind,
        author.kind,
        author.id,
        author.name,
        author.role,
        message.text,
        message.seq,
      );
    }
    const rows = await this.raw.query<{
      version: number;
      message_count: number;
      last_message_at: Date | string | null;
    }>(
      `${insertMessage}
       update enquiries
          set version = version + $3,
              updated_at = $4,
              message_count = message_count + $5,
              last_message_at = case when $5 > 0 then $4::timestamptz else last_message_at end
        where id = $1 and tenant_id = $2
       returning version, message_count, last_message_at`,
      params,
    );
    const row = rows[0];
    if (!row) throw notFound();
    return row;
  }
}

export interface WriteDeps {
  store: Store;
  pubsub: PubSub;
  now: () => Date;
}

/** What the write is about, so that its batch can read every write's enquiry in one query. */
export interface WriteHint {
  enquiryId?: string;
}

/**
 * Runs `fn` as one tenant write: queued behind the tenant's write in flight on this
 * instance, then run with the others queued meanwhile in one transaction that holds the
 * tenant's row lock, committed, and its events published (see write-batch.ts). Returns
 * fn's result, or throws what fn threw. fn should check its rules before it changes
 * anything: a refusal thrown after a change takes the batch back and runs the others again.
 */
export function writeForTenant<T>(
  deps: WriteDeps,
  tenantId: string,
  fn: (write: TenantWrite) => Promise<T>,
  hint: WriteHint = {},
): Promise<T> {
  return queueWrite(deps, tenantId, fn, hint);
}

/** A write about one enquiry of the actor's tenant (its batch reads that enquiry up front). */
export function writeForEnquiry<T>(
  deps: WriteDeps,
  actor: { tenant: { id: string } },
  enquiryId: string,
  fn: (write: TenantWrite) => Promise<T>,
): Promise<T> {
  return queueWrite(deps, actor.tenant.id, fn, { enquiryId });
}
