/**
 * The caller's identity on the hot path, as units: the actor cache (one store read per
 * staff member per TTL, invalidation, failed loads never kept) and the verified-token
 * cache (a token is known until its `exp`, never past it).
 */
import { describe, expect, it } from 'vitest';
import { ActorCache } from '../../backend/auth/actor-cache';
import { VerifiedTokens } from '../../backend/auth/verified-tokens';
import type { StaffPrincipal } from '../../backend/domain/types';
import type { SqlExecutor } from '../../backend/storage/store';

interface StaffFixture {
  id: string;
  tenant_id: string;
  role: 'ADMINISTRATOR' | 'AGENT';
  enquiry_monitoring: boolean;
}

/** A store holding a few staff rows, counting the reads it answers. */
function fakeStore(staff: StaffFixture[]) {
  const rows = new Map(staff.map((s) => [s.id, { ...s }]));
  let reads = 0;
  let gate: Promise<void> | null = null;
  const store: Pick<SqlExecutor, 'query'> = {
    async query<T>(_sql: string, params?: readonly unknown[]): Promise<T[]> {
      reads += 1;
      const [staffId, tenantId] = (params ?? []) as [string, string];
      const snapshot = rows.get(staffId);
      const row = snapshot && snapshot.tenant_id === tenantId ? { ...snapshot } : undefined;
      if (gate) await gate;
      if (!row) return [];
      return [
        {
          ...row,
          name: row.id,
          email: `${row.id}@demo.test`,
          presence: 'ONLINE',
          tenant_name: row.tenant_id,
          plan: 'pro',
          wait_limit_seconds: 60,
          wait_warning_seconds: 45,
        } as T,
      ];
    },
  };
  return {
    store,
    rows,
    reads: () => reads,
    /** Holds every read until the returned function is called. */
    hold(): () => void {
      let open: () => void = () => undefined;
      gate = new Promise((resolve) => (open = resolve));
      return () => {
        gate = null;
        open();
      };
    },
  };
}

const principal = (staffId: string, tenantId = 'demo'): StaffPrincipal => ({
  kind: 'staff',
  staffId,
  tenantId,
  role: 'AGENT',
  expiresAt: Math.floor(Date.now() / 1000) + 900,
});

const ADA: StaffFixture = { id: 'ada', tenant_id: 'demo', role: 'ADMINISTRATOR', enquiry_monitoring: true };
const GRACE: StaffFixture = { id: 'grace', tenant_id: 'demo', role: 'AGENT', enquiry_monitoring: true };
const BASIL: StaffFixture = {
  id: 'basil',
  tenant_id: 'basic',
  role: 'ADMINISTRATOR',
  enquiry_monitoring: false,
};

describe('ActorCache', () => {
  it('reads a staff member once for many concurrent requests, and again after the TTL', async () => {
    let now = 1_000;
    const db = fakeStore([ADA]);
    const cache = new ActorCache(db.store, { ttlMs: 500, now: () => now });
    const actors = await Promise.all(Array.from({ length: 32 }, () => cache.actorOf(principal('ada'))));
    expect(db.reads()).toBe(1);
    expect(new Set(actors).size).toBe(1);
    expect(actors[0]!.viewer).toEqual({
      staffId: 'ada',
      role: 'ADMINISTRATOR',
      enquiryMonitoring: true,
      agentsSeeMonitors: false,
    });
    now += 499;
    await cache.actorOf(principal('ada'));
    expect(db.reads()).toBe(1);
    now += 1;
    db.rows.get('ada')!.role = 'AGENT';
    expect((await cache.actorOf(principal('ada'))).staff.role).toBe('AGENT');
    expect(db.reads()).toBe(2);
  });

  it('refuses a deleted account once its entry is stale, and never keeps the refusal', async () => {
    let now = 0;
    const db = fakeStore([GRACE]);
    const cache = new ActorCache(db.store, { ttlMs: 500, now: () => now });
    await cache.actorOf(principal('grace'));
    db.rows.delete('grace');
    now = 500;
    await expect(cache.actorOf(principal('grace'))).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    await expect(cache.actorOf(principal('grace'))).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(db.reads()).toBe(3);
    db.rows.set('grace', { ...GRACE });
    expect((await cache.actorOf(principal('grace'))).staff.id).toBe('grace');
  });

  it('does not answer for a principal of another tenant than the account’s', async () => {
    const db = fakeStore([ADA]);
    const cache = new ActorCache(db.store, { ttlMs: 5_000 });
    await cache.actorOf(principal('ada'));
    await expect(cache.actorOf(principal('ada', 'basic'))).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('forgets one staff member, one tenant, or everyone when told', async () => {
    const db = fakeStore([ADA, GRACE, BASIL]);
    const cache = new ActorCache(db.store, { ttlMs: 60_000 });
    const warm = () =>
      Promise.all(
        ['ada', 'grace']
          .map((id) => cache.actorOf(principal(id)))
          .concat(cache.actorOf(principal('basil', 'basic'))),
      );
    await warm();
    expect(cache.size).toBe(3);
    cache.invalidate({ staffId: 'grace' });
    expect(cache.size).toBe(2);
    cache.invalidate({ tenantId: 'demo' });
    expect(cache.size).toBe(1);
    await warm();
    cache.invalidate('everyone');
    expect(cache.size).toBe(0);
    const before = db.reads();
    db.rows.get('basil')!.enquiry_monitoring = true;
    expect((await cache.actorOf(principal('basil', 'basic'))).viewer.enquiryMonitoring).toBe(true);
    expect(db.reads()).toBe(before + 1);
  });

  it('does not keep a load that was under way when the change was told', async () => {
    const db = fakeStore([ADA]);
    const cache = new ActorCache(db.store, { ttlMs: 60_000 });
    const release = db.hold();
    const during = cache.actorOf(principal('ada'));
    cache.invalidate({ staffId: 'ada' });
    release();
    await during;
    db.rows.get('ada')!.role = 'AGENT';
    expect((await cache.actorOf(principal('ada'))).staff.role).toBe('AGENT');
  });

  it('reads every time with a TTL of 0', async () => {
    const db = fakeStore([ADA]);
    const cache = new ActorCache(db.store, { ttlMs: 0 });
    await cache.actorOf(principal('ada'));
    await cache.actorOf(principal('ada'));
    expect(db.reads()).toBe(2);
    expect(cache.size).toBe(0);
  });

  it('hands out actors no request can change', async () => {
    const cache = new ActorCache(fakeStore([ADA]).store, { ttlMs: 60_000 });
    const actor = await cache.actorOf(principal('ada'));
    expect(() => {
      (actor.viewer as { role: string }).role = 'AGENT';
    }).toThrow(TypeError);
  });

  it('keeps at most maxEntries staff members', async () => {
    const staff = Array.from({ length: 50 }, (_, i) => ({ ...GRACE, id: `agent-${i}` }));
    const cache = new ActorCache(fakeStore(staff).store, { ttlMs: 60_000, maxEntries: 20 });
    for (const s of staff) await cache.actorOf(principal(s.id));
    expect(cache.size).toBeLessThanOrEqual(20);
  });
});

describe('VerifiedTokens', () => {
  const staff = principal('ada');

  it('knows a token until the second its exp names, not after', () => {
    let now = 1_000_000;
    const tokens = new VerifiedTokens(100, () => now);
    tokens.remember('t', staff, 1_010);
    expect(tokens.get('t')).toBe(staff);
    now = 1_009_999;
    expect(tokens.get('t')).toBe(staff);
    now = 1_010_000;
    expect(tokens.get('t')).toBeUndefined();
    expect(tokens.size).toBe(0);
  });

  it('keeps no token without an exp, or already expired', () => {
    const tokens = new VerifiedTokens(100, () => 1_000_000);
    tokens.remember('none', staff, undefined);
    tokens.remember('old', staff, 999);
    expect(tokens.get('none')).toBeUndefined();
    expect(tokens.get('old')).toBeUndefined();
  });

  it('keeps at most maxEntries tokens', () => {
    const tokens = new VerifiedTokens(10, () => 0);
    for (let i = 0; i < 100; i++) tokens.remember(`t${i}`, staff, 60);
    expect(tokens.size).toBeLessThanOrEqual(10);
    expect(tokens.get('t99')).toBe(staff);
  });
});
