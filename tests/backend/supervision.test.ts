import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../../backend/index';
import {
  collect,
  enquiryByVisitor,
  errorCode,
  gql,
  gqlData,
  login,
  startTestBackend,
  wsClient,
  type Session,
} from '../support/backend-client';

const ROOM = `viewer { isOwner isParticipant isMonitoring canJoin canTakeOver canGoToChatRoom canProceed canLeave blockedCode blockedReason }
  enquiry { id version parties owner { id name } participants { id name } monitors { id } call status }
  messages(last: 20) { kind text author { kind name } }
  cursor`;
const JOIN = `mutation ($id: ID!, $key: String) { joinEnquiry(enquiryId: $id, idempotencyKey: $key) { ${ROOM} } }`;
const TAKE_OVER = `mutation ($id: ID!, $key: String, $v: Int) { takeOverEnquiry(enquiryId: $id, idempotencyKey: $key, expectedVersion: $v) { ${ROOM} } }`;
const MONITOR = `mutation ($id: ID!) { monitorEnquiry(enquiryId: $id) { ${ROOM} } }`;
const LEAVE = `mutation ($id: ID!) { leaveEnquiry(enquiryId: $id) { ${ROOM} } }`;
const ROOM_QUERY = `query ($id: ID!) { room(enquiryId: $id) { ${ROOM} } }`;
const NOTIFICATIONS = `subscription ($after: String) { notifications(after: $after) { cursor kind title body enquiryId actor { name } } }`;

let backend: RunningBackend;
let url: string;
let ada: Session;
let alan: Session;
let grace: Session;
let linus: Session;
let margaret: Session;

beforeAll(async () => {
  backend = await startTestBackend();
  url = backend.url;
  [ada, alan, grace, linus, margaret] = await Promise.all([
    login(url, 'demo', 'ada@demo.test'),
    login(url, 'demo', 'alan@demo.test'),
    login(url, 'demo', 'grace@demo.test'),
    login(url, 'demo', 'linus@demo.test'),
    login(url, 'demo', 'margaret@demo.test'),
  ]);
});

afterAll(async () => {
  await backend?.stop();
});

describe('monitor', () => {
  it('lets an admin watch a Handling enquiry and records it', async () => {
    const enquiry = await enquiryByVisitor(url, ada.token, 'HANDLING', 'Mateo Rossi');
    const data = await gqlData(url, MONITOR, { id: enquiry.id }, ada.token);
    const room = data.monitorEnquiry;
    expect(room.viewer).toMatchObject({
      isMonitoring: true,
      isParticipant: false,
      isOwner: false,
      canJoin: true,
      canTakeOver: true,
    });
    expect(room.enquiry.monitors.map((m: { id: string }) => m.id)).toContain(ada.staffId);
    expect(room.messages.length).toBeGreaterThan(0);
    const stopped = await gqlData(
      url,
      `mutation ($id: ID!) { stopMonitoring(enquiryId: $id) }`,
      { id: enquiry.id },
      ada.token,
    );
    expect(stopped.stopMonitoring).toBe(true);
    const again = await gqlData(
      url,
      `mutation ($id: ID!) { stopMonitoring(enquiryId: $id) }`,
      { id: enquiry.id },
      ada.token,
    );
    expect(again.stopMonitoring).toBe(false);
  });

  it('refuses an agent (FORBIDDEN) and an admin whose plan lacks monitoring (PLAN_REQUIRED)', async () => {
    const enquiry = await enquiryByVisitor(url, ada.token, 'HANDLING', 'Mateo Rossi');
    expect(errorCode(await gql(url, MONITOR, { id: enquiry.id }, grace.token))).toBe('FORBIDDEN');
    const basil = await login(url, 'basic', 'basil@basic.test');
    const basicEnquiry = await enquiryByVisitor(url, basil.token, 'HANDLING', 'Gwen Stacy');
    const refused = await gql(url, MONITOR, { id: basicEnquiry.id }, basil.token);
    expect(errorCode(refused)).toBe('PLAN_REQUIRED');
    expect(refused.errors?.[0]?.message).toMatch(/plan/i);
    expect(errorCode(await gql(url, JOIN, { id: basicEnquiry.id }, basil.token))).toBe('PLAN_REQUIRED');
    expect(errorCode(await gql(url, TAKE_OVER, { id: basicEnquiry.id }, basil.token))).toBe('PLAN_REQUIRED');
    expect(errorCode(await gql(url, ROOM_QUERY, { id: basicEnquiry.id }, basil.token))).toBe('PLAN_REQUIRED');
  });

  it("answers NOT_FOUND for another tenant's enquiry and never its data", async () => {
    const basil = await login(url, 'basic', 'basil@basic.test');
    const foreign = await enquiryByVisitor(url, basil.token, 'HANDLING', 'Miles Morales');
    for (const query of [MONITOR, JOIN, TAKE_OVER, LEAVE]) {
      const result = await gql(url, query, { id: foreign.id }, ada.token);
      expect(errorCode(result)).toBe('NOT_FOUND');
      expect(result.data ?? null).toBeNull();
    }
    const direct = await gqlData(
      url,
      `query ($id: ID!) { enquiry(id: $id) { id } room(enquiryId: $id) { cursor } }`,
      { id: foreign.id },
      ada.token,
    );
    expect(direct).toEqual({ enquiry: null, room: null });
  });
});

describe('join', () => {
  it('makes the admin a participant (not the owner), posts a system message and tells the agent', async () => {
    const enquiry = await enquiryByVisitor(url, ada.token, 'HANDLING', 'Hannah Schmidt');
    const client = wsClient(url, () => grace.token);
    const toasts = collect(client, NOTIFICATIONS, {}, (d) => d.notifications);
    await gqlData(url, `query { me { id } }`, {}, grace.token);
    // The subscription is live once a notification for an earlier event could be replayed;
    // subscribe from the board's current cursor so nothing before it is replayed.
    const cursor = (
      await gqlData(url, `{ enquiryOverview(column: HANDLING, first: 1) { boardCursor } }`, {}, ada.token)
    ).enquiryOverview.boardCursor as string;
    toasts.dispose();
    const live = collect(client, NOTIFICATIONS, { after: cursor }, (d) => d.notifications);

    const room = (await gqlData(url, JOIN, { id: enquiry.id, key: 'join-hannah-0001' }, ada.token))
      .joinEnquiry;
    expect(room.viewer).toMatchObject({
      isParticipant: true,
      isOwner: false,
      canGoToChatRoom: true,
      canProceed: false,
      canTakeOver: true,
    });
    expect(room.enquiry.owner.id).toBe(grace.staffId);
    expect(room.enquiry.parties).toBeGreaterThanOrEqual(3);
    const system = room.messages
      .filter((m: { kind: string }) => m.kind === 'SYSTEM')
      .map((m: { text: string }) => m.text);
    expect(system).toContain('Ada Lovelace (administrator) joined the enquiry.');

    await live.until(1);
    expect(live.items[0]).toMatchObject({
      kind: 'ADMIN_JOINED',
      enquiryId: enquiry.id,
      actor: { name: 'Ada Lovelace' },
    });
    expect(live.items[0].body).toContain('Hannah Schmidt');
    live.dispose();
    await client.dispose();

    // A retried click with the same key changes nothing and posts no second system message.
    const retried = (await gqlData(url, JOIN, { id: enquiry.id, key: 'join-hannah-0001' }, ada.token))
      .joinEnquiry;
    const joinedLines = retried.messages.filter((m: { text: string }) =>
      m.text.includes('joined the enquiry'),
    );
    expect(joinedLines).toHaveLength(1);
    expect(retried.enquiry.version).toBe(room.enquiry.version);
  });

  it('lets a joined admin leave, and refuses the owner leaving', async () => {
    const enquiry = await enquiryByVisitor(url, ada.token, 'HANDLING', 'Aiko Tanaka');
    await gqlData(url, JOIN, { id: enquiry.id }, alan.token);
    const left = (await gqlData(url, LEAVE, { id: enquiry.id }, alan.token)).leaveEnquiry;
    expect(left.viewer.isParticipant).toBe(false);
    expect(left.messages.at(-1).text).toBe('Alan Turing (administrator) left the enquiry.');
    expect(errorCode(await gql(url, LEAVE, { id: enquiry.id }, alan.token))).toBe('INVALID_STATE');
    expect(errorCode(await gql(url, LEAVE, { id: enquiry.id }, margaret.token))).toBe('INVALID_STATE');
  });
});

describe('take over', () => {
  it('makes the admin the owner; the previous owner stays a participant and is told', async () => {
    const enquiry = await enquiryByVisitor(url, ada.token, 'HANDLING', 'Ravi Kumar');
    const client = wsClient(url, () => linus.token);
    const cursor = (
      await gqlData(url, `{ enquiryOverview(column: HANDLING, first: 1) { boardCursor } }`, {}, ada.token)
    ).enquiryOverview.boardCursor as string;
    const toasts = collect(client, NOTIFICATIONS, { after: cursor }, (d) => d.notifications);

    const room = (await gqlData(url, TAKE_OVER, { id: enquiry.id, key: 'take-ravi-00001' }, ada.token))
      .takeOverEnquiry;
    expect(room.viewer).toMatchObject({
      isOwner: true,
      isParticipant: true,
      canProceed: true,
      canGoToChatRoom: false,
      canTakeOver: false,
    });
    expect(room.enquiry.owner.id).toBe(ada.staffId);
    expect(room.enquiry.participants.map((p: { id: string }) => p.id)).toEqual(
      expect.arrayContaining([linus.staffId, ada.staffId]),
    );
    expect(room.messages.at(-1)).toMatchObject({
      kind: 'SYSTEM',
      text: 'Ada Lovelace (administrator) took over the enquiry from Linus Torvalds.',
    });
    await toasts.until(1);
    expect(toasts.items[0]).toMatchObject({ kind: 'TAKEN_OVER', enquiryId: enquiry.id });
    const previousOwnerView = (await gqlData(url, ROOM_QUERY, { id: enquiry.id }, linus.token)).room;
    expect(previousOwnerView.viewer).toMatchObject({ isOwner: false, isParticipant: true });
    const stillWrites = await gql(
      url,
      `mutation ($id: ID!) { sendMessage(enquiryId: $id, text: "Handing over to Ada") { id } }`,
      { id: enquiry.id },
      linus.token,
    );
    expect(stillWrites.errors).toBeUndefined();
    toasts.dispose();
    await client.dispose();

    // A retried click (same key) is answered again and posts nothing; a second take-over is a conflict.
    const again = (await gqlData(url, TAKE_OVER, { id: enquiry.id, key: 'take-ravi-00001' }, ada.token))
      .takeOverEnquiry;
    expect(again.enquiry.version).toBe(room.enquiry.version);
    const second = await gql(url, TAKE_OVER, { id: enquiry.id }, ada.token);
    expect(errorCode(second)).toBe('CONFLICT');
    expect(second.errors?.[0]?.message).toMatch(/Proceed/);

    // Another admin finds it taken: CONFLICT naming the owner.
    const refused = await gql(url, TAKE_OVER, { id: enquiry.id }, alan.token);
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors?.[0]?.extensions?.['owner']).toEqual({ id: ada.staffId, name: 'Ada Lovelace' });
    const alanView = (await gqlData(url, ROOM_QUERY, { id: enquiry.id }, alan.token)).room;
    expect(alanView.viewer).toMatchObject({ canTakeOver: false, blockedCode: 'CONFLICT' });
    // ...unless they deliberately name the version they saw.
    const deliberate = (
      await gqlData(url, TAKE_OVER, { id: enquiry.id, v: alanView.enquiry.version }, alan.token)
    ).takeOverEnquiry;
    expect(deliberate.enquiry.owner.id).toBe(alan.staffId);
    const stale = await gql(url, TAKE_OVER, { id: enquiry.id, v: alanView.enquiry.version }, ada.token);
    expect(errorCode(stale)).toBe('CONFLICT');
  });

  it('refuses an agent', async () => {
    const enquiry = await enquiryByVisitor(url, ada.token, 'HANDLING', 'Yusuf Demir');
    const refused = await gql(url, TAKE_OVER, { id: enquiry.id }, grace.token);
    expect(errorCode(refused)).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toMatch(/administrator/i);
    expect(errorCode(await gql(url, JOIN, { id: enquiry.id }, grace.token))).toBe('FORBIDDEN');
  });
});

describe('calls', () => {
  it('refuses join and take over during a 1-to-1 call and a conference call, and allows them after', async () => {
    for (const [visitor, kind] of [
      ['Liam OBrien', /1-to-1 call/],
      ['Sofia Alvarez', /conference call/],
    ] as const) {
      const enquiry = await enquiryByVisitor(url, ada.token, 'HANDLING', visitor);
      const join = await gql(url, JOIN, { id: enquiry.id }, ada.token);
      expect(errorCode(join)).toBe('CALL_IN_PROGRESS');
      expect(join.errors?.[0]?.message).toMatch(kind);
      expect(errorCode(await gql(url, TAKE_OVER, { id: enquiry.id }, ada.token))).toBe('CALL_IN_PROGRESS');
      const watched = (await gqlData(url, MONITOR, { id: enquiry.id }, ada.token)).monitorEnquiry;
      expect(watched.viewer).toMatchObject({
        canJoin: false,
        canTakeOver: false,
        blockedCode: 'CALL_IN_PROGRESS',
      });
      expect(watched.viewer.blockedReason).toMatch(kind);
    }
    const liam = await enquiryByVisitor(url, ada.token, 'HANDLING', 'Liam OBrien');
    await gqlData(
      url,
      `mutation ($id: ID!) { endCall(enquiryId: $id) { call } }`,
      { id: liam.id },
      grace.token,
    );
    const joined = (await gqlData(url, JOIN, { id: liam.id }, ada.token)).joinEnquiry;
    expect(joined.viewer.isParticipant).toBe(true);
    // A call started after joining blocks a take-over again.
    await gqlData(
      url,
      `mutation ($id: ID!) { startCall(enquiryId: $id, kind: CONFERENCE) { call } }`,
      { id: liam.id },
      grace.token,
    );
    expect(errorCode(await gql(url, TAKE_OVER, { id: liam.id }, ada.token))).toBe('CALL_IN_PROGRESS');
  });
});

describe('state and input', () => {
  it('refuses joining or taking over an enquiry that is not being handled (INVALID_STATE)', async () => {
    const closed = await enquiryByVisitor(url, ada.token, 'CLOSED', 'Ethan Brooks');
    expect(errorCode(await gql(url, JOIN, { id: closed.id }, ada.token))).toBe('INVALID_STATE');
    expect(errorCode(await gql(url, TAKE_OVER, { id: closed.id }, ada.token))).toBe('INVALID_STATE');
    const open = await enquiryByVisitor(url, ada.token, 'OPEN', 'Emma Wilson');
    expect(errorCode(await gql(url, JOIN, { id: open.id }, ada.token))).toBe('INVALID_STATE');
  });

  it('answers bad input with BAD_USER_INPUT and a readable message', async () => {
    const enquiry = await enquiryByVisitor(url, ada.token, 'HANDLING', 'Nora Lindqvist');
    const huge = await gql(
      url,
      `mutation ($id: ID!, $t: String!) { sendMessage(enquiryId: $id, text: $t) { id } }`,
      { id: enquiry.id, t: 'x'.repeat(5000) },
      margaret.token,
    );
    expect(errorCode(huge)).toBe('BAD_USER_INPUT');
    expect(huge.errors?.[0]?.message).toMatch(/at most 4000/);
    const empty = await gql(
      url,
      `mutation ($id: ID!) { sendWhisper(enquiryId: $id, text: "   ") { id } }`,
      { id: enquiry.id },
      ada.token,
    );
    expect(errorCode(empty)).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(url, JOIN, { id: enquiry.id, key: 'short' }, ada.token))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      errorCode(
        await gql(url, `{ enquiryOverview(column: OPEN, first: 5000) { totalCount } }`, {}, ada.token),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      errorCode(
        await gql(url, `{ enquiryOverview(column: OPEN, after: "nope") { totalCount } }`, {}, ada.token),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(url, `{ enquiry(id: "does-not-exist") { id } }`, {}, ada.token))).toBeNull();
    expect(errorCode(await gql(url, JOIN, { id: 'enq_does_not_exist' }, ada.token))).toBe('NOT_FOUND');
    expect(errorCode(await gql(url, `{ me { nope } }`, {}, ada.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(url, `{ me { name `, {}, ada.token))).toBe('BAD_USER_INPUT');
  });

  it('limits query depth, aliases and request size', async () => {
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: me { name }`).join(' ');
    expect(errorCode(await gql(url, `{ ${aliases} }`, {}, ada.token))).toBe('BAD_USER_INPUT');
    const deepest = `{ me { tenant { settings { waitLimitSeconds } } } }`;
    expect(errorCode(await gql(url, deepest, {}, ada.token))).toBeNull();
    // The schema has no cycles, but nested fragments count as levels too.
    const tooDeep = `{ ${'... on Query { '.repeat(8)}me { tenant { settings { waitLimitSeconds } } }${' }'.repeat(8)} }`;
    const refused = await gql(url, tooDeep, {}, ada.token);
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toMatch(/depth/i);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ me { name } }`, variables: { pad: 'x'.repeat(300_000) } }),
    });
    expect(response.status).toBe(413);
  });
});

describe('whispers and audit trail', () => {
  it('lets a monitoring admin whisper to staff, and records supervisor actions in the audit trail', async () => {
    const enquiry = await enquiryByVisitor(url, ada.token, 'HANDLING', 'Diego Fernandez');
    await gqlData(url, MONITOR, { id: enquiry.id }, alan.token);
    const whisper = (
      await gqlData(
        url,
        `mutation ($id: ID!) { sendWhisper(enquiryId: $id, text: "Offer the 10% code") { kind text author { name } } }`,
        { id: enquiry.id },
        alan.token,
      )
    ).sendWhisper;
    expect(whisper).toEqual({ kind: 'WHISPER', text: 'Offer the 10% code', author: { name: 'Alan Turing' } });
    expect(
      errorCode(
        await gql(
          url,
          `mutation ($id: ID!) { sendWhisper(enquiryId: $id, text: "hi") { id } }`,
          { id: enquiry.id },
          linus.token,
        ),
      ),
    ).toBe('FORBIDDEN');
    await gqlData(url, JOIN, { id: enquiry.id }, alan.token);

    const trail = await gqlData(
      url,
      `query ($id: ID) { auditTrail(enquiryId: $id) { edges { node { action actor { name } enquiryId at detail } } } }`,
      { id: enquiry.id },
      ada.token,
    );
    const actions = trail.auditTrail.edges.map((e: { node: { action: string } }) => e.node.action);
    expect(actions).toEqual(['ADMIN_JOINED', 'WHISPER_POSTED', 'MONITOR_STARTED']);
    const byStaff = await gqlData(
      url,
      `query ($staff: ID) { auditTrail(staffId: $staff, first: 100) { edges { node { action actor { id } } } } }`,
      { staff: alan.staffId },
      ada.token,
    );
    expect(byStaff.auditTrail.edges.length).toBeGreaterThanOrEqual(3);
    expect(
      byStaff.auditTrail.edges.every(
        (e: { node: { actor: { id: string } } }) => e.node.actor.id === alan.staffId,
      ),
    ).toBe(true);
    expect(errorCode(await gql(url, `{ auditTrail { edges { node { action } } } }`, {}, grace.token))).toBe(
      'FORBIDDEN',
    );
  });

  it('makes a retried sendMessage harmless', async () => {
    const enquiry = await enquiryByVisitor(url, ada.token, 'HANDLING', 'Amara Okafor');
    const send = `mutation ($id: ID!) { sendMessage(enquiryId: $id, text: "On it", idempotencyKey: "msg-amara-0001") { id seq } }`;
    const first = (await gqlData(url, send, { id: enquiry.id }, linus.token)).sendMessage;
    const second = (await gqlData(url, send, { id: enquiry.id }, linus.token)).sendMessage;
    expect(second).toEqual(first);
    const room = (
      await gqlData(
        url,
        `query ($id: ID!) { room(enquiryId: $id) { messages(last: 50) { text } } }`,
        { id: enquiry.id },
        linus.token,
      )
    ).room;
    expect(room.messages.filter((m: { text: string }) => m.text === 'On it')).toHaveLength(1);
  });
});

describe('the console documents', () => {
  it('all pass the server limits (depth, aliases, cost, tokens)', async () => {
    const documents = await import('../../shared/graphql/documents');
    for (const [name, source] of Object.entries(documents)) {
      if (source.trimStart().startsWith('subscription')) continue;
      const result = await gql(
        url,
        source,
        {
          enquiryId: 'enq_x',
          column: 'OPEN',
          tenant: 'demo',
          email: 'x@y.z',
          password: 'x',
          refreshToken: 'x',
          text: 'x',
        },
        ada.token,
      );
      const messages = (result.errors ?? []).map((e) => e.message).join(' ');
      expect(messages, name).not.toMatch(/limit|exceeded|depth|alias|cost|token/i);
    }
  });
});
