import type { PubSub } from '../pubsub/pubsub';
import type { Store } from '../storage/store';
import type { LoggedEvent } from '../domain/types';
import { currentSeq, readEventsAfter } from './event-log';

type Listener = (event: LoggedEvent) => void;

/**
 * One per tenant per backend instance: turns pub/sub messages, which may arrive late, out
 * of order or not at all, into the tenant's events in strict sequence order with no gap,
 * reading anything missing from the log. A slow poll covers a message lost in transit.
 * Every subscription of the tenant on this instance listens here, so a gap is filled once.
 */
class TenantFeed {
  private readonly listeners = new Set<Listener>();
  private lastSeq = -1;
  private chain: Promise<void> = Promise.resolve();
  private readonly unsubscribe: () => void;
  private pollTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: Store,
    pubsub: PubSub,
    private readonly tenantId: string,
    pollMs: number,
  ) {
    this.unsubscribe = pubsub.subscribe(tenantId, (event) => this.enqueue(() => this.accept(event)));
    this.enqueue(async () => {
      if (this.lastSeq < 0) this.lastSeq = await currentSeq(store, tenantId);
    });
    this.pollTimer = setInterval(() => this.catchUp(), pollMs);
    this.pollTimer.unref();
  }

  /** Adds a listener; returns the feed's position at that moment (events after it will be delivered). */
  add(listener: Listener): Promise<number> {
    this.listeners.add(listener);
    return new Promise((resolve) => this.enqueue(async () => resolve(this.lastSeq)));
  }

  remove(listener: Listener): boolean {
    this.listeners.delete(listener);
    return this.listeners.size === 0;
  }

  /** Reads whatever the log has beyond what was delivered (after a reconnect, or on the poll). */
  catchUp(): void {
    this.enqueue(async () => {
      if (this.lastSeq < 0) return;
      const missing = await readEventsAfter(this.store, this.tenantId, this.lastSeq, 1000);
      for (const event of missing) this.deliver(event);
    });
  }

  close(): void {
    this.unsubscribe();
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.listeners.clear();
  }

  private enqueue(task: () => Promise<void>): void {
    this.chain = this.chain.then(task).catch(() => {
      // A failed read leaves lastSeq as it was; the next event or poll retries the gap.
    });
  }

  private async accept(event: LoggedEvent): Promise<void> {
    if (this.lastSeq < 0 || event.seq <= this.lastSeq) return;
    if (event.seq > this.lastSeq + 1) {
      const missing = await readEventsAfter(
        this.store,
        this.tenantId,
        this.lastSeq,
        event.seq - this.lastSeq,
        {
          upTo: event.seq - 1,
        },
      );
      for (const earlier of missing) this.deliver(earlier);
      if (this.lastSeq !== event.seq - 1) return; // the log will have it on the next poll
    }
    this.deliver(event);
  }

  private deliver(event: LoggedEvent): void {
    if (event.seq !== this.lastSeq + 1) return;
    this.lastSeq = event.seq;
    for (const listener of this.listeners) listener(event);
  }
}

/** The feeds of one backend instance, created on first subscription and closed on last. */
export class TenantFeeds {
  private readonly feeds = new Map<string, TenantFeed>();
  private readonly stopResync: () => void;

  constructor(
    private readonly store: Store,
    private readonly pubsub: PubSub,
    private readonly pollMs = 1000,
  ) {
    this.stopResync = pubsub.onResync(() => {
      for (const feed of this.feeds.values()) feed.catchUp();
    });
  }

  /** Listens to the tenant's ordered events; resolves to the feed's position and a disposer. */
  async listen(tenantId: string, listener: Listener): Promise<{ position: number; dispose: () => void }> {
    let feed = this.feeds.get(tenantId);
    if (!feed) {
      feed = new TenantFeed(this.store, this.pubsub, tenantId, this.pollMs);
      this.feeds.set(tenantId, feed);
    }
    const owner = feed;
    const position = await owner.add(listener);
    return {
      position,
      dispose: () => {
        if (owner.remove(listener) && this.feeds.get(tenantId) === owner) {
          owner.close();
          this.feeds.delete(tenantId);
        }
      },
    };
  }

  close(): void {
    this.stopResync();
    for (const feed of this.feeds.values()) feed.close();
    this.feeds.clear();
  }
}
