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
 * write queued meanwhile in the next one, each in a savepoint of its own: a refusal rolls
 * back just that write. The lock, the commit's flush and the log insert are then paid once
 * per batch, and the batch reads all its enquiries in one query.
 */

/** At most this many writes share a transaction (PostgreSQL keeps 64 subtransactions in shared memory). */
export const MAX_WRITES_PER_BATCH = 32;

interface QueuedWrite {
  fn: (write: TenantWrite) => Promise<unknown>;
  hint: WriteHint;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown; events: LoggedEvent[] } | { ok: false; error: unknown };

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

const SAVEPOINT = 'tenant_write';

/**
 * Runs queued writes in one transaction: locks the tenant, runs each write in turn (in a
 * savepoint when there are several), appends all their events to the log in one statement,
 * commits, publishes the events in order, and settles each write.
 */
async function runBatch(deps: WriteDeps, tenantId: string, writes: QueuedWrite[]): Promise<void> {
  const outcomes: Outcome[] = [];
  let committed: LoggedEvent[] = [];
  try {
    committed = await deps.store.transaction(async (tx) => {
      outcomes.length = 0;
      const rows = await tx.query<{ seq: string | number }>('select seq from tenants where id = $1 for update', [
        tenantId,
      ]);
      const row = rows[0];
      if (!row) throw notFound('tenant');
      let seq = Number(row.seq);
      const snapshots = new SnapshotCache();
      const hinted = [...new Set(writes.flatMap((w) => (w.hint.enquiryId ? [w.hint.enquiryId] : [])))];
      await snapshots.prefetch(tx, tenantId, hinted);
      const isolate = writes.length > 1;
      const events: LoggedEvent[] = [];
      for (const [index, queued] of writes.entries()) {
        if (isolate) await tx.exec(index === 0 ? `savepoint ${SAVEPOINT}` : `release savepoint ${SAVEPOINT}; savepoint ${SAVEPOINT}`);
        const write = new TenantWrite(tx, tenantId, seq, deps.now(), snapshots);
        try {
          const value = await queued.fn(write);
          if (write.changedSnapshotsUnseen) snapshots.forget();
          seq = write.lastSeq;
          events.push(...write.events);
          outcomes.push({ ok: true, value, events: write.events });
        } catch (error) {
          if (!isolate) throw error;
          await tx.exec(`rollback to savepoint ${SAVEPOINT}`);
          if (write.touchedSnapshots) snapshots.forget();
          outcomes.push({ ok: false, error });
        }
      }
      if (events.length > 0) await appendToLog(tx, tenantId, events, seq);
      return events;
    });
  } catch (error) {
    // The transaction failed as a whole (or its only write threw): nothing of it was kept.
    for (const [index, queued] of writes.entries()) {
      const outcome = outcomes[index];
      queued.reject(outcome && !outcome.ok ? outcome.error : error);
    }
    return;
  }
  await Promise.all(
    committed.map((event) =>
      deps.pubsub.publish(event).catch(() => {
        // Subscribers fill the gap from the log when the next event (or the poll) arrives.
      }),
    ),
  );
  for (const [index, queued] of writes.entries()) {
    const outcome = outcomes[index] as Outcome;
    if (outcome.ok) queued.resolve(outcome.value);
    else queued.reject(outcome.error);
  }
}

/** Writes the batch's events to the log and moves the tenant's position, in one statement. */
async function appendToLog(tx: SqlExecutor, tenantId: string, events: LoggedEvent[], lastSeq: number): Promise<void> {
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
