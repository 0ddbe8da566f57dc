import { loadActor, type Actor } from '../domain/actor';
import type { StaffPrincipal } from '../domain/types';
import type { SqlExecutor } from '../storage/store';

/** An actor shared between requests must not be changed by one of them. */
function frozen(actor: Actor): Actor {
  Object.freeze(actor.staff);
  Object.freeze(actor.tenant);
  Object.freeze(actor.viewer);
  return Object.freeze(actor);
}

/** Which cached actors a change makes stale. */
export type ActorScope = { staffId: string } | { tenantId: string } | 'everyone';

export interface ActorCacheOptions {
  /** How long a loaded actor is used before it is loaded again; 0 loads on every request. */
  ttlMs: number;
  /** Most staff members kept; the oldest go first. */
  maxEntries?: number;
  now?: () => number;
}

interface Entry {
  tenantId: string;
  staffId: string;
  /** When this entry stops being used (from when its load began). */
  expiresAt: number;
  actor: Promise<Actor>;
}

/**
 * The signed-in staff members this backend instance serves, with their tenant's role and
 * plan facts: one store read per staff member per `ttlMs` instead of one per request.
 *
 * Freshness: an entry is used for at most `ttlMs` from the moment its load began, so a
 * change made anywhere (another instance, or SQL by an operator) takes effect within that
 * bound — a deleted account is refused (UNAUTHENTICATED), a changed role or plan is
 * applied. The instance that makes a change calls `invalidate` and sees it at once.
 * Concurrent requests of one staff member share one load; a failed load (a deleted
 * account, a store error) is never kept.
 */
export class ActorCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly store: Pick<SqlExecutor, 'query'>,
    private readonly options: ActorCacheOptions,
  ) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** The actor behind a verified staff principal, at most `ttlMs` old; UNAUTHENTICATED when the account is gone. */
  actorOf(principal: StaffPrincipal): Promise<Actor> {
    if (this.options.ttlMs <= 0) return loadActor(this.store, principal);
    const key = `${principal.tenantId}\u0000${principal.staffId}`;
    const now = this.now();
    const cached = this.entries.get(key);
    if (cached && cached.expiresAt > now) return cached.actor;
    if (cached) this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.evict(now);
    const entry: Entry = {
      tenantId: principal.tenantId,
      staffId: principal.staffId,
      expiresAt: now + this.options.ttlMs,
      actor: loadActor(this.store, principal).then(frozen),
    };
    this.entries.set(key, entry);
    entry.actor.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return entry.actor;
  }

  /**
   * Forgets the cached actors a change touches: one staff member (role, name, account
   * deleted), a whole tenant (plan, settings), or everyone. The next request loads afresh.
   */
  invalidate(scope: ActorScope): void {
    if (scope === 'everyone') {
      this.entries.clear();
      return;
    }
    for (const [key, entry] of this.entries) {
      const touched =
        'staffId' in scope ? entry.staffId === scope.staffId : entry.tenantId === scope.tenantId;
      if (touched) this.entries.delete(key);
    }
  }

  /** How long a loaded actor is used (a change made elsewhere applies within this time). */
  get ttlMs(): number {
    return this.options.ttlMs;
  }

  /** How many staff members are cached now. */
  get size(): number {
    return this.entries.size;
  }

  /** Drops expired entries; if none had expired, the oldest tenth. */
  private evict(now: number): void {
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
    if (this.entries.size < this.maxEntries) return;
    let drop = Math.max(1, Math.floor(this.maxEntries / 10));
    for (const key of this.entries.keys()) {
      if (drop-- <= 0) break;
      this.entries.delete(key);
    }
  }
}
