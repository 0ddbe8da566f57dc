/**
 * Who is calling, without a store read per request: each instance reuses a staff member's
 * account, role and tenant plan for at most `actorCacheTtlMs`. A change takes effect
 * within that time everywhere, and at once on the instance told of it
 * (`services.actors.invalidate`). Waiting out the cache time is the behaviour under test,
 * so these tests do wait for it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../backend/auth/passwords';
import type { RunningBackend } from '../../backend/index';
import { DEMO_PASSWORD, errorCode, gql, gqlData, login, startTestBackend } from '../support/backend-client';
import { freshDatabase, REDIS_URL, type FreshDatabase } from '../support/postgres';

const TTL_MS = 400;
const ME = `{ me { id role tenant { enquiryMonitoring settings { waitLimitSeconds } } } }`;
const AUDIT = `{ auditTrail(first: 1) { edges { cursor } } }`;
const MONITOR = `mutation ($id: ID!) { monitorEnquiry(enquiryId: $id) { viewer { isMonitoring } } }`;

const pastTheCacheTime = () => new Promise((resolve) => setTimeout(resolve, TTL_MS + 60));

let hash: string;
let counter = 0;

/** A new staff member of the demo tenant, signed in on `url`. */
async function newStaff(backend: RunningBackend, role: 'ADMINISTRATOR' | 'AGENT', url = backend.url) {
  counter += 1;
  const id = `identity-${role.toLowerCase()}-${counter}`;
  const email = `${id}@demo.test`;
  await backend.services.store.query(
    `insert into staff (id, tenant_id, name, email, role, password_hash) values ($1, 'demo', $2, $3, $4, $5)`,
    [id, `Identity ${counter}`, email, role, hash],
  );
  const session = await login(url, 'demo', email, DEMO_PASSWORD);
  return { id, token: session.token };
}

async function deleteStaff(backend: RunningBackend, staffId: string): Promise<void> {
  await backend.services.store.query('delete from refresh_tokens where staff_id = $1', [staffId]);
  await backend.services.store.query('delete from staff where id = $1', [staffId]);
}

beforeAll(async () => {
  hash = await hashPassword(DEMO_PASSWORD);
});

describe('the caller on one instance', () => {
  let backend: RunningBackend;
  let openEnquiry: string;

  beforeAll(async () => {
    backend = await startTestBackend({ actorCacheTtlMs: TTL_MS });
    const ada = await login(backend.url, 'demo', 'ada@demo.test');
    const page = await gqlData(
      backend.url,
      `{ enquiryOverview(column: OPEN, first: 1) { edges { node { id } } } }`,
      {},
      ada.token,
    );
    openEnquiry = page.enquiryOverview.edges[0].node.id;
  });
  afterAll(() => backend?.stop());

  it('serves repeated requests of one staff member from one store read', async () => {
    const tess = await newStaff(backend, 'AGENT');
    backend.services.actors.invalidate('everyone');
    let reads = 0;
    const store = backend.services.store;
    const query = store.query.bind(store);
    store.query = ((sql: string, params?: readonly unknown[]) => {
      if (sql.includes('from staff s join tenants t')) reads += 1;
      return query(sql, params);
    }) as typeof store.query;
    const started = Date.now();
    try {
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => gql(backend.url, `{ me { id name email role } }`, {}, tess.token)),
      );
      expect(answers.every((a) => a.data?.me.id === tess.id)).toBe(true);
    } finally {
      store.query = query;
    }
    // One read per cache time: on a crowded machine the 20 answers may span more than one.
    expect(reads).toBeGreaterThanOrEqual(1);
    expect(reads).toBeLessThanOrEqual(1 + Math.floor((Date.now() - started) / TTL_MS));
  });

  it('refuses a deleted account (UNAUTHENTICATED) once the cache time has passed', async () => {
    const tess = await newStaff(backend, 'AGENT');
    expect((await gqlData(backend.url, ME, {}, tess.token)).me.id).toBe(tess.id);
    await deleteStaff(backend, tess.id);
    await pastTheCacheTime();
    const refused = await gql(backend.url, ME, {}, tess.token);
    expect(errorCode(refused)).toBe('UNAUTHENTICATED');
    expect(refused.data).toBeNull();
  });

  it('refuses a deleted account at once when the instance is told', async () => {
    const tess = await newStaff(backend, 'AGENT');
    expect((await gqlData(backend.url, ME, {}, tess.token)).me.id).toBe(tess.id);
    await deleteStaff(backend, tess.id);
    backend.services.actors.invalidate({ staffId: tess.id });
    expect(errorCode(await gql(backend.url, ME, {}, tess.token))).toBe('UNAUTHENTICATED');
  });

  it('applies a role change: within the cache time, and at once when told', async () => {
    const ivy = await newStaff(backend, 'AGENT');
    expect(errorCode(await gql(backend.url, AUDIT, {}, ivy.token))).toBe('FORBIDDEN');
    await backend.services.store.query(`update staff set role = 'ADMINISTRATOR' where id = $1`, [ivy.id]);
    await pastTheCacheTime();
    expect((await gqlData(backend.url, ME, {}, ivy.token)).me.role).toBe('ADMINISTRATOR');
    expect(errorCode(await gql(backend.url, AUDIT, {}, ivy.token))).toBeNull();

    await backend.services.store.query(`update staff set role = 'AGENT' where id = $1`, [ivy.id]);
    backend.services.actors.invalidate({ staffId: ivy.id });
    expect(errorCode(await gql(backend.url, AUDIT, {}, ivy.token))).toBe('FORBIDDEN');
  });

  it('applies a plan change to the whole tenant: within the cache time, and at once when told', async () => {
    const ada = await login(backend.url, 'demo', 'ada@demo.test');
    expect(
      (await gqlData(backend.url, MONITOR, { id: openEnquiry }, ada.token)).monitorEnquiry.viewer
        .isMonitoring,
    ).toBe(true);
    await backend.services.store.query(`update tenants set enquiry_monitoring = false where id = 'demo'`);
    try {
      await pastTheCacheTime();
      expect(errorCode(await gql(backend.url, MONITOR, { id: openEnquiry }, ada.token))).toBe(
        'PLAN_REQUIRED',
      );
      expect((await gqlData(backend.url, ME, {}, ada.token)).me.tenant.enquiryMonitoring).toBe(false);
    } finally {
      await backend.services.store.query(`update tenants set enquiry_monitoring = true where id = 'demo'`);
      backend.services.actors.invalidate({ tenantId: 'demo' });
    }
    expect(errorCode(await gql(backend.url, MONITOR, { id: openEnquiry }, ada.token))).toBeNull();
  });

  it('shows a tenant settings change at once on the instance that made it', async () => {
    const ada = await login(backend.url, 'demo', 'ada@demo.test');
    const limit = (await gqlData(backend.url, ME, {}, ada.token)).me.tenant.settings
      .waitLimitSeconds as number;
    const next = limit + 7;
    await gqlData(
      backend.url,
      `mutation ($s: Int) { updateTenantSettings(waitLimitSeconds: $s) { waitLimitSeconds } }`,
      { s: next },
      ada.token,
    );
    expect((await gqlData(backend.url, ME, {}, ada.token)).me.tenant.settings.waitLimitSeconds).toBe(next);
    expect(
      (await gqlData(backend.url, `{ tenantSettings { waitLimitSeconds } }`, {}, ada.token)).tenantSettings
        .waitLimitSeconds,
    ).toBe(next);
  });
});

describe('the caller across two instances on PostgreSQL', () => {
  let db: FreshDatabase;
  let a: RunningBackend;
  let b: RunningBackend;

  beforeAll(async () => {
    db = await freshDatabase();
    a = await startTestBackend({
      inMemory: false,
      databaseUrl: db.url,
      redisUrl: REDIS_URL,
      actorCacheTtlMs: TTL_MS,
    });
    b = await startTestBackend({
      inMemory: false,
      databaseUrl: db.url,
      redisUrl: REDIS_URL,
      actorCacheTtlMs: TTL_MS,
    });
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await db?.drop();
  });

  it('refuses a deleted account at once on the instance told, and on the other within the cache time', async () => {
    const tess = await newStaff(a, 'AGENT');
    expect((await gqlData(a.url, ME, {}, tess.token)).me.id).toBe(tess.id);
    expect((await gqlData(b.url, ME, {}, tess.token)).me.id).toBe(tess.id);
    await deleteStaff(a, tess.id);
    a.services.actors.invalidate({ staffId: tess.id });
    expect(errorCode(await gql(a.url, ME, {}, tess.token))).toBe('UNAUTHENTICATED');
    await pastTheCacheTime();
    expect(errorCode(await gql(b.url, ME, {}, tess.token))).toBe('UNAUTHENTICATED');
  });
});
