import type { SqlExecutor } from '../storage/store';
import {
  enquiryOfRow,
  loadEnquiries,
  SELECT_TENANT_ENQUIRIES,
  type EnquiryRowWithMembers,
} from './enquiry-repo';
import type { Enquiry, LoggedEvent, Message } from './types';

/**
 * What the writes of one batch share while it holds the tenant's lock: the enquiry
 * snapshots read since the lock was taken, the idempotency keys already known, and the
 * rows the writes deferred (idempotency claims, messages, enquiry counters). Deferred rows
 * are written in one statement, before any statement of a write reads or writes the
 * store, and with the batch's events at its end; under the lock nobody else can see the
 * difference, and a batch that is taken back loses them with its transaction.
 */

/** How an idempotency key was first used. */
export interface KeyUse {
  operation: string;
  enquiryId: string;
  resultId: string | null;
}

/** A claim of a key, to be inserted. */
export interface KeyClaim extends KeyUse {
  staffId: string;
  key: string;
  at: string;
}

/** What one append changes in an enquiry's counters. */
export interface CounterChange {
  enquiryId: string;
  versionDelta: number;
  messageDelta: number;
  at: string;
}

interface KeyRow {
  staff_id: string;
  key: string;
  operation: string;
  enquiry_id: string;
  result_id: string | null;
}

const keyOf = (staffId: string, key: string): string => `${staffId}\u0000${key}`;

export class BatchLedger {
  private readonly snapshots = new Map<string, Enquiry | null>();
  private readonly keys = new Map<string, KeyUse | null>();
  private claims: KeyClaim[] = [];
  private messages: Message[] = [];
  private counters = new Map<
    string,
    { versionDelta: number; messageDelta: number; lastMessageAt: string | null; updatedAt: string }
  >();

  constructor(
    private readonly tx: SqlExecutor,
    private readonly tenantId: string,
  ) {}

  /** Reads the batch's enquiries and idempotency keys up front, in one query. */
  async prefetch(
    enquiryIds: readonly string[],
    keys: readonly { staffId: string; key: string }[],
  ): Promise<void> {
    if (keys.length === 0) {
      if (enquiryIds.length === 0) return;
      const found = await loadEnquiries(this.tx, this.tenantId, enquiryIds);
      for (const id of enquiryIds) this.snapshots.set(id, found.get(id) ?? null);
      return;
    }
    const rows = await this.tx.query<{
      enquiries: EnquiryRowWithMembers[] | string;
      keys: KeyRow[] | string;
    }>(
      `with wanted as (${SELECT_TENANT_ENQUIRIES}),
            used as (
              select i.staff_id, i.key, i.operation, i.enquiry_id, i.result_id
                from idempotency i join unnest($3::text[], $4::text[]) as k(staff_id, key)
                  on i.staff_id = k.staff_id and i.key = k.key
               where i.tenant_id = $1)
       select (select coalesce(json_agg(wanted), '[]') from wanted) as enquiries,
              (select coalesce(json_agg(used), '[]') from used) as keys`,
      [this.tenantId, enquiryIds, keys.map((k) => k.staffId), keys.map((k) => k.key)],
    );
    const parse = <T>(value: T[] | string | undefined): T[] =>
      typeof value === 'string' ? (JSON.parse(value) as T[]) : (value ?? []);
    for (const id of enquiryIds) this.snapshots.set(id, null);
    for (const row of parse(rows[0]?.enquiries)) this.snapshots.set(row.id, enquiryOfRow(row));
    for (const k of keys) this.keys.set(keyOf(k.staffId, k.key), null);
    for (const row of parse(rows[0]?.keys)) {
      this.keys.set(keyOf(row.staff_id, row.key), {
        operation: row.operation,
        enquiryId: row.enquiry_id,
        resultId: row.result_id,
      });
    }
  }

  /** The snapshot of an enquiry as of now in the batch, when known (null: it does not exist). */
  cached(enquiryId: string): Enquiry | null | undefined {
    return this.snapshots.get(enquiryId);
  }

  remember(enquiryId: string, enquiry: Enquiry | null): void {
    this.snapshots.set(enquiryId, enquiry);
  }

  /** Drops every snapshot (a write changed projections the ledger cannot follow). */
  forgetSnapshots(): void {
    this.snapshots.clear();
  }

  /** The first use of a key, null when it is unused, undefined when the batch does not know. */
  knownKey(staffId: string, key: string): KeyUse | null | undefined {
    return this.keys.get(keyOf(staffId, key));
  }

  /** Records a key as used, by a claim to insert with the batch or by one already written. */
  rememberKey(claim: KeyClaim, deferred: boolean): void {
    this.keys.set(keyOf(claim.staffId, claim.key), claim);
    if (deferred) this.claims.push(claim);
  }

  deferMessage(message: Message): void {
    this.messages.push(message);
  }

  deferCounters(change: CounterChange): void {
    const now = this.counters.get(change.enquiryId) ?? {
      versionDelta: 0,
      messageDelta: 0,
      lastMessageAt: null,
      updatedAt: change.at,
    };
    now.versionDelta += change.versionDelta;
    now.messageDelta += change.messageDelta;
    if (change.messageDelta > 0) now.lastMessageAt = change.at;
    now.updatedAt = change.at;
    this.counters.set(change.enquiryId, now);
  }

  /** Whether rows wait to be written. */
  get pending(): boolean {
    return this.claims.length + this.messages.length + this.counters.size > 0;
  }

  /**
   * Writes the deferred rows in one statement; with `log`, also the batch's events and the
   * tenant's new position (the batch's last statement).
   */
  async flush(log?: { events: readonly LoggedEvent[]; lastSeq: number }): Promise<void> {
    const logging = log !== undefined && log.events.length > 0;
    if (!this.pending && !logging) return;
    const parts: string[] = [];
    const params: unknown[] = [this.tenantId];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (this.claims.length > 0) {
      parts.push(`claimed as (
        insert into idempotency (tenant_id, staff_id, key, operation, enquiry_id, result_id, at)
        select $1, "staffId", key, operation, "enquiryId", "resultId", at
          from jsonb_to_recordset(${param(JSON.stringify(this.claims))}::jsonb)
            as c("staffId" text, key text, operation text, "enquiryId" text, "resultId" text, at timestamptz))`);
    }
    if (this.messages.length > 0) {
      const rows = this.messages.map((m) => ({
        id: m.id,
        enquiry_id: m.enquiryId,
        kind: m.kind,
        author_kind: m.author.kind,
        author_id: m.author.id,
        author_name: m.author.name,
        author_role: m.author.role,
        text: m.text,
        at: m.at,
        seq: m.seq,
      }));
      parts.push(`posted as (
        insert into messages (id, tenant_id, enquiry_id, kind, author_kind, author_id, author_name, author_role, text, at, seq)
        select id, $1, enquiry_id, kind, author_kind, author_id, author_name, author_role, text, at, seq
          from jsonb_to_recordset(${param(JSON.stringify(rows))}::jsonb)
            as m(id text, enquiry_id text, kind text, author_kind text, author_id text, author_name text,
                 author_role text, text text, at timestamptz, seq bigint))`);
    }
    if (this.counters.size > 0) {
      const rows = [...this.counters].map(([id, c]) => ({ id, ...c }));
      parts.push(`counted as (
        update enquiries e
           set version = e.version + c."versionDelta",
               message_count = e.message_count + c."messageDelta",
               last_message_at = coalesce(c."lastMessageAt", e.last_message_at),
               updated_at = c."updatedAt"
          from jsonb_to_recordset(${param(JSON.stringify(rows))}::jsonb)
            as c(id text, "versionDelta" int, "messageDelta" int, "lastMessageAt" timestamptz, "updatedAt" timestamptz)
         where e.id = c.id and e.tenant_id = $1)`);
    }
    let main = 'select 1';
    if (logging) {
      const rows = log.events.map((e) => ({
        seq: e.seq,
        type: e.type,
        enquiry_id: e.enquiryId,
        actor_id: e.actorId,
        at: e.at,
        payload: e.payload,
      }));
      parts.push(`logged as (
        insert into events (tenant_id, seq, type, enquiry_id, actor_id, at, payload)
        select $1, seq, type, enquiry_id, actor_id, at, payload
          from jsonb_to_recordset(${param(JSON.stringify(rows))}::jsonb)
            as e(seq bigint, type text, enquiry_id text, actor_id text, at timestamptz, payload jsonb))`);
      main = `update tenants set seq = ${param(log.lastSeq)} where id = $1`;
    }
    this.claims = [];
    this.messages = [];
    this.counters = new Map();
    await this.tx.query(`with ${parts.join(',\n')}\n${main}`, params);
  }
}
