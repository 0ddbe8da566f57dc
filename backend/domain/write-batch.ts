import type { SqlExecutor, Store } from '../storage/store';
import { BatchLedger } from './batch-ledger';
import { notFound } from './errors';
import { TenantWrite, type WriteDeps, type WriteHint } from './tenant-write';
import type { LoggedEvent } from './types';

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
      // Let the requests that already arrived reach the queue first: the embedded store runs
      // in this thread and would otherwise finish each write before the next is read.
      await new Promise((resolve) => setImmediate(resolve));
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
  const ledger = new BatchLedger(tx, tenantId);
  const enquiryIds = [...new Set(writes.flatMap((w) => (w.hint.enquiryId ? [w.hint.enquiryId] : [])))];
  const keys = writes.flatMap((w) => (w.hint.idempotency ? [w.hint.idempotency] : []));
  await ledger.prefetch(enquiryIds, keys);
  const outcomes: Outcome[] = [];
  const committed: LoggedEvent[] = [];
  for (const [index, queued] of writes.entries()) {
    const write = new TenantWrite(tx, tenantId, seq, deps.now(), ledger, queued.hint.idempotency);
    try {
      const value = await queued.fn(write);
      if (write.changedSnapshotsUnseen) ledger.forgetSnapshots();
      seq = write.lastSeq;
      committed.push(...write.events);
      outcomes.push({ ok: true, value });
    } catch (error) {
      if (write.changedAnything) throw new WriteTakenBack(index, error);
      outcomes.push({ ok: false, error });
    }
  }
  await ledger.flush({ events: committed, lastSeq: seq });
  return { outcomes, committed };
}
