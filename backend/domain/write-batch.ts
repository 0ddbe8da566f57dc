import type { SqlExecutor, Store } from '../storage/store';
import { loadEnquiries } from './enquiry-repo';
import { notFound } from './errors';
import { TenantWrite, type WriteBatchView, type WriteDeps, type WriteHint } from './tenant-write';
import type { Enquiry, LoggedEvent } from './types';

/**
 * Group commit. A tenant's writes must commit one at a time, in the order of their log
 * positions (readers rely on consecutive sequence numbers), so each write holds the
 * tenant's row lock from its first position to its commit. Instead of one transaction per
 * write, each backend instance keeps one transaction in flight per tenant and runs every
 * write queued meanwhile in the next one. The lock, the commit's flush and the log insert
 * are then paid once per batch, and the batch reads all its enquiries in one query. Writes
 * check their rules before they change anything, so a refusal costs the others nothing.
 */

/** At most this many writes share a transaction (and the tenant lock). */
export const MAX_WRITES_PER_BATCH = 64;

interface QueuedWrite {
  fn: (write: TenantWrite) => Promise<unknown>;
  hint: WriteHint;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** The writes waiting for one tenant on one instance, and whether a batch of them is in flight. */
class TenantWriteQueue {
  private readonly waiting: QueuedWrite[] = [];
  private flowing = false;

  constructor(
    private readonly deps: WriteDeps,
    private readonly tenantId: string,
    private readonly onIdle: () => void,
  ) {}

  push(write: QueuedWrite): void {
    this.waiting.push(write);
    if (!this.flowing) {
      this.flowing = true;
      void this.flow();
    }
  }

  private async flow(): Promise<void> {
    while (this.waiting.length > 0) {
      const writes = this.waiting.splice(0, MAX_WRITES_PER_BATCH);
      await runBatch(this.deps, this.tenantId, writes);
    }
    this.flowing = false;
    this.onIdle();
  }
}

/** The queues of each store (one per backend instance), by tenant. */
const queues = new WeakMap<Store, Map<string, TenantWriteQueue>>();

/** Queues a write for the tenant; see writeForTenant in tenant-write.ts. */
export function queueWrite<T>(
  deps: WriteDeps,
  tenantId: string,
  fn: (write: TenantWrite) => Promise<T>,
  hint: WriteHint,
): Promise<T> {
  let byTenant = queues.get(deps.store);
  if (!byTenant) {
    byTenant = new Map();
    queues.set(deps.store, byTenant);
  }
  let queue = byTenant.get(tenantId);
  if (!queue) {
    const tenants = byTenant;
    const created = new TenantWriteQueue(deps, tenantId, () => {
      if (tenants.get(tenantId) === created) tenants.delete(tenantId);
    });
    tenants.set(tenantId, created);
    queue = created;
  }
  const target = queue;
  return new Promise<T>((resolve, reject) => {
    target.push({ fn, hint, resolve: resolve as (value: unknown) => void, reject });
  });
}

/** The snapshots a batch has read since it locked the tenant; dropped whenever they may be stale. */
class SnapshotCache implements WriteBatchView {
  private readonly known = new Map<string, Enquiry | null>();

  cached(enquiryId: string): Enquiry | null | undefined {
    return this.known.get(enquiryId);
  }

  remember(enquiryId: string, enquiry: Enquiry | null): void {
    this.known.set(enquiryId, enquiry);
  }

  forget(): void {
    this.known.clear();
  }

  async prefetch(tx: SqlExecutor, tenantId: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const found = await loadEnquiries(tx, tenantId, ids);
    for (const id of ids) this.known.set(id, found.get(id) ?? null);
  }
}

/** A write failed after it had changed something: the batch is taken back and run again without it. */
class WriteTakenBack extends Error {
  constructor(
    readonly index: number,
    readonly reason: unknown,
  ) {
    super('a write failed after changing the transaction');
  }
}

/**
 * Runs queued writes in one transaction and settles each. A write refused before it
 * changed anything (the usual refusal: a rule checked against the snapshot) fails alone;
 * one that fails after it changed something is refused, and the others run again in a
 * new transaction, since there are no savepoints to undo just that one.
 */
async function runBatch(deps: WriteDeps, tenantId: string, writes: QueuedWrite[]): Promise<void> {
  let pending = writes;
  while (pending.length > 0) {
    let outcomes: Outcome[];
    let committed: LoggedEvent[];
    try {
      ({ outcomes, committed } = await deps.store.transaction((tx) =>
        runWrites(tx, deps, tenantId, pending),
      ));
    } catch (error) {
      if (error instanceof WriteTakenBack && pending.length > 1) {
        pending[error.index]?.reject(error.reason);
        pending = pending.filter((_, index) => index !== error.index);
        continue;
      }
      // The transaction failed as a whole: nothing of it was kept.
      const reason = error instanceof WriteTakenBack ? error.reason : error;
      for (const queued of pending) queued.reject(reason);
      return;
    }
    await Promise.all(
      committed.map((event) =>
        deps.pubsub.publish(event).catch(() => {
          // Subscribers fill the gap from the log when the next event (or the poll) arrives.
        }),
      ),
    );
    for (const [index, queued] of pending.entries()) {
      const outcome = outcomes[index] as Outcome;
      if (outcome.ok) queued.resolve(outcome.value);
      else queued.reject(outcome.error);
    }
    return;
  }
}

/**
 * Inside the batch's transaction: locks the tenant, reads the writes' enquiries, runs each
 * write in turn, and appends all their events to the log in one statement.
 */
async function runWrites(
  tx: SqlExecutor,
  deps: WriteDeps,
  tenantId: string,
  writes: readonly QueuedWrite[],
): Promise<{ outcomes: Outcome[]; committed: LoggedEvent[] }> {
  const rows = await tx.query<{ seq: string | number }>('select seq from tenants where id = $1 for update', [
    tenantId,
  ]);
  const row = rows[0];
  if (!row) throw notFound('tenant');
  let seq = Number(row.seq);
  const snapshots = new SnapshotCache();
  const hinted = [...new Set(writes.flatMap((w) => (w.hint.enquiryId ? [w.hint.enquiryId] : [])))];
  await snapshots.prefetch(tx, tenantId, hinted);
  const outcomes: Outcome[] = [];
  const committed: LoggedEvent[] = [];
  for (const [index, queued] of writes.entries()) {
    const write = new TenantWrite(tx, tenantId, seq, deps.now(), snapshots);
    try {
      const value = await queued.fn(write);
      if (write.changedSnapshotsUnseen) snapshots.forget();
      seq = write.lastSeq;
      committed.push(...write.events);
      outcomes.push({ ok: true, value });
    } catch (error) {
      if (write.changedAnything) throw new WriteTakenBack(index, error);
      outcomes.push({ ok: false, error });
    }
  }
  if (committed.length > 0) await appendToLog(tx, tenantId, committed, seq);
  return { outcomes, committed };
}

/** Writes the batch's events to the log and moves the tenant's position, in one statement. */
async function appendToLog(
  tx: SqlExecutor,
  tenantId: string,
  events: LoggedEvent[],
  lastSeq: number,
): Promise<void> {
  const rows = events.map((e) => ({
    seq: e.seq,
    type: e.type,
    enquiry_id: e.enquiryId,
    actor_id: e.actorId,
    at: e.at,
    payload: e.payload,
  }));
  await tx.query(
    `with logged as (
       insert into events (tenant_id, seq, type, enquiry_id, actor_id, at, payload)
       select $1, seq, type, enquiry_id, actor_id, at, payload
         from jsonb_to_recordset($2::jsonb)
           as e(seq bigint, type text, enquiry_id text, actor_id text, at timestamptz, payload jsonb))
     update tenants set seq = $3 where id = $1`,
    [tenantId, JSON.stringify(rows), lastSeq],
  );
}
