import type { ActorCache } from './auth/actor-cache';
import type { TokenService } from './auth/tokens';
import type { SessionService } from './auth/sessions';
import type { MutationLimits } from './auth/mutation-limits';
import type { RateLimiter } from './auth/rate-limiter';
import type { MonitorLeaseKeeper } from './domain/monitor-lease-keeper';
import type { TenantFeeds } from './events/tenant-feed';
import type { PubSub } from './pubsub/pubsub';
import type { Store } from './storage/store';

/** Everything a request needs, built once per backend instance. */
export interface Services {
  store: Store;
  pubsub: PubSub;
  feeds: TenantFeeds;
  tokens: TokenService;
  sessions: SessionService;
  /**
   * Signed-in staff members with their tenant's role and plan facts, reused for a short
   * time; call `invalidate` after changing an account, a role or a tenant.
   */
  actors: ActorCache;
  now: () => Date;
  /** How long a keyed monitor lease lives without being renewed. */
  monitorLeaseTtlMs: number;
  /** Renews the monitor leases of this instance's room subscriptions; ends expired ones. */
  monitorLeases: MonitorLeaseKeeper;
  limits: {
    /** Messages and whispers, per staff member. */
    messages: RateLimiter;
    /** New enquiries from visitors, per client address. */
    visitors: RateLimiter;
  };
  /** Per staff member limits on mutations that notify others (assistance, monitoring, calls, presence). */
  mutationLimits: MutationLimits;
}
