import { computeLiveMetrics, type LiveMetrics } from '../domain/metrics';
import type { EventType, LoggedEvent } from '../domain/types';
import type { Services } from '../services';

/**
 * The live metrics of each tenant watched on this instance, computed once per change and
 * shared by every subscriber (the same snapshot object, so shared-execution.ts runs each
 * selection once). A new snapshot is computed when an event of the tenant's log may change
 * the figures, at most every MIN_GAP_MS under a burst, and every liveMetricsTiming.refreshMs (5 s) otherwise (the
 * longest wait grows, the hour moves on); it is pushed only when it differs from the last.
 */

/** Events that change no figure: everything else (new kinds included) triggers a recompute. */
const UNCHANGING: ReadonlySet<EventType> = new Set<EventType>([
  'MESSAGE_POSTED',
  'WHISPER_POSTED',
  'MONITOR_STARTED',
  'MONITOR_STOPPED',
  'CALL_STARTED',
  'CALL_ENDED',
  'ASSISTANCE_REQUESTED',
  'WAIT_WARNING',
]);

/**
 * How often the figures are recomputed with no event (seconds of waiting keep counting).
 * Read when a tenant's metrics start being watched; a test may lengthen it to prove that
 * a push came from an event, not from the clock.
 */
export const liveMetricsTiming = { refreshMs: 5_000 };
const MIN_GAP_MS = 100;

/** A subscriber's view: the latest snapshot it has not read yet (older unread ones are dropped). */
export class LatestSnapshots implements AsyncIterableIterator<LiveMetrics> {
  private pending: LiveMetrics | null = null;
  private waiting: ((step: IteratorResult<LiveMetrics>) => void) | null = null;
  private ended = false;

  constructor(private readonly onEnd: () => void) {}

  offer(snapshot: LiveMetrics): void {
    if (this.ended) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: snapshot, done: false });
    } else {
      this.pending = snapshot;
    }
  }

  next(): Promise<IteratorResult<LiveMetrics>> {
    if (this.pending) {
      const value = this.pending;
      this.pending = null;
      return Promise.resolve({ value, done: false });
    }
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<LiveMetrics>> {
    if (!this.ended) {
      this.ended = true;
      this.pending = null;
      this.onEnd();
    }
    this.waiting?.({ value: undefined, done: true });
    this.waiting = null;
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

/** Figures compared without their time: a snapshot that only moved `at` is not news. */
const sameFigures = (a: LiveMetrics, b: LiveMetrics): boolean =>
  JSON.stringify({ ...a, at: '' }) === JSON.stringify({ ...b, at: '' });

class TenantMetrics {
  readonly subscribers = new Set<LatestSnapshots>();
  private latest: LiveMetrics | null = null;

  /** The newest snapshot computed, if any. */
  get newest(): LiveMetrics | null {
    return this.latest;
  }
  private computing = false;
  private dirty = false;
  private lastRun = 0;
  private gapTimer: NodeJS.Timeout | null = null;
  private readonly refresh: NodeJS.Timeout;
  private disposeListener: (() => void) | null = null;
  private closed = false;

  constructor(
    private readonly services: Services,
    private readonly tenantId: string,
    private readonly log: (message: string) => void,
  ) {
    this.refresh = setInterval(() => this.schedule(), liveMetricsTiming.refreshMs);
    this.refresh.unref();
  }

  async start(): Promise<void> {
    const listening = await this.services.feeds.listen(this.tenantId, (event: LoggedEvent) => {
      if (!UNCHANGING.has(event.type)) this.schedule();
    });
    if (this.closed) listening.dispose();
    else this.disposeListener = listening.dispose;
  }

  /** The current snapshot for a new subscriber (computed now when there is none yet). */
  async current(): Promise<LiveMetrics> {
    if (this.latest) return this.latest;
    const snapshot = await computeLiveMetrics(this.services.store, this.tenantId, this.services.now());
    this.latest ??= snapshot;
    return this.latest;
  }

  schedule(): void {
    if (this.closed) return;
    if (this.computing) {
      this.dirty = true;
      return;
    }
    if (this.gapTimer) return;
    const wait = this.lastRun + MIN_GAP_MS - Date.now();
    if (wait > 0) {
      this.gapTimer = setTimeout(() => {
        this.gapTimer = null;
        this.schedule();
      }, wait);
      return;
    }
    void this.run();
  }

  close(): void {
    this.closed = true;
    clearInterval(this.refresh);
    if (this.gapTimer) clearTimeout(this.gapTimer);
    this.disposeListener?.();
  }

  private async run(): Promise<void> {
    this.computing = true;
    this.dirty = false;
    this.lastRun = Date.now();
    try {
      const snapshot = await computeLiveMetrics(this.services.store, this.tenantId, this.services.now());
      if (!this.latest || !sameFigures(this.latest, snapshot)) {
        this.latest = snapshot;
        for (const subscriber of this.subscribers) subscriber.offer(snapshot);
      }
    } catch (error) {
      this.log(`live metrics of ${this.tenantId} not computed: ${String(error)}`);
    } finally {
      this.computing = false;
      if (this.dirty) this.schedule();
    }
  }
}

const hubs = new WeakMap<Services, LiveMetricsHub>();

/** The live metrics of one backend instance, tenant by tenant, while anyone watches them. */
export class LiveMetricsHub {
  private readonly tenants = new Map<string, TenantMetrics>();

  private constructor(
    private readonly services: Services,
    private readonly log: (message: string) => void,
  ) {}

  static for(services: Services, log: (message: string) => void = () => undefined): LiveMetricsHub {
    let hub = hubs.get(services);
    if (!hub) {
      hub = new LiveMetricsHub(services, log);
      hubs.set(services, hub);
    }
    return hub;
  }

  /** A stream of the tenant's snapshots: the current one at once, then each change. */
  async subscribe(tenantId: string): Promise<LatestSnapshots> {
    let tenant = this.tenants.get(tenantId);
    if (!tenant) {
      tenant = new TenantMetrics(this.services, tenantId, this.log);
      this.tenants.set(tenantId, tenant);
      await tenant.start();
    }
    const owner = tenant;
    const stream = new LatestSnapshots(() => {
      owner.subscribers.delete(stream);
      if (owner.subscribers.size === 0 && this.tenants.get(tenantId) === owner) {
        owner.close();
        this.tenants.delete(tenantId);
      }
    });
    let first: LiveMetrics;
    try {
      first = await owner.current();
    } catch (error) {
      if (owner.subscribers.size === 0 && this.tenants.get(tenantId) === owner) {
        owner.close();
        this.tenants.delete(tenantId);
      }
      throw error;
    }
    // Joined and given the newest snapshot in one step: a computation that finished while
    // `current()` was awaited must not be overtaken by the older one it returned (the stream
    // keeps only the latest it was offered, and no later change would correct it).
    owner.subscribers.add(stream);
    stream.offer(owner.newest ?? first);
    return stream;
  }
}
