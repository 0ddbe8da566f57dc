import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveMetricsTiming } from '../../backend/events/live-metrics';
import type { RunningBackend } from '../../backend/index';
import { typeDefs } from '../../shared/graphql/schema';
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
import { createTenant, insertEnquiry } from '../support/tenant-world';

/**
 * The Agents region's data (issue 13, item 2): every agent with presence and since when,
 * chats in hand against capacity; live through the liveMetrics subscription (its `agents`),
 * with no clock-driven refresh in this file; agents set only their own presence.
 */

const AGENTS = `{ agents { agent { id name } presence presenceSince chatsInHand capacity } }`;
const LIVE = `subscription { liveMetrics { agentsOnline agents { agent { name } presence presenceSince chatsInHand capacity } } }`;
const SET_PRESENCE = `mutation ($p: Presence!) { setPresence(presence: $p) { id presence } }`;

let backend: RunningBackend;
let url: string;
let ids: Map<string, string>;
let olga: Session;
let dan: Session;
let eve: Session;
let started: number;

beforeAll(async () => {
  liveMetricsTiming.refreshMs = 3_600_000;
  backend = await startTestBackend();
  url = backend.url;
  started = Date.now();
  ids = await createTenant(backend, 'agents', [
    { name: 'Olga Admin', email: 'olga@agents.test', role: 'ADMINISTRATOR' },
    { name: 'Dan Agent', email: 'dan@agents.test', role: 'AGENT' },
    { name: 'Eve Agent', email: 'eve@agents.test', role: 'AGENT' },
  ]);
  const now = Date.now();
  for (const minutesAgo of [5, 10]) {
    await insertEnquiry(backend, 'agents', {
      status: 'HANDLING',
      waitingSince: new Date(now - minutesAgo * 60_000 - 20_000),
      pickedUpAt: new Date(now - minutesAgo * 60_000),
      ownerId: ids.get('dan@agents.test')!,
    });
  }
  // A closed one is not in hand.
  await insertEnquiry(backend, 'agents', {
    status: 'CLOSED',
    waitingSince: new Date(now - 30 * 60_000),
    pickedUpAt: new Date(now - 29 * 60_000),
    closedAt: new Date(now - 20 * 60_000),
    ownerId: ids.get('eve@agents.test')!,
  });
  [olga, dan, eve] = await Promise.all([
    login(url, 'agents', 'olga@agents.test'),
    login(url, 'agents', 'dan@agents.test'),
    login(url, 'agents', 'eve@agents.test'),
  ]);
});

afterAll(async () => {
  liveMetricsTiming.refreshMs = 5_000;
  await backend?.stop();
});

describe('agents', () => {
  it('lists every agent with presence, since when, chats in hand and capacity', async () => {
    const agents = (await gqlData(url, AGENTS, {}, olga.token)).agents;
    expect(agents.map((a: any) => [a.agent.name, a.presence, a.chatsInHand, a.capacity])).toEqual([
      ['Dan Agent', 'ONLINE', 2, 3],
      ['Eve Agent', 'ONLINE', 0, 3],
    ]);
    for (const a of agents) expect(Date.parse(a.presenceSince)).toBeLessThanOrEqual(Date.now());
  });

  it('follows a capacity set for one agent and the default for the others', async () => {
    await gqlData(
      url,
      `mutation ($d: ID!) { updateTenantSettings(defaultAgentCapacity: 4, agentCapacities: [{ staffId: $d, capacity: 2 }]) { defaultAgentCapacity } }`,
      { d: ids.get('dan@agents.test') },
      olga.token,
    );
    const agents = (await gqlData(url, AGENTS, {}, olga.token)).agents;
    expect(agents.map((a: any) => [a.agent.name, a.capacity])).toEqual([
      ['Dan Agent', 2],
      ['Eve Agent', 4],
    ]);
  });

  it('is for administrators with the monitoring plan', async () => {
    expect(errorCode(await gql(url, AGENTS, {}, dan.token))).toBe('FORBIDDEN');
    const basil = await login(url, 'basic', 'basil@basic.test');
    expect(errorCode(await gql(url, AGENTS, {}, basil.token))).toBe('PLAN_REQUIRED');
    expect(errorCode(await gql(url, AGENTS))).toBe('UNAUTHENTICATED');
  });

  it('lets a staff member set only her own presence, and records since when', async () => {
    // The mutation names no one: there is no one else's presence to set.
    expect(/setPresence\(presence: Presence!\): Staff!/.test(typeDefs)).toBe(true);
    const before = Date.now();
    const set = await gqlData(url, SET_PRESENCE, { p: 'BUSY' }, eve.token);
    expect(set.setPresence).toEqual({ id: ids.get('eve@agents.test'), presence: 'BUSY' });
    const agents = (await gqlData(url, AGENTS, {}, olga.token)).agents;
    const eveNow = agents.find((a: any) => a.agent.name === 'Eve Agent');
    const danNow = agents.find((a: any) => a.agent.name === 'Dan Agent');
    expect(eveNow.presence).toBe('BUSY');
    expect(Date.parse(eveNow.presenceSince)).toBeGreaterThanOrEqual(before - 1000);
    expect(danNow.presence).toBe('ONLINE');
    expect(Date.parse(danNow.presenceSince)).toBeLessThan(before);
    expect(Date.parse(danNow.presenceSince)).toBeGreaterThanOrEqual(started - 60_000);
    // The same presence again changes nothing, not even since when.
    await gqlData(url, SET_PRESENCE, { p: 'BUSY' }, eve.token);
    const again = (await gqlData(url, AGENTS, {}, olga.token)).agents.find(
      (a: any) => a.agent.name === 'Eve Agent',
    );
    expect(again.presenceSince).toBe(eveNow.presenceSince);
    expect(errorCode(await gql(url, SET_PRESENCE, { p: 'ASLEEP' }, eve.token))).toBe('BAD_USER_INPUT');
  });

  it('reaches administrators live when presence and chats in hand change', async () => {
    const socket = wsClient(url, () => olga.token);
    const seen = collect(socket, LIVE, {}, (d) => d.liveMetrics);
    const eveOf = (m: any) => m.agents.find((a: any) => a.agent.name === 'Eve Agent');
    try {
      await seen.until(1);
      await gqlData(url, SET_PRESENCE, { p: 'AWAY' }, eve.token);
      await waitFor(seen, (m) => eveOf(m).presence === 'AWAY', 'Eve away');
      await gqlData(url, SET_PRESENCE, { p: 'ONLINE' }, eve.token);
      await waitFor(seen, (m) => eveOf(m).presence === 'ONLINE' && m.agentsOnline === 2, 'Eve online');

      const opened = await gqlData(
        url,
        `mutation { startEnquiry(tenant: "agents", visitorName: "Walt Live") { enquiry { id } } }`,
      );
      await gqlData(
        url,
        `mutation ($id: ID!) { pickUpEnquiry(enquiryId: $id) { cursor } }`,
        { id: opened.startEnquiry.enquiry.id },
        eve.token,
      );
      await waitFor(seen, (m) => eveOf(m).chatsInHand === 1, 'Eve holding the new chat');
      await gqlData(
        url,
        `mutation ($id: ID!) { closeEnquiry(enquiryId: $id) { id } }`,
        { id: opened.startEnquiry.enquiry.id },
        eve.token,
      );
      await waitFor(
        seen,
        (m) =>
          eveOf(m).chatsInHand === 0 &&
          seen.items.indexOf(m) > seen.items.findIndex((x) => eveOf(x).chatsInHand === 1),
        'Eve free again',
      );
    } finally {
      seen.dispose();
      await socket.dispose();
    }
  });
});

async function waitFor(
  stream: { items: any[]; until(n: number, timeoutMs?: number): Promise<void> },
  test: (item: any) => boolean,
  what: string,
): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!stream.items.some(test)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await stream.until(stream.items.length + 1, Math.max(1, deadline - Date.now())).catch(() => undefined);
  }
}
