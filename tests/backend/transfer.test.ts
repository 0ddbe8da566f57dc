import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../backend/auth/passwords';
import { newId } from '../../backend/domain/ids';
import { startEnquiry } from '../../backend/domain/visitors';
import type { RunningBackend } from '../../backend/index';
import {
  collect,
  DEMO_PASSWORD,
  errorCode,
  gql,
  gqlData,
  login,
  startTestBackend,
  wsClient,
  type GraphqlResponse,
  type Session,
} from '../support/backend-client';

/**
 * Transfer (issue 13, item 6): an administrator with the monitoring plan moves a Handling
 * enquiry to another online agent with capacity; hand back after a take-over is the same
 * move; an administrator who owns an enquiry closes it. Each in a tenant of its own
 * (`xfer`), so that the agents' load is known.
 */

const ROOM = `enquiry { id status version owner { id name } participants { id name } }
  messages(last: 20) { kind text }
  viewer { isOwner isParticipant }`;
const TRANSFER = `mutation ($id: ID!, $to: ID!, $key: String, $v: Int) {
  transferEnquiry(enquiryId: $id, toStaffId: $to, idempotencyKey: $key, expectedVersion: $v) { ${ROOM} } }`;
const TAKE_OVER = `mutation ($id: ID!) { takeOverEnquiry(enquiryId: $id) { enquiry { id owner { id } } } }`;
const CLOSE = `mutation ($id: ID!) { closeEnquiry(enquiryId: $id) { id status } }`;
const NOTIFICATIONS = `subscription ($after: String) { notifications(after: $after) { kind title body enquiryId actor { name } } }`;

let backend: RunningBackend;
let url: string;
const people = {} as Record<'ada' | 'alan' | 'linus' | 'grace' | 'margaret' | 'ken' | 'basil', Session>;
let visitors = 0;

async function addStaff(tenant: string, name: string, email: string, role: string): Promise<void> {
  await backend.services.store.query(
    `insert into staff (id, tenant_id, name, email, role, password_hash) values ($1, $2, $3, $4, $5, $6)`,
    [newId('stf'), tenant, name, email, role, await hashPassword(DEMO_PASSWORD)],
  );
}

beforeAll(async () => {
  backend = await startTestBackend();
  url = backend.url;
  await backend.services.store.query(
    `insert into tenants (id, name, plan, enquiry_monitoring) values ('xfer', 'Transfer Centre', 'enterprise', true)`,
  );
  await addStaff('xfer', 'Ada Lovelace', 'ada@xfer.test', 'ADMINISTRATOR');
  await addStaff('xfer', 'Alan Turing', 'alan@xfer.test', 'ADMINISTRATOR');
  await addStaff('xfer', 'Linus Torvalds', 'linus@xfer.test', 'AGENT');
  await addStaff('xfer', 'Grace Hopper', 'grace@xfer.test', 'AGENT');
  await addStaff('xfer', 'Margaret Hamilton', 'margaret@xfer.test', 'AGENT');
  await addStaff('xfer', 'Ken Thompson', 'ken@xfer.test', 'AGENT');
  const sessions = await Promise.all(
    (['ada', 'alan', 'linus', 'grace', 'margaret', 'ken'] as const).map(
      async (who) => [who, await login(url, 'xfer', `${who}@xfer.test`)] as const,
    ),
  );
  for (const [who, session] of sessions) people[who] = session;
  people.basil = await login(url, 'basic', 'basil@basic.test');
});

afterAll(async () => {
  await backend?.stop();
});

/** A new enquiry of `tenant`, picked up by `owner` (Handling). */
async function handledBy(owner: Session, tenant = 'xfer'): Promise<string> {
  const session = await startEnquiry(backend.services, backend.services.tokens, {
    tenant,
    visitorName: `Transfer visitor ${++visitors}`,
    text: 'Hello, can someone help?',
  });
  await gqlData(
    url,
    `mutation ($id: ID!) { pickUpEnquiry(enquiryId: $id) { enquiry { id } } }`,
    { id: session.enquiry.id },
    owner.token,
  );
  return session.enquiry.id;
}

const transfer = (
  who: Session,
  id: string,
  to: Session,
  extra: { key?: string; v?: number } = {},
): Promise<GraphqlResponse<any>> => gql(url, TRANSFER, { id, to: to.staffId, ...extra }, who.token);

const messageOf = (result: GraphqlResponse<unknown>): string => result.errors?.[0]?.message ?? '';

describe('who may transfer', () => {
  it('an administrator with the plan may; an agent, an administrator without the plan and another tenant may not', async () => {
    const id = await handledBy(people.grace);
    const agent = await transfer(people.linus, id, people.margaret);
    expect(errorCode(agent)).toBe('FORBIDDEN');
    expect(messageOf(agent)).toMatch(/administrators/i);
    const owner = await transfer(people.grace, id, people.margaret);
    expect(errorCode(owner)).toBe('FORBIDDEN');

    const basicEnquiry = await handledBy(await login(url, 'basic', 'bea@basic.test'), 'basic');
    const noPlan = await gql(
      url,
      TRANSFER,
      { id: basicEnquiry, to: people.margaret.staffId },
      people.basil.token,
    );
    expect(errorCode(noPlan)).toBe('PLAN_REQUIRED');

    // Another tenant's administrator (with the plan) does not see the enquiry at all.
    const demoAda = await login(url, 'demo', 'ada@demo.test');
    const foreign = await gql(url, TRANSFER, { id, to: people.margaret.staffId }, demoAda.token);
    expect(errorCode(foreign)).toBe('NOT_FOUND');
    // Nor may an agent of another tenant be the target.
    const demoLinus = await login(url, 'demo', 'linus@demo.test');
    const foreignTarget = await transfer(people.ada, id, demoLinus);
    expect(errorCode(foreignTarget)).toBe('NOT_FOUND');

    const done = await transfer(people.ada, id, people.margaret);
    expect(done.errors).toBeUndefined();
    expect(done.data.transferEnquiry.enquiry.owner.name).toBe('Margaret Hamilton');
  });
});

describe('to whom', () => {
  it('refuses an offline or away agent, an agent at capacity, an administrator and the owner, saying why', async () => {
    const id = await handledBy(people.grace);

    await gqlData(url, `mutation { setPresence(presence: OFFLINE) { id } }`, {}, people.ken.token);
    const offline = await transfer(people.ada, id, people.ken);
    expect(errorCode(offline)).toBe('INVALID_STATE');
    expect(messageOf(offline)).toMatch(/Ken Thompson is offline/);
    await gqlData(url, `mutation { setPresence(presence: AWAY) { id } }`, {}, people.ken.token);
    const away = await transfer(people.ada, id, people.ken);
    expect(messageOf(away)).toMatch(/Ken Thompson is away/);
    await gqlData(url, `mutation { setPresence(presence: ONLINE) { id } }`, {}, people.ken.token);

    const admin = await transfer(people.ada, id, people.alan);
    expect(errorCode(admin)).toBe('INVALID_STATE');
    expect(messageOf(admin)).toMatch(/Alan Turing is an administrator/);
    const self = await transfer(people.ada, id, people.ada);
    expect(errorCode(self)).toBe('INVALID_STATE');
    const owner = await transfer(people.ada, id, people.grace);
    expect(errorCode(owner)).toBe('INVALID_STATE');
    expect(messageOf(owner)).toMatch(/already owns/);

    // Linus handles three enquiries (the default capacity): a fourth is refused.
    for (let i = 0; i < 3; i++) await handledBy(people.linus);
    const full = await transfer(people.ada, id, people.linus);
    expect(errorCode(full)).toBe('INVALID_STATE');
    expect(messageOf(full)).toMatch(/Linus Torvalds already handles 3 enquiries.*capacity of 3/);

    // An agent's own capacity (a tenant setting) counts instead of the default.
    await backend.services.store.query('update staff set capacity = 4 where id = $1', [people.linus.staffId]);
    const roomier = await transfer(people.ada, await handledBy(people.grace), people.linus);
    expect(roomier.data.transferEnquiry.enquiry.owner.name).toBe('Linus Torvalds');
    const fullAgain = await transfer(people.ada, id, people.linus);
    expect(messageOf(fullAgain)).toMatch(/already handles 4 enquiries.*capacity of 4/);

    // Ken, online with nothing in hand, takes it.
    const ok = await transfer(people.ada, id, people.ken);
    expect(ok.data.transferEnquiry.enquiry.owner.name).toBe('Ken Thompson');
  });

  it('refuses an enquiry not being handled, one in a call, and a stale expectedVersion', async () => {
    const open = await startEnquiry(backend.services, backend.services.tokens, {
      tenant: 'xfer',
      visitorName: `Transfer visitor ${++visitors}`,
      text: 'Hi',
    });
    const notHandling = await transfer(people.ada, open.enquiry.id, people.margaret);
    expect(errorCode(notHandling)).toBe('INVALID_STATE');

    const id = await handledBy(people.grace);
    await gqlData(
      url,
      `mutation ($id: ID!) { startCall(enquiryId: $id, kind: ONE_TO_ONE) { id } }`,
      { id },
      people.grace.token,
    );
    const inCall = await transfer(people.ada, id, people.margaret);
    expect(errorCode(inCall)).toBe('CALL_IN_PROGRESS');
    const ended = await gqlData(
      url,
      `mutation ($id: ID!) { endCall(enquiryId: $id) { version } }`,
      { id },
      people.grace.token,
    );
    const stale = await transfer(people.ada, id, people.margaret, { v: ended.endCall.version - 1 });
    expect(errorCode(stale)).toBe('CONFLICT');
    expect(stale.errors?.[0]?.extensions?.['owner']).toMatchObject({ name: 'Grace Hopper' });
    const current = await transfer(people.ada, id, people.margaret, { v: ended.endCall.version });
    expect(current.data.transferEnquiry.enquiry.owner.name).toBe('Margaret Hamilton');
  });
});

describe('a transfer', () => {
  it('posts a system message, tells the new and the previous owner, and reaches board and room streams', async () => {
    const id = await handledBy(people.grace);
    const toGrace = wsClient(url, () => people.grace.token);
    const alanBoard = wsClient(url, () => people.alan.token);
    const clients = [toGrace, alanBoard];
    // A new agent with empty hands receives it (the capacity test filled Linus's).
    await addStaff('xfer', 'Dennis Ritchie', 'dennis@xfer.test', 'AGENT');
    const dennis = await login(url, 'xfer', 'dennis@xfer.test');
    const toDennis = wsClient(url, () => dennis.token);
    clients.push(toDennis);
    try {
      const room = await gqlData(
        url,
        `query ($id: ID!) { room(enquiryId: $id) { cursor } }`,
        { id },
        people.ada.token,
      );
      // Every stream starts at the room's cursor: what happens after it is replayed or live, never missed.
      const after = { after: room.room.cursor };
      const newOwner = collect(toDennis, NOTIFICATIONS, after, (d) => d.notifications);
      const previousOwner = collect(toGrace, NOTIFICATIONS, after, (d) => d.notifications);
      const board = collect(
        alanBoard,
        `subscription ($after: String) { boardEvents(after: $after) { type actor { name } enquiry { id owner { name } } } }`,
        { after: room.room.cursor },
        (d) => d.boardEvents,
      );
      const roomEvents = collect(
        alanBoard,
        `subscription ($id: ID!, $after: String) { roomEvents(enquiryId: $id, after: $after) { type enquiry { owner { name } } message { kind text } } }`,
        { id, after: room.room.cursor },
        (d) => d.roomEvents,
      );
      const moved = await transfer(people.ada, id, dennis, { key: 'transfer-key-0001' });
      expect(moved.errors).toBeUndefined();
      const result = moved.data.transferEnquiry;
      expect(result.enquiry.owner.name).toBe('Dennis Ritchie');
      expect(result.enquiry.participants.map((p: { name: string }) => p.name)).toEqual(['Dennis Ritchie']);
      expect(result.messages.at(-1)).toEqual({
        kind: 'SYSTEM',
        text: 'Ada Lovelace transferred the enquiry to Dennis Ritchie.',
      });

      await newOwner.until(1);
      expect(newOwner.items[0]).toMatchObject({
        kind: 'ENQUIRY_TRANSFERRED',
        enquiryId: id,
        actor: { name: 'Ada Lovelace' },
      });
      expect(newOwner.items[0].title).toMatch(/transferred an enquiry to you/);
      await previousOwner.until(1);
      expect(previousOwner.items[0]).toMatchObject({ kind: 'ENQUIRY_TRANSFERRED', enquiryId: id });
      expect(previousOwner.items[0].body).toMatch(/to Dennis Ritchie/);

      await board.until(1);
      expect(board.items[0]).toMatchObject({
        type: 'ENQUIRY_TRANSFERRED',
        actor: { name: 'Ada Lovelace' },
        enquiry: { id, owner: { name: 'Dennis Ritchie' } },
      });
      await roomEvents.until(1);
      expect(roomEvents.items[0]).toMatchObject({
        type: 'ENQUIRY_TRANSFERRED',
        enquiry: { owner: { name: 'Dennis Ritchie' } },
        message: { kind: 'SYSTEM', text: 'Ada Lovelace transferred the enquiry to Dennis Ritchie.' },
      });

      // A retried click (same key) is answered with the room: no second message, no second event.
      const retried = await transfer(people.ada, id, dennis, { key: 'transfer-key-0001' });
      expect(retried.errors).toBeUndefined();
      const messages = await gqlData(
        url,
        `query ($id: ID!) { room(enquiryId: $id) { messages(last: 50) { text } } }`,
        { id },
        people.ada.token,
      );
      expect(
        messages.room.messages.filter((m: { text: string }) => m.text.includes('transferred')),
      ).toHaveLength(1);
      // The previous owner is out of the room: she may no longer read it.
      const graceRoom = await gql(
        url,
        `query ($id: ID!) { room(enquiryId: $id) { cursor } }`,
        { id },
        people.grace.token,
      );
      expect(graceRoom.data?.room ?? null).toBeNull();
      if (graceRoom.errors) expect(['FORBIDDEN', 'NOT_FOUND']).toContain(errorCode(graceRoom));
      for (const stream of [newOwner, previousOwner, board, roomEvents]) stream.dispose();
    } finally {
      await Promise.all(clients.map((c) => c.dispose()));
    }
  });

  it('hands an enquiry back after a take-over: the administrator transfers it to an agent', async () => {
    const id = await handledBy(people.margaret);
    await gqlData(url, TAKE_OVER, { id }, people.ada.token);
    const back = await transfer(people.ada, id, people.margaret);
    expect(back.errors).toBeUndefined();
    const room = back.data.transferEnquiry;
    expect(room.enquiry.owner.name).toBe('Margaret Hamilton');
    // The administrator handed it back and is no longer in the room; Margaret owns it again.
    expect(room.enquiry.participants.map((p: { name: string }) => p.name)).toEqual(['Margaret Hamilton']);
    expect(room.viewer).toEqual({ isOwner: false, isParticipant: false });
    expect(room.messages.at(-1).text).toBe('Ada Lovelace transferred the enquiry to Margaret Hamilton.');
    // Margaret may close it again as its owner.
    const closed = await gqlData(url, CLOSE, { id }, people.margaret.token);
    expect(closed.closeEnquiry.status).toBe('CLOSED');
  });
});

describe('close by an administrator', () => {
  it('an administrator who took over closes the enquiry; one who does not own it may not', async () => {
    const id = await handledBy(people.grace);
    const notOwner = await gql(url, CLOSE, { id }, people.ada.token);
    expect(errorCode(notOwner)).toBe('FORBIDDEN');
    expect(messageOf(notOwner)).toMatch(/Take it over first/);
    await gqlData(url, TAKE_OVER, { id }, people.ada.token);
    const otherAdmin = await gql(url, CLOSE, { id }, people.alan.token);
    expect(errorCode(otherAdmin)).toBe('FORBIDDEN');
    const formerOwner = await gql(url, CLOSE, { id }, people.grace.token);
    expect(errorCode(formerOwner)).toBe('FORBIDDEN');
    const closed = await gqlData(url, CLOSE, { id }, people.ada.token);
    expect(closed.closeEnquiry.status).toBe('CLOSED');
  });
});

describe('audit', () => {
  it('records transfers and administrators’ closes with actor, target and time; not an agent’s routine close', async () => {
    const started = Date.now();
    const moved = await handledBy(people.grace);
    await transfer(people.ada, moved, people.margaret);
    const taken = await handledBy(people.grace);
    await gqlData(url, TAKE_OVER, { id: taken }, people.alan.token);
    await gqlData(url, CLOSE, { id: taken }, people.alan.token);
    const routine = await handledBy(people.grace);
    await gqlData(url, CLOSE, { id: routine }, people.grace.token);

    const trail = await gqlData(
      url,
      `{ auditTrail(first: 100) { edges { node { action actor { name } enquiryId at detail } } } }`,
      {},
      people.ada.token,
    );
    const entries = trail.auditTrail.edges.map((e: { node: any }) => e.node);
    const transferEntry = entries.find(
      (e: any) => e.action === 'ENQUIRY_TRANSFERRED' && e.enquiryId === moved,
    );
    expect(transferEntry).toMatchObject({
      actor: { name: 'Ada Lovelace' },
      detail: 'to Margaret Hamilton from Grace Hopper',
    });
    expect(Date.parse(transferEntry.at)).toBeGreaterThanOrEqual(started - 1000);
    const closeEntry = entries.find((e: any) => e.action === 'ENQUIRY_CLOSED' && e.enquiryId === taken);
    expect(closeEntry).toMatchObject({ actor: { name: 'Alan Turing' } });
    expect(Date.parse(closeEntry.at)).toBeGreaterThanOrEqual(started - 1000);
    expect(entries.some((e: any) => e.action === 'ENQUIRY_CLOSED' && e.enquiryId === routine)).toBe(false);
  });
});
