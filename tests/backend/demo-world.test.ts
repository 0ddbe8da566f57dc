import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoWorld } from '../../backend/demo/seed';
import { agentsWithRoom } from '../../backend/demo/simulator';
import type { RunningBackend } from '../../backend/index';
import { enquiryByVisitor, gqlData, login, startTestBackend, type Session } from '../support/backend-client';

/**
 * The demo world is one where the supervisor's day can be tried (issue 13): its agents are
 * online and below their capacity (4 of 6), so a transfer has somewhere to go; a world seeded
 * before the demo tenant had its own capacity gets it once; the simulator picks up only for an
 * agent who is online and has room.
 */

const AGENTS = `{ agents { agent { id name } presence chatsInHand capacity } }`;
const SETTINGS = `{ tenantSettings { defaultAgentCapacity } }`;

let backend: RunningBackend;
let ada: Session;
let basil: Session;

beforeAll(async () => {
  backend = await startTestBackend();
  [ada, basil] = await Promise.all([
    login(backend.url, 'demo', 'ada@demo.test'),
    login(backend.url, 'basic', 'basil@basic.test'),
  ]);
});

afterAll(async () => {
  await backend?.stop();
});

const capacityOf = async (tenant: string): Promise<number> => {
  const [row] = await backend.services.store.query<{ c: number }>(
    'select default_agent_capacity as c from tenants where id = $1',
    [tenant],
  );
  return Number(row!.c);
};

describe('demo world', () => {
  it('starts with every demo agent online, handling 4 enquiries of a capacity of 6', async () => {
    const { agents } = await gqlData(backend.url, AGENTS, {}, ada.token);
    expect(agents.map((a: any) => [a.agent.name, a.presence, a.chatsInHand, a.capacity])).toEqual([
      ['Grace Hopper', 'ONLINE', 4, 6],
      ['Linus Torvalds', 'ONLINE', 4, 6],
      ['Margaret Hamilton', 'ONLINE', 4, 6],
    ]);
    expect((await gqlData(backend.url, SETTINGS, {}, ada.token)).tenantSettings.defaultAgentCapacity).toBe(6);
    // The tenant without the monitoring plan keeps the schema's default.
    expect(await capacityOf('basic')).toBe(3);
    expect((await gqlData(backend.url, SETTINGS, {}, basil.token)).tenantSettings.defaultAgentCapacity).toBe(
      3,
    );
  });

  it('lets an administrator transfer a seeded enquiry to another demo agent', async () => {
    const hannah = await enquiryByVisitor(backend.url, ada.token, 'HANDLING', 'Hannah Schmidt');
    expect(hannah.owner?.name).toBe('Grace Hopper');
    const { agents } = await gqlData(backend.url, AGENTS, {}, ada.token);
    const linus = agents.find((a: any) => a.agent.name === 'Linus Torvalds').agent.id;
    const moved = await gqlData(
      backend.url,
      `mutation ($id: ID!, $to: ID!) { transferEnquiry(enquiryId: $id, toStaffId: $to) { enquiry { owner { name } } } }`,
      { id: hannah.id, to: linus },
      ada.token,
    );
    expect(moved.transferEnquiry.enquiry.owner.name).toBe('Linus Torvalds');
  });

  it('gives a world seeded before it the demo capacity once, and keeps a capacity chosen since', async () => {
    const forget = () => backend.services.store.query(`delete from meta where key = 'demo-capacity:demo'`);
    const setCapacity = (c: number) =>
      backend.services.store.query(`update tenants set default_agent_capacity = $1 where id = 'demo'`, [c]);

    // Seeded by an earlier version: the schema's 3, no marker.
    await forget();
    await setCapacity(3);
    await seedDemoWorld(backend.services);
    expect(await capacityOf('demo')).toBe(6);

    // Once given, a later start keeps what an administrator set, 3 included.
    await setCapacity(3);
    await seedDemoWorld(backend.services);
    expect(await capacityOf('demo')).toBe(3);

    // An earlier world whose administrator chose another capacity keeps it.
    await forget();
    await setCapacity(4);
    await seedDemoWorld(backend.services);
    expect(await capacityOf('demo')).toBe(4);
    await setCapacity(6);
  });

  it('lets the simulator pick up only for agents who are online and below their capacity', async () => {
    const ids = new Map(
      (
        await backend.services.store.query<{ id: string; email: string }>(
          `select id, email from staff where tenant_id = 'demo' and role = 'AGENT'`,
        )
      ).map((row) => [row.email, row.id]),
    );
    const grace = ids.get('grace@demo.test')!;
    const linus = ids.get('linus@demo.test')!;
    const margaret = ids.get('margaret@demo.test')!;
    expect(await agentsWithRoom(backend.services, 'demo')).toEqual(new Set([grace, linus, margaret]));
    try {
      await backend.services.store.query(`update staff set presence = 'AWAY' where id = $1`, [margaret]);
      // Linus handles 5 now (the transfer above): his own capacity of 5 leaves him no room.
      await backend.services.store.query('update staff set capacity = 5 where id = $1', [linus]);
      expect(await agentsWithRoom(backend.services, 'demo')).toEqual(new Set([grace]));
    } finally {
      await backend.services.store.query(`update staff set presence = 'ONLINE' where id = $1`, [margaret]);
      await backend.services.store.query('update staff set capacity = null where id = $1', [linus]);
    }
  });
});
