/**
 * Live streams end when the right to them does (issue 11, defect 3): a room stream when its
 * viewer may no longer read the room, a socket at its access token's expiry, and a signed-out
 * session's sockets at once — on every instance.
 */
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../../backend/index';
import {
  enquiryHandledBy,
  errorCode,
  gql,
  gqlData,
  joinEnquiry,
  login,
  setMonitoringPlan,
  startTestBackend,
  wsClient,
  type Session,
} from '../support/backend-client';
import { follow, ROOM_EVENTS } from '../support/follow';
import { freshDatabase, REDIS_URL } from '../support/postgres';
import { until } from '../support/until';

const BOARD_EVENTS = `subscription ($after: String) { boardEvents(after: $after) { seq type } }`;
const SEND = `mutation ($id: ID!, $t: String!) { sendMessage(enquiryId: $id, text: $t) { seq } }`;
const WHISPER = `mutation ($id: ID!, $t: String!) { sendWhisper(enquiryId: $id, text: $t) { seq } }`;
const START = `mutation ($name: String!) { startEnquiry(tenant: "demo", visitorName: $name, text: "hello") { enquiry { id } } }`;

interface Closing {
  code: number;
  reason: string;
  at: number;
}

/** A graphql-ws connection that never retries, and how it closed. */
function socket(url: string, token: string): { client: Client; closes: Closing[] } {
  const closes: Closing[] = [];
  const client = wsClient(url, () => token, {
    on: {
      closed: (event) => {
        const e = event as { code: number; reason: string };
        closes.push({ code: e.code, reason: e.reason, at: Date.now() });
      },
    },
  });
  return { client, closes };
}

/** The board's current position: a board stream from it misses nothing made later. */
async function boardCursor(url: string, session: Session): Promise<{ after: string }> {
  const data = await gqlData(
    url,
    `{ enquiryOverview(column: OPEN, first: 1) { boardCursor } }`,
    {},
    session.token,
  );
  return { after: data.enquiryOverview.boardCursor as string };
}

const expOf = (token: string): number =>
  (JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString()) as { exp: number }).exp;

const logout = (url: string, session: Session) =>
  gqlData(url, `mutation ($r: String!) { logout(refreshToken: $r) }`, { r: session.refreshToken });

describe('room streams end with the right to the room', () => {
  let backend: RunningBackend;
  let url: string;

  beforeAll(async () => {
    // Accounts (role, plan) are read again every second.
    backend = await startTestBackend({ actorCacheTtlMs: 1_000 });
    url = backend.url;
  });
  afterAll(async () => {
    await backend?.stop();
  });

  it('ends a monitor without membership when the plan goes, and a participant when she leaves: nothing later arrives', async () => {
    const [grace, alan, ada] = await Promise.all([
      login(url, 'demo', 'grace@demo.test'),
      login(url, 'demo', 'alan@demo.test'),
      login(url, 'demo', 'ada@demo.test'),
    ]);
    const { id } = await enquiryHandledBy(url, grace, 'Rights Rita');
    const after = await joinEnquiry(url, alan, id);
    const say = (who: Session, t: string) => gqlData(url, SEND, { id, t }, who.token);
    const whisper = (who: Session, t: string) => gqlData(url, WHISPER, { id, t }, who.token);

    // Alan connects first, so each re-read of the accounts reaches him before Ada.
    const alanSocket = socket(url, alan.token);
    const adaSocket = socket(url, ada.token);
    const graceSocket = socket(url, grace.token);
    const alanRoom = follow(alanSocket.client, ROOM_EVENTS, { id, after });
    const adaRoom = follow(adaSocket.client, ROOM_EVENTS, { id, after });
    const graceRoom = follow(graceSocket.client, ROOM_EVENTS, { id, after });
    await say(grace, 'one');
    await until(
      () => [alanRoom, adaRoom, graceRoom].every((r) => r.texts().includes('one')),
      'everyone streams',
    );

    try {
      // An operator takes enquiry monitoring off the plan (and tells this instance).
      await setMonitoringPlan(backend, false);
      // Ada watched without being in the room: her stream ends with the plan.
      await until(() => adaRoom.state.completed, "Ada's room stream ended", 10_000);
      expect(adaRoom.codes()).toEqual(['PLAN_REQUIRED']);
      expect(adaRoom.results.at(-1)?.errors?.[0]?.message).toMatch(/plan/);

      // Alan joined: a participant keeps the room without the plan...
      await say(grace, 'two');
      await until(() => alanRoom.texts().includes('two'), 'Alan still streams as a participant');
      // ...until he leaves. The stream ends before the next event; nothing later reaches him.
      await gqlData(
        url,
        `mutation ($id: ID!) { leaveEnquiry(enquiryId: $id) { cursor } }`,
        { id },
        alan.token,
      );
      await until(() => alanRoom.state.completed, "Alan's room stream ended", 10_000);
      await say(grace, 'three');
      await whisper(grace, 'a whisper after he left');
      await until(() => graceRoom.texts().includes('a whisper after he left'), 'Grace streams on');

      expect(alanRoom.codes()).toEqual(['PLAN_REQUIRED']);
      expect(alanRoom.texts()).toEqual(['one', 'two']);
      expect(alanRoom.results.some((r) => r.data?.roomEvents?.type === 'PARTICIPANT_LEFT')).toBe(false);
      expect(adaRoom.texts()).toEqual(['one']);
      expect(graceRoom.codes()).toEqual([]);
      expect(graceRoom.texts()).toEqual(
        expect.arrayContaining(['one', 'two', 'three', 'a whisper after he left']),
      );
      // Only the room streams ended: no socket was closed by the server (the client closes
      // an idle lazy socket itself with 1000).
      expect([alanSocket, adaSocket].flatMap((s) => s.closes).filter((c) => c.code !== 1000)).toEqual([]);
      // And a new subscription to the room is refused the same way.
      const again = follow(alanSocket.client, ROOM_EVENTS, { id, after });
      await until(() => again.state.completed, 'the new room subscription refused');
      expect(again.codes()).toEqual(['PLAN_REQUIRED']);
    } finally {
      await setMonitoringPlan(backend, true);
      await Promise.all([alanSocket, adaSocket, graceSocket].map((s) => s.client.dispose()));
    }
  });

  it('ends an administrator’s room stream when she is made an agent (FORBIDDEN)', async () => {
    const alan = await login(url, 'demo', 'alan@demo.test');
    const id = (await gqlData(url, START, { name: 'Role Ron' })).startEnquiry.enquiry.id as string;
    const watcher = socket(url, alan.token);
    const room = follow(watcher.client, ROOM_EVENTS, { id, after: '0' });
    await until(() => room.results.length > 0, 'streaming');
    try {
      await backend.services.store.query(`update staff set role = 'AGENT' where id = $1`, [alan.staffId]);
      backend.services.actors.invalidate({ staffId: alan.staffId });
      await until(() => room.state.completed, 'room stream ended', 10_000);
      expect(room.codes()).toEqual(['FORBIDDEN']);
    } finally {
      await backend.services.store.query(`update staff set role = 'ADMINISTRATOR' where id = $1`, [
        alan.staffId,
      ]);
      backend.services.actors.invalidate({ staffId: alan.staffId });
      await watcher.client.dispose();
    }
  });

  it('closes a signed-out session’s sockets at once (4401) and refuses them again; other sessions stream on', async () => {
    const first = await login(url, 'demo', 'ada@demo.test');
    const second = await login(url, 'demo', 'ada@demo.test');
    const a = socket(url, first.token);
    const b = socket(url, second.token);
    const from = await boardCursor(url, first);
    const boardA = follow(a.client, BOARD_EVENTS, from);
    const boardB = follow(b.client, BOARD_EVENTS, from);
    await gqlData(url, START, { name: 'Before Signout' });
    await until(() => boardA.results.length > 0 && boardB.results.length > 0, 'both boards stream');

    expect((await logout(url, first)).logout).toBe(true);
    await until(() => a.closes.length > 0, 'the signed-out socket closed', 5_000);
    expect(a.closes[0]).toMatchObject({ code: 4401, reason: expect.stringMatching(/session has ended/) });
    const seenByA = boardA.results.length;
    await gqlData(url, START, { name: 'After Signout' });
    await until(() => boardB.results.length >= 2, 'the other session streams on');
    expect(boardA.results.length).toBe(seenByA);
    expect(b.closes).toEqual([]);

    // The signed-out session's access token (still unexpired) cannot open a socket again.
    const again = socket(url, first.token);
    const board = follow(again.client, BOARD_EVENTS, from);
    await until(() => again.closes.length > 0, 'refused');
    expect(again.closes[0]?.code).toBe(4401);
    expect(board.results).toEqual([]);

    // Nor answer over HTTP; the other session's token still does.
    const me = '{ me { name } }';
    const refused = await gql(url, me, {}, first.token);
    expect(errorCode(refused)).toBe('UNAUTHENTICATED');
    expect(refused.errors?.[0]?.message).toMatch(/session has ended/);
    expect((await gqlData(url, me, {}, second.token)).me.name).toBe('Ada Lovelace');
    await Promise.all([a, b, again].map((s) => s.client.dispose()));
  });
});

describe('token expiry', () => {
  let backend: RunningBackend;

  beforeAll(async () => {
    backend = await startTestBackend({ accessTokenTtlSeconds: 5 });
  });
  afterAll(async () => {
    await backend?.stop();
  });

  it('closes the socket at the access token’s expiry with 4403, and no event reaches it after', async () => {
    const ada = await login(backend.url, 'demo', 'ada@demo.test');
    const expiresAt = expOf(ada.token) * 1000;
    const s = socket(backend.url, ada.token);
    const board = follow(s.client, BOARD_EVENTS, await boardCursor(backend.url, ada));
    await gqlData(backend.url, START, { name: 'Expiring Eve' });
    await until(() => board.results.length > 0, 'streaming');
    await until(() => s.closes.length > 0, 'closed at expiry', 10_000);
    expect(s.closes[0]?.code).toBe(4403);
    expect(s.closes[0]?.reason).toMatch(/expired/);
    expect(s.closes[0]?.at).toBeGreaterThanOrEqual(expiresAt - 20);
    expect(s.closes[0]?.at).toBeLessThan(expiresAt + 3_000);
    const seen = board.results.length;
    await gqlData(backend.url, START, { name: 'After Expiry' });
    expect(board.results.length).toBe(seen);
    await s.client.dispose();
  });
});

describe('sign-out across two instances (PostgreSQL + Redis)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let one: RunningBackend;
  let two: RunningBackend;

  beforeAll(async () => {
    db = await freshDatabase();
    [one, two] = await Promise.all([
      startTestBackend({ inMemory: false, databaseUrl: db.url, redisUrl: REDIS_URL }),
      startTestBackend({ inMemory: false, databaseUrl: db.url, redisUrl: REDIS_URL }),
    ]);
  }, 30_000);
  afterAll(async () => {
    await one?.stop();
    await two?.stop();
    await db?.drop();
  });

  it('signing out on one instance closes the session’s socket on the other', async () => {
    const ada = await login(one.url, 'demo', 'ada@demo.test');
    const other = await login(one.url, 'demo', 'ada@demo.test');
    const there = socket(two.url, ada.token);
    const otherThere = socket(two.url, other.token);
    const from = await boardCursor(one.url, ada);
    const board = follow(there.client, BOARD_EVENTS, from);
    const otherBoard = follow(otherThere.client, BOARD_EVENTS, from);
    await gqlData(one.url, START, { name: 'Two Instances' });
    await until(() => board.results.length > 0 && otherBoard.results.length > 0, 'streaming on instance two');

    await logout(one.url, ada);
    await until(() => there.closes.length > 0, 'closed on instance two', 5_000);
    expect(there.closes[0]?.code).toBe(4401);
    await gqlData(one.url, START, { name: 'Two Instances Later' });
    await until(() => otherBoard.results.length >= 2, 'the other session streams on');
    expect(otherThere.closes).toEqual([]);
    await Promise.all([there, otherThere].map((s) => s.client.dispose()));
  });
});
