import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningBackend } from '../../backend/index';
import {
  collect,
  enquiryByVisitor,
  gqlData,
  login,
  startTestBackend,
  wsClient,
  type Session,
} from '../support/backend-client';

const BOARD = `subscription ($after: String) { boardEvents(after: $after) { cursor seq type enquiry { id messageCount } } }`;
const ROOM_EVENTS = `subscription ($id: ID!, $after: String) { roomEvents(enquiryId: $id, after: $after) { cursor seq type message { kind text } } }`;
const SEND_VISITOR = `mutation ($token: String!, $text: String!) { sendVisitorMessage(visitorToken: $token, text: $text) { seq } }`;
const START = `mutation ($name: String!) { startEnquiry(tenant: "demo", visitorName: $name, text: "hello") { visitorToken enquiry { id } } }`;

let backend: RunningBackend;
let url: string;
let ada: Session;

beforeAll(async () => {
  backend = await startTestBackend({ connectionInitTimeoutMs: 300 });
  url = backend.url;
  ada = await login(url, 'demo', 'ada@demo.test');
});

afterAll(async () => {
  await backend?.stop();
});

async function boardCursor(): Promise<string> {
  const data = await gqlData(
    url,
    `{ enquiryOverview(column: OPEN, first: 1) { boardCursor } }`,
    {},
    ada.token,
  );
  return data.enquiryOverview.boardCursor as string;
}

describe('replay then live', () => {
  it('replays from the log after a cursor, then streams live, with no gap and no duplicate', async () => {
    const start = Number(await boardCursor());
    // Events before subscribing: replayed from the log.
    const visitor = (await gqlData(url, START, { name: 'Replay Visitor' })).startEnquiry;
    for (let i = 0; i < 5; i++)
      await gqlData(url, SEND_VISITOR, { token: visitor.visitorToken, text: `before ${i}` });
    const client = wsClient(url, () => ada.token);
    const board = collect(client, BOARD, { after: String(start) }, (d) => d.boardEvents);
    await board.until(7); // created + first message + 5 messages
    // Events after subscribing: live.
    for (let i = 0; i < 5; i++)
      await gqlData(url, SEND_VISITOR, { token: visitor.visitorToken, text: `after ${i}` });
    await board.until(12);
    const seqs = board.items.map((e) => e.seq as number);
    expect(seqs).toEqual(Array.from({ length: 12 }, (_, i) => start + 1 + i));
    expect(board.items.at(-1).enquiry.messageCount).toBe(11);
    board.dispose();
    await client.dispose();
  });

  it('loses nothing across a reconnect in the middle of a stream', async () => {
    const visitor = (await gqlData(url, START, { name: 'Reconnect Visitor' })).startEnquiry;
    const enquiryId = visitor.enquiry.id as string;
    const room = await gqlData(
      url,
      `mutation ($id: ID!) { monitorEnquiry(enquiryId: $id) { cursor } }`,
      { id: enquiryId },
      ada.token,
    );
    const from = room.monitorEnquiry.cursor as string;

    const first = wsClient(url, () => ada.token);
    const stream1 = collect(first, ROOM_EVENTS, { id: enquiryId, after: from }, (d) => d.roomEvents);
    for (let i = 0; i < 10; i++)
      await gqlData(url, SEND_VISITOR, { token: visitor.visitorToken, text: `m${i}` });
    await stream1.until(10);
    const lastSeen = stream1.items[5].cursor as string; // as if the connection dropped after the 6th
    stream1.dispose();
    await first.dispose();

    // Meanwhile the room moves on.
    for (let i = 10; i < 20; i++)
      await gqlData(url, SEND_VISITOR, { token: visitor.visitorToken, text: `m${i}` });
    const second = wsClient(url, () => ada.token);
    const stream2 = collect(second, ROOM_EVENTS, { id: enquiryId, after: lastSeen }, (d) => d.roomEvents);
    const texts = () => [...stream1.items.slice(0, 6), ...stream2.items].map((e) => e.message.text as string);
    await stream2.until(14);
    for (let i = 20; i < 25; i++)
      await gqlData(url, SEND_VISITOR, { token: visitor.visitorToken, text: `m${i}` });
    await stream2.until(19);
    expect(texts()).toEqual(Array.from({ length: 25 }, (_, i) => `m${i}`));
    const seqs = stream2.items.map((e) => e.seq as number);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    stream2.dispose();
    await second.dispose();
  });

  it('refuses a bad cursor and a room the viewer may not read', async () => {
    const client = wsClient(url, () => ada.token);
    const bad = collect(client, BOARD, { after: 'not-a-cursor' }, (d) => d);
    await expect(bad.until(1)).rejects.toBeDefined();
    expect(JSON.stringify(bad.errors)).toContain('BAD_USER_INPUT');
    const grace = await login(url, 'demo', 'grace@demo.test');
    const other = await enquiryByVisitor(url, ada.token, 'HANDLING', 'Mateo Rossi'); // Linus's room
    const agentClient = wsClient(url, () => grace.token);
    const refused = collect(agentClient, ROOM_EVENTS, { id: other.id }, (d) => d);
    await expect(refused.until(1)).rejects.toBeDefined();
    // Another agent's enquiry is not there for her at all (issue 13, least privilege).
    expect(JSON.stringify(refused.errors)).toContain('NOT_FOUND');
    await client.dispose();
    await agentClient.dispose();
  });
});

describe('subscriptions on one connection', () => {
  it('refuses a subscription over the query limits with BAD_USER_INPUT and keeps the connection', async () => {
    const client = wsClient(url, () => ada.token);
    let closed = false;
    client.on('closed', () => {
      closed = true;
    });
    const board = collect(client, BOARD, {}, (d) => d.boardEvents);
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: boardEvents { seq }`).join(' ');
    const refused = collect(client, `subscription { ${aliases} }`, {}, (d) => d);
    await expect(refused.until(1)).rejects.toBeDefined();
    expect(JSON.stringify(refused.errors)).toContain('BAD_USER_INPUT');
    await gqlData(url, START, { name: 'Still Connected' });
    await board.until(2);
    expect(closed).toBe(false);
    board.dispose();
    await client.dispose();
  });

  it("streams with the console's own subscription documents, shared by many subscribers", async () => {
    const { BOARD_EVENTS } = await import('../../shared/graphql/documents');
    const cursor = await boardCursor();
    const clients = Array.from({ length: 5 }, () => wsClient(url, () => ada.token));
    const boards = clients.map((client) =>
      collect(client, BOARD_EVENTS, { after: cursor }, (d) => d.boardEvents),
    );
    await gqlData(url, START, { name: 'Shared Execution' });
    await Promise.all(boards.map((board) => board.until(2)));
    const first = JSON.stringify(boards[0]!.items);
    for (const board of boards) expect(JSON.stringify(board.items)).toBe(first);
    expect(boards[0]!.items[0].enquiry.visitor.name).toBe('Shared Execution');
    await Promise.all(clients.map((client) => client.dispose()));
  });
});

describe('WebSocket authentication', () => {
  function closeOf(socket: WebSocket): Promise<{ code: number; reason: string }> {
    return new Promise((resolve) =>
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  it('closes a connection with a bad token with 4403', async () => {
    const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const closed = closeOf(socket);
    socket.on('open', () =>
      socket.send(
        JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer forged.token.value' } }),
      ),
    );
    expect((await closed).code).toBe(4403);
  });

  it('closes a connection that never sends connection_init (4408)', async () => {
    const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    expect((await closeOf(socket)).code).toBe(4408);
  });

  it('acknowledges a valid token', async () => {
    const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const ack = new Promise<string>((resolve) =>
      socket.on('message', (data) => resolve(JSON.parse(data.toString()).type)),
    );
    socket.on('open', () =>
      socket.send(
        JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${ada.token}` } }),
      ),
    );
    expect(await ack).toBe('connection_ack');
    socket.close();
  });
});
