import type { PubSub } from '../pubsub/pubsub';
import type { SqlExecutor, Store } from '../storage/store';
import type { BatchLedger, KeyUse } from './batch-ledger';
import { loadEnquiry } from './enquiry-repo';
import { notFound } from './errors';
import { newId } from './ids';
import type { Enquiry, EventPayload, EventType, HelpRequest, LoggedEvent, Message, StaffRef } from './types';
import { queueWrite } from './write-batch';

/** A message to post with an event, in the same transaction. */
export interface NewMessage {
  kind: Message['kind'];
  author: Message['author'];
  text: string;
  /** The message's id when the caller needs it before the write (an idempotency claim); new otherwise. */
  id?: string;
}

/** Statements that change nothing (a write that fails after only these is refused alone). */
const READ_ONLY = /^\s*select\b/i;
/**
 * Statements that change what an enquiry snapshot shows. A write that runs one of them
 * through `tx` reads snapshots from the store again rather than from the batch.
 */
const PROJECTION_CHANGE =
  /\b(?:insert\s+into|update|delete\s+from)\s+(?:enquiries|room_members|visitors|staff|tenants|help_requests)\b/i;

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
    private readonly batch: BatchLedger,
    /** The idempotency key this write may claim, from its hint (see claimOrReplay). */
    readonly idempotency?: WriteHint['idempotency'],
  ) {
    this.tx = {
      query: async (sql, params) => {
        if (!READ_ONLY.test(sql)) this.wrote = true;
        if (PROJECTION_CHANGE.test(sql)) this.changedProjection = true;
        await batch.flush();
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
    await this.batch.flush();
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
      helpRequest?: HelpRequest;
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
    const counts = message && message.kind !== 'WHISPER' ? 1 : 0;
    const versionDelta = extra.bumpVersion === true ? 1 : 0;
    if (message) this.batch.deferMessage(message);
    this.batch.deferCounters({ enquiryId, versionDelta, messageDelta: counts, at });
    const known = this.changedProjection ? undefined : this.batch.cached(enquiryId);
    let enquiry: Enquiry | null;
    if (known) {
      enquiry = {
        ...known,
        version: known.version + versionDelta,
        messageCount: known.messageCount + counts,
        lastMessageAt: counts > 0 ? at : known.lastMessageAt,
      };
    } else {
      await this.batch.flush();
      enquiry = await loadEnquiry(this.raw, this.tenantId, enquiryId);
    }
    if (!enquiry) throw notFound();
    if (!this.changedProjection) this.batch.remember(enquiryId, enquiry);
    const payload: EventPayload = { enquiry, actor };
    if (message) payload.message = message;
    if (extra.previousOwner !== undefined) payload.previousOwner = extra.previousOwner;
    if (extra.note !== undefined) payload.note = extra.note;
    if (extra.helpRequest !== undefined) payload.helpRequest = extra.helpRequest;
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
   * Appends a tenant event, one about no enquiry (enquiryId null: a staff member's presence, a
   * tenant setting), whose change was already made in this transaction. Its payload carries
   * no `enquiry`: readers of the log skip events without an enquiryId where they need one.
   */
  appendTenantEvent(type: EventType, actor: StaffRef | null, detail: Record<string, unknown>): LoggedEvent {
    const seq = this.seq + 1;
    this.wrote = true;
    const event: LoggedEvent = {
      tenantId: this.tenantId,
      seq,
      type,
      enquiryId: null,
      actorId: actor?.id ?? null,
      at: this.now.toISOString(),
      payload: { ...detail, actor } as unknown as EventPayload,
    };
    this.seq = seq;
    this.events.push(event);
    return event;
  }

  /** How the staff member used an idempotency key before, as far as the batch knows (see BatchLedger). */
  knownKey(staffId: string, key: string): KeyUse | null | undefined {
    return this.batch.knownKey(staffId, key);
  }

  /**
   * Claims an idempotency key for this write: with the batch's rows when the batch knows the
   * key is unused, else at once; false when it was used meanwhile (a retry).
   */
  async claimKey(staffId: string, key: string, use: KeyUse): Promise<boolean> {
    const claim = { staffId, key, ...use, at: this.now.toISOString() };
    if (this.batch.knownKey(staffId, key) === null) {
      this.wrote = true;
      this.batch.rememberKey(claim, true);
      return true;
    }
    const claimed = await this.tx.query(
      `insert into idempotency (tenant_id, staff_id, key, operation, enquiry_id, result_id, at)
       values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (tenant_id, staff_id, key) do nothing
       returning key`,
      [this.tenantId, staffId, key, use.operation, use.enquiryId, use.resultId, claim.at],
    );
    if (claimed.length > 0) this.batch.rememberKey(claim, false);
    return claimed.length > 0;
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
  /** The idempotency key the write may claim. */
  idempotency?: { staffId: string; key: string };
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

/**
 * A write about one enquiry of the actor's tenant: its batch reads that enquiry (and the
 * idempotency key the write may claim) up front, with the other writes'.
 */
export function writeForEnquiry<T>(
  deps: WriteDeps,
  actor: { tenant: { id: string }; staff: { id: string } },
  enquiryId: string,
  fn: (write: TenantWrite) => Promise<T>,
  idempotencyKey?: string | null,
): Promise<T> {
  const hint: WriteHint = { enquiryId };
  if (idempotencyKey) hint.idempotency = { staffId: actor.staff.id, key: idempotencyKey };
  return queueWrite(deps, actor.tenant.id, fn, hint);
}
