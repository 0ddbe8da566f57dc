import type { Actor } from './actor';
import { renewLeases, sweepExpiredLeases, type LeaseRef } from './monitor-leases';
import { supervisionBlock } from './rules';
import { monitorEnquiry, type SupervisionDeps } from './supervision';
import type { Enquiry } from './types';

interface Held {
  lease: LeaseRef;
  /** Room subscriptions on this instance holding the lease (a reconnect may overlap the old one). */
  holders: number;
}

/**
 * One per backend instance: keeps the keyed monitor leases of the room subscriptions it
 * serves alive, and ends expired leases (of any instance) every tick. A subscription that
 * ends — closed by the console, or with its WebSocket (a crashed window, a lost network,
 * an instance that died) — simply stops being renewed, so its lease runs out within one
 * lease period and the administrator stops being listed once no other window holds one.
 */
export class MonitorLeaseKeeper {
  private readonly held = new Map<string, Held>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private ticking = false;

  constructor(
    private readonly deps: SupervisionDeps,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /** How long a keyed lease lives without being renewed. */
  get ttlMs(): number {
    return this.deps.monitorLeaseTtlMs;
  }

  /** Renews held leases and sweeps expired ones every third of a lease period. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), Math.max(50, Math.floor(this.ttlMs / 3)));
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.held.clear();
  }

  /**
   * Holds the actor's lease `key` on the enquiry for as long as a room subscription lasts;
   * returns the function that lets go of it (idempotent). A lease that ran out while the
   * window was away (a reconnect after more than a lease period) is taken again, as opening
   * the room would, when the enquiry is live and the actor may monitor.
   */
  async hold(actor: Actor, enquiry: Enquiry, key: string): Promise<() => void> {
    const lease: LeaseRef = {
      tenantId: actor.tenant.id,
      enquiryId: enquiry.id,
      staffId: actor.staff.id,
      key,
    };
    const id = `${lease.enquiryId}\u0000${lease.staffId}\u0000${lease.key}`;
    const entry = this.held.get(id) ?? { lease, holders: 0 };
    entry.holders += 1;
    this.held.set(id, entry);
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      entry.holders -= 1;
      if (entry.holders <= 0 && this.held.get(id) === entry) this.held.delete(id);
    };
    try {
      const renewed = await renewLeases(this.deps.store, [lease], this.ttlMs);
      const live = enquiry.status === 'HANDLING' || enquiry.status === 'OPEN';
      if (renewed === 0 && live && !supervisionBlock(actor.viewer)) {
        await monitorEnquiry(this.deps, actor, enquiry.id, key);
      }
    } catch (error) {
      release();
      throw error;
    }
    return release;
  }

  /** One round: renew what this instance holds, then end what expired anywhere. */
  async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const leases = [...this.held.values()].map((h) => h.lease);
      if (leases.length > 0) await renewLeases(this.deps.store, leases, this.ttlMs);
      await sweepExpiredLeases(this.deps);
    } catch (error) {
      // A round cut short by shutdown is not worth a line; the next round retries anything else.
      if (this.timer) this.log(`monitor lease round failed: ${String(error)}`);
    } finally {
      this.ticking = false;
    }
  }
}
