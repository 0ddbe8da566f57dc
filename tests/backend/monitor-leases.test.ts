/**
 * Monitoring is held per console window, not per staff member: an administrator watching
 * one enquiry from two windows stays listed as monitoring it until the last window lets go
 * — by stopMonitoring, or by its room subscription (its WebSocket) going away.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'graphql-ws';
import type { RunningBackend } from '../../backend/index';
import { migrate } from '../../backend/storage/migrations';
import {
  collect,
  errorCode,
  gql,
  gqlData,
  login,
  startTestBackend,
  wsClient,
  type Session,
} from '../support/backend-client';
import { freshDatabase, REDIS_URL, type FreshDatabase } from '../support/postgres';
import { until } from '../support/until';

const MONITOR = `mutation ($id: ID!, $key: String) {
  monitorEnquiry(enquiryId: $id, monitorKey: $key) { viewer { isMonitoring } enquiry { monitors { id } } cursor }
}`;
const STOP = `mutation ($id: ID!, $key: String) { stopMonitoring(enquiryId: $id, monitorKey: $key) }`;
const MONITORS = `query ($id: ID!) { enquiry(id: $id) { monitors { id } } }`;
const ROOM_EVENTS = `subscription ($id: ID!, $after: String, $key: String) {
  roomEvents(enquiryId: $id, after: $after, monitorKey: $key) { seq type }
}`;
const AUDIT = `query ($id: ID) { auditTrail(enquiryId: $id) { edges { node { action actor { id } } } } }`;
const START = `mutation ($tenant: String!, $name: String!) { startEnquiry(tenant: $tenant, visitorName: $name, text: "hello") { enquiry { id } } }`;

/** A lease period short enough that expiry is observable in a test. */
const LEASE_TTL_MS = 600;

async function newEnquiry(url: string, visitor: string, tenant = 'demo'): Promise<string> {
  return (await gqlData(url, START, { tenant, name: visitor })).startEnquiry.enquiry.id as string;
}

async function monitorIds(url: string, token: string, enquiryId: string): Promise<string[]> {
  const data = await gqlData(url, MONITORS, { id: enquiryId }, token);
  return data.enquiry.monitors.map((m: { id: string }) => m.id);
}

/** The supervisor actions on an enquiry, oldest first. */
async function monitorActions(url: string, token: string, enquiryId: string): Promise<string[]> {
  const data = await gqlData(url, AUDIT, { id: enquiryId }, token);
  return data.auditTrail.edges.map((e: { node: { action: string } }) => e.node.action).reverse();
}

/**
 * A console window: its monitor key, and a room subscription carrying it over its own
 * WebSocket (open once its first replayed event arrived).
 */
async function openWindow(
  url: string,
  admin: Session,
  enquiryId: string,
  key: string,
): Promise<{ socket: Client }> {
  const room = (await gqlData(url, MONITOR, { id: enquiryId, key }, admin.token)).monitorEnquiry;
  expect(room.viewer.isMonitoring).toBe(true);
  const socket = wsClient(url, () => admin.token);
  // From the start of the log: the room's first event arrives once the server holds the lease.
  const events = collect(socket, ROOM_EVENTS, { id: enquiryId, after: '0', key }, (d) => d.roomEvents);
  await events.until(1);
  return { socket };
}

describe('monitor leases on the embedded store', () => {
  let backend: RunningBackend;
  let url: string;
  let ada: Session;
  let alan: Session;
  let grace: Session;

  beforeAll(async () => {
    backend = await startTestBackend({ monitorLeaseTtlMs: LEASE_TTL_MS });
    url = backend.url;
    [ada, alan, grace] = await Promise.all([
      login(url, 'demo', 'ada@demo.test'),
      login(url, 'demo', 'alan@demo.test'),
      login(url, 'demo', 'grace@demo.test'),
    ]);
  });
  afterAll(async () => {
    await backend?.stop();
  });

  it('keeps an admin listed while another of their windows still monitors; the last one to close ends it', async () => {
    const id = await newEnquiry(url, 'Two Windows Tess');
    const first = await openWindow(url, ada, id, 'window-one-0001');
    const second = await openWindow(url, ada, id, 'window-two-0002');
    expect(await monitorIds(url, ada.token, id)).toEqual([ada.staffId]);

    expect((await gqlData(url, STOP, { id, key: 'window-one-0001' }, ada.token)).stopMonitoring).toBe(true);
    await first.socket.dispose();
    expect(await monitorIds(url, ada.token, id)).toEqual([ada.staffId]);
    const room = (
      await gqlData(
        url,
        `query ($id: ID!) { room(enquiryId: $id) { viewer { isMonitoring } } }`,
        { id },
        ada.token,
      )
    ).room;
    expect(room.viewer.isMonitoring).toBe(true);

    expect((await gqlData(url, STOP, { id, key: 'window-two-0002' }, ada.token)).stopMonitoring).toBe(true);
    await second.socket.dispose();
    expect(await monitorIds(url, ada.token, id)).toEqual([]);
    expect((await gqlData(url, STOP, { id, key: 'window-two-0002' }, ada.token)).stopMonitoring).toBe(false);
    // One start and one stop in the log, however many windows came and went.
    expect(await monitorActions(url, ada.token, id)).toEqual(['MONITOR_STARTED', 'MONITOR_STOPPED']);
  });

  it('ends the lease of a window whose WebSocket went away, and only once no other window holds one', async () => {
    const id = await newEnquiry(url, 'Crashing Carl');
    const crashing = await openWindow(url, ada, id, 'crashing-window-1');
    const staying = await openWindow(url, ada, id, 'staying-window-22');
    // A canary: Alan monitors with a key but no subscription, so his lease runs out.
    await gqlData(url, MONITOR, { id, key: 'canary-no-stream' }, alan.token);
    await until(
      async () => !(await monitorIds(url, ada.token, id)).includes(alan.staffId),
      'the canary lease to expire',
    );
    // More than a lease period passed: the subscriptions kept Ada's leases alive.
    expect(await monitorIds(url, ada.token, id)).toEqual([ada.staffId]);

    crashing.socket.terminate(); // no stopMonitoring: the window crashed
    await gqlData(url, MONITOR, { id, key: 'canary-no-stream' }, alan.token);
    await until(
      async () => !(await monitorIds(url, ada.token, id)).includes(alan.staffId),
      'the second canary to expire',
    );
    expect(await monitorIds(url, ada.token, id)).toEqual([ada.staffId]);
    const leases = await backend.services.store.query<{ lease_key: string }>(
      'select lease_key from monitor_leases where enquiry_id = $1 and staff_id = $2',
      [id, ada.staffId],
    );
    expect(leases.map((l) => l.lease_key)).toEqual(['staying-window-22']);

    staying.socket.terminate();
    await until(
      async () => (await monitorIds(url, ada.token, id)).length === 0,
      "Ada's last lease to expire",
    );
    const adaActions = (await gqlData(url, AUDIT, { id }, ada.token)).auditTrail.edges
      .filter((e: { node: { actor: { id: string } } }) => e.node.actor.id === ada.staffId)
      .map((e: { node: { action: string } }) => e.node.action);
    expect(adaActions).toEqual(['MONITOR_STOPPED', 'MONITOR_STARTED']);
  });

  it('takes the lease again when a window resubscribes after it ran out (a long reconnect)', async () => {
    const id = await newEnquiry(url, 'Reconnecting Rosa');
    const window = await openWindow(url, ada, id, 'reconnect-window-1');
    window.socket.terminate();
    await until(async () => (await monitorIds(url, ada.token, id)).length === 0, 'the lease to expire');
    const socket = wsClient(url, () => ada.token);
    const events = collect(
      socket,
      ROOM_EVENTS,
      { id, after: '0', key: 'reconnect-window-1' },
      (d) => d.roomEvents,
    );
    await until(
      async () => (await monitorIds(url, ada.token, id)).includes(ada.staffId),
      'the lease to be taken again',
    );
    await events.until(1);
    events.dispose();
    await socket.dispose();
    await gqlData(url, STOP, { id, key: 'reconnect-window-1' }, ada.token);
    expect(await monitorIds(url, ada.token, id)).toEqual([]);
  });

  it('keeps the unkeyed lease of callers that name no key until they stop, alongside keyed windows', async () => {
    const id = await newEnquiry(url, 'Legacy Lena');
    await gqlData(url, MONITOR, { id }, ada.token);
    const window = await openWindow(url, ada, id, 'keyed-window-0001');
    await gqlData(url, MONITOR, { id, key: 'canary-no-stream' }, alan.token);
    await until(
      async () => !(await monitorIds(url, ada.token, id)).includes(alan.staffId),
      'the canary lease to expire',
    );
    expect((await gqlData(url, STOP, { id }, ada.token)).stopMonitoring).toBe(true);
    expect(await monitorIds(url, ada.token, id)).toEqual([ada.staffId]);
    expect((await gqlData(url, STOP, { id }, ada.token)).stopMonitoring).toBe(false);
    await gqlData(url, STOP, { id, key: 'keyed-window-0001' }, ada.token);
    expect(await monitorIds(url, ada.token, id)).toEqual([]);
    await window.socket.dispose();

    // Unkeyed alone: it outlives any lease period, as before.
    await gqlData(url, MONITOR, { id }, ada.token);
    await gqlData(url, MONITOR, { id, key: 'canary-no-stream' }, alan.token);
    await until(
      async () => !(await monitorIds(url, ada.token, id)).includes(alan.staffId),
      'the canary lease to expire',
    );
    expect(await monitorIds(url, ada.token, id)).toEqual([ada.staffId]);
    expect((await gqlData(url, STOP, { id }, ada.token)).stopMonitoring).toBe(true);
    expect(await monitorIds(url, ada.token, id)).toEqual([]);
  });

  it('adopts a monitor recorded before leases existed, and ends it unless a window claims it', async () => {
    const id = await newEnquiry(url, 'Upgraded Uma');
    const store = backend.services.store;
    // As an earlier version recorded it: a MONITOR row and no lease.
    await store.query(
      `insert into room_members (enquiry_id, staff_id, kind, since) values ($1, $2, 'MONITOR', now())`,
      [id, ada.staffId],
    );
    await migrate(store);
    const adopted = await store.query<{ lease_key: string; expires_at: Date | null }>(
      'select lease_key, expires_at from monitor_leases where enquiry_id = $1',
      [id],
    );
    expect(adopted).toHaveLength(1);
    expect(adopted[0]?.lease_key).toBe('');
    expect(adopted[0]?.expires_at).not.toBeNull();
    await migrate(store); // idempotent
    expect(await store.query('select 1 from monitor_leases where enquiry_id = $1', [id])).toHaveLength(1);
    expect(await monitorIds(url, ada.token, id)).toEqual([ada.staffId]);
    // Its two minutes pass with no window claiming it.
    await store.query(
      `update monitor_leases set expires_at = now() - interval '1 second' where enquiry_id = $1`,
      [id],
    );
    await until(
      async () => (await monitorIds(url, ada.token, id)).length === 0,
      'the adopted lease to be swept',
    );
    expect(await monitorActions(url, ada.token, id)).toEqual(['MONITOR_STOPPED']);
  });

  it('validates the monitor key and keeps the authorization rules', async () => {
    const id = await newEnquiry(url, 'Rules Rita');
    for (const key of ['short', 'has spaces in it', 'x'.repeat(129), '']) {
      const refused = await gql(url, MONITOR, { id, key }, ada.token);
      expect(errorCode(refused), key).toBe('BAD_USER_INPUT');
      expect(errorCode(await gql(url, STOP, { id, key }, ada.token)), key).toBe('BAD_USER_INPUT');
    }
    const socket = wsClient(url, () => ada.token);
    const badStream = collect(socket, ROOM_EVENTS, { id, key: 'bad key!' }, (d) => d);
    await expect(badStream.until(1)).rejects.toBeTruthy();
    expect(JSON.stringify(badStream.errors)).toContain('BAD_USER_INPUT');
    await socket.dispose();

    expect(errorCode(await gql(url, MONITOR, { id, key: 'agent-window-01' }, grace.token))).toBe('FORBIDDEN');
    const basil = await login(url, 'basic', 'basil@basic.test');
    const basicId = await newEnquiry(url, 'Basic Bob', 'basic');
    expect(errorCode(await gql(url, MONITOR, { id: basicId, key: 'basil-window-01' }, basil.token))).toBe(
      'PLAN_REQUIRED',
    );
    const foreign = await gql(url, MONITOR, { id: basicId, key: 'ada-window-0001' }, ada.token);
    expect(errorCode(foreign)).toBe('NOT_FOUND');
    expect(foreign.data ?? null).toBeNull();
    expect(errorCode(await gql(url, STOP, { id: basicId, key: 'ada-window-0001' }, ada.token))).toBe(
      'NOT_FOUND',
    );
    // An agent's room stream with a key streams, and never lists them as monitoring.
    await gqlData(
      url,
      `mutation ($id: ID!) { pickUpEnquiry(enquiryId: $id) { cursor } }`,
      { id },
      grace.token,
    );
    const agentSocket = wsClient(url, () => grace.token);
    const agentStream = collect(
      agentSocket,
      ROOM_EVENTS,
      { id, after: '0', key: 'agent-window-01' },
      (d) => d.roomEvents,
    );
    await agentStream.until(1);
    await agentSocket.dispose();
    expect(await monitorIds(url, ada.token, id)).toEqual([]);
  });
});

describe('monitor leases on two instances sharing PostgreSQL and Redis', () => {
  let db: FreshDatabase;
  let a: RunningBackend;
  let b: RunningBackend;

  beforeAll(async () => {
    db = await freshDatabase();
    [a, b] = await Promise.all([
      startTestBackend({
        inMemory: false,
        databaseUrl: db.url,
        redisUrl: REDIS_URL,
        monitorLeaseTtlMs: LEASE_TTL_MS,
      }),
      startTestBackend({
        inMemory: false,
        databaseUrl: db.url,
        redisUrl: REDIS_URL,
        monitorLeaseTtlMs: LEASE_TTL_MS,
      }),
    ]);
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await db?.drop();
  });

  it('lists the admin while a window on either instance monitors, and stops once after the last one goes', async () => {
    const [adaOnA, adaOnB, alanOnB] = await Promise.all([
      login(a.url, 'demo', 'ada@demo.test'),
      login(b.url, 'demo', 'ada@demo.test'),
      login(b.url, 'demo', 'alan@demo.test'),
    ]);
    const id = await newEnquiry(a.url, 'Scaled Sam');
    const onA = await openWindow(a.url, adaOnA, id, 'instance-a-window');
    const onB = await openWindow(b.url, adaOnB, id, 'instance-b-window');
    expect(await monitorIds(b.url, adaOnB.token, id)).toEqual([adaOnA.staffId]);

    // The window on A closes; B's window keeps Ada listed, also past a lease period.
    expect((await gqlData(a.url, STOP, { id, key: 'instance-a-window' }, adaOnA.token)).stopMonitoring).toBe(
      true,
    );
    await onA.socket.dispose();
    await gqlData(b.url, MONITOR, { id, key: 'canary-no-stream' }, alanOnB.token);
    await until(
      async () => !(await monitorIds(a.url, adaOnA.token, id)).includes(alanOnB.staffId),
      'the canary lease to expire',
    );
    expect(await monitorIds(a.url, adaOnA.token, id)).toEqual([adaOnA.staffId]);

    // B's window crashes: both instances sweep, Ada's monitoring stops exactly once.
    onB.socket.terminate();
    await until(
      async () => (await monitorIds(a.url, adaOnA.token, id)).length === 0,
      "Ada's last lease to expire",
    );
    const adaActions = (await gqlData(a.url, AUDIT, { id }, adaOnA.token)).auditTrail.edges
      .filter((e: { node: { actor: { id: string } } }) => e.node.actor.id === adaOnA.staffId)
      .map((e: { node: { action: string } }) => e.node.action);
    expect(adaActions).toEqual(['MONITOR_STOPPED', 'MONITOR_STARTED']);
  });
});
