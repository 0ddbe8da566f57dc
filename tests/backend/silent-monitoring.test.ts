/**
 * Monitoring is silent by default (issue 13, item 7): an agent is not told who monitors her
 * enquiries unless her tenant's setting `agentsSeeMonitors` says so. Then `monitors` is
 * empty in everything an Enquiry reaches her by (queries, her room, mutation answers, her
 * board and room streams) and no MONITOR_STARTED / MONITOR_STOPPED event reaches her at all.
 * Joining is never silent: the join's system message and notification reach her as ever.
 * With the setting on (administrators only), she sees the monitors, an open stream included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../../backend/index';
import {
  enquiryHandledBy,
  errorCode,
  gql,
  gqlData,
  login,
  startTestBackend,
  wsClient,
  type Session,
} from '../support/backend-client';
import { follow } from '../support/follow';
import { until } from '../support/until';

const MONITORS = 'id monitors { id name }';
const ENQUIRY = `query ($id: ID!) { enquiry(id: $id) { ${MONITORS} } }`;
const ROOM = `query ($id: ID!) { room(enquiryId: $id) { cursor enquiry { ${MONITORS} } messages(last: 50) { kind text } } }`;
const OVERVIEW = `query ($text: String) { enquiryOverview(column: HANDLING, first: 10, filter: { text: $text }) { boardCursor edges { node { ${MONITORS} } } } }`;
const MONITOR = `mutation ($id: ID!) { monitorEnquiry(enquiryId: $id) { enquiry { ${MONITORS} } } }`;
const STOP = `mutation ($id: ID!) { stopMonitoring(enquiryId: $id) }`;
const JOIN = `mutation ($id: ID!) { joinEnquiry(enquiryId: $id) { enquiry { id } } }`;
const START_CALL = `mutation ($id: ID!) { startCall(enquiryId: $id, kind: ONE_TO_ONE) { ${MONITORS} } }`;
const END_CALL = `mutation ($id: ID!) { endCall(enquiryId: $id) { ${MONITORS} } }`;
const SEND = `mutation ($id: ID!, $t: String!) { sendMessage(enquiryId: $id, text: $t) { seq } }`;
const SETTINGS = `mutation ($on: Boolean) { updateTenantSettings(agentsSeeMonitors: $on) { agentsSeeMonitors waitLimitSeconds } }`;
const READ_SETTINGS = `{ tenantSettings { agentsSeeMonitors } me { tenant { settings { agentsSeeMonitors } } } }`;
const ROOM_EVENTS = `subscription ($id: ID!, $after: String) {
  roomEvents(enquiryId: $id, after: $after) { seq type actor { id } message { kind text } enquiry { ${MONITORS} } }
}`;
const BOARD_EVENTS = `subscription ($after: String) {
  boardEvents(after: $after) { seq type actor { id } enquiry { ${MONITORS} } }
}`;
const NOTIFICATIONS = `subscription ($after: String) { notifications(after: $after) { kind title body } }`;

interface StreamItem {
  seq: number;
  type: string;
  actor: { id: string } | null;
  message?: { kind: string; text: string } | null;
  enquiry: { id: string; monitors: { id: string; name: string }[] };
}

let backend: RunningBackend;
let url: string;
let ada: Session;
let alan: Session;
let grace: Session;

beforeAll(async () => {
  backend = await startTestBackend();
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

const monitorIds = (enquiry: { monitors: { id: string }[] }) => enquiry.monitors.map((m) => m.id).sort();
const items = (f: ReturnType<typeof follow>, field: string): StreamItem[] =>
  f.results.map((r) => r.data?.[field] as StreamItem).filter(Boolean);

describe('silent monitoring (the default)', () => {
  it('an agent is told of no monitor anywhere an Enquiry reaches her; administrators are', async () => {
    expect((await gqlData(url, READ_SETTINGS, {}, ada.token)).tenantSettings.agentsSeeMonitors).toBe(false);
    const { id } = await enquiryHandledBy(url, grace, 'Silent Sylvia');
    const room = (await gqlData(url, ROOM, { id }, grace.token)).room;
    const { boardCursor } = (await gqlData(url, OVERVIEW, { text: 'Silent Sylvia' }, grace.token))
      .enquiryOverview;

    const graceSocket = wsClient(url, () => grace.token);
    const adaSocket = wsClient(url, () => ada.token);
    try {
      const roomStream = follow(graceSocket, ROOM_EVENTS, { id, after: room.cursor });
      const board = follow(graceSocket, BOARD_EVENTS, { after: boardCursor });
      const adminBoard = follow(adaSocket, BOARD_EVENTS, { after: boardCursor });

      const watched = (await gqlData(url, MONITOR, { id }, ada.token)).monitorEnquiry.enquiry;
      await gqlData(url, MONITOR, { id }, alan.token);
      expect(monitorIds(watched)).toEqual([ada.staffId]);

      // Queries and mutation answers: none for Grace, both for the administrators.
      expect((await gqlData(url, ENQUIRY, { id }, grace.token)).enquiry.monitors).toEqual([]);
      expect((await gqlData(url, ROOM, { id }, grace.token)).room.enquiry.monitors).toEqual([]);
      const graceNodes = (await gqlData(url, OVERVIEW, { text: 'Silent Sylvia' }, grace.token))
        .enquiryOverview.edges;
      expect(graceNodes.map((e: { node: { monitors: unknown[] } }) => e.node.monitors)).toEqual([[]]);
      expect((await gqlData(url, START_CALL, { id }, grace.token)).startCall.monitors).toEqual([]);
      expect((await gqlData(url, END_CALL, { id }, grace.token)).endCall.monitors).toEqual([]);
      const adminView = (await gqlData(url, ENQUIRY, { id }, ada.token)).enquiry;
      expect(monitorIds(adminView)).toEqual([ada.staffId, alan.staffId].sort());
      const adminRoom = (await gqlData(url, ROOM, { id }, ada.token)).room.enquiry;
      expect(monitorIds(adminRoom)).toHaveLength(2);

      await gqlData(url, STOP, { id }, alan.token);
      await gqlData(url, SEND, { id, t: 'the last one' }, grace.token);
      await until(
        () => items(roomStream, 'roomEvents').find((e) => e.message?.text === 'the last one'),
        'room',
      );
      await until(
        () =>
          items(board, 'boardEvents').filter((e) => e.enquiry.id === id && e.type === 'MESSAGE_POSTED')
            .length,
        'board',
      );
      await until(
        () =>
          items(adminBoard, 'boardEvents').find((e) => e.enquiry.id === id && e.type === 'MONITOR_STOPPED') &&
          items(adminBoard, 'boardEvents').find((e) => e.enquiry.id === id && e.type === 'MESSAGE_POSTED'),
        'the administrator’s board',
      );

      // Her streams: no monitor event, and every enquiry in them without monitors.
      for (const [stream, field] of [
        [roomStream, 'roomEvents'],
        [board, 'boardEvents'],
      ] as const) {
        const seen = items(stream, field).filter((e) => e.enquiry.id === id);
        expect(seen.map((e) => e.type)).toEqual(['CALL_STARTED', 'CALL_ENDED', 'MESSAGE_POSTED']);
        expect(seen.every((e) => e.enquiry.monitors.length === 0)).toBe(true);
        expect(JSON.stringify(items(stream, field))).not.toContain(ada.staffId);
      }
      // The administrator's board has the monitor events and the monitors.
      const adminSeen = items(adminBoard, 'boardEvents').filter((e) => e.enquiry.id === id);
      expect(adminSeen.map((e) => e.type)).toEqual([
        'MONITOR_STARTED',
        'MONITOR_STARTED',
        'CALL_STARTED',
        'CALL_ENDED',
        'MONITOR_STOPPED',
        'MESSAGE_POSTED',
      ]);
      expect(monitorIds(adminSeen[3]!.enquiry)).toEqual([ada.staffId, alan.staffId].sort());
    } finally {
      await graceSocket.dispose();
      await adaSocket.dispose();
    }
  });

  it('joining is never silent: the agent gets the join’s system message and notification', async () => {
    const { id } = await enquiryHandledBy(url, grace, 'Joined Jolene');
    const after = (await gqlData(url, ROOM, { id }, grace.token)).room.cursor;
    const socket = wsClient(url, () => grace.token);
    try {
      const toasts = follow(socket, NOTIFICATIONS, { after });
      const roomStream = follow(socket, ROOM_EVENTS, { id, after });
      await gqlData(url, MONITOR, { id }, ada.token);
      await gqlData(url, JOIN, { id }, ada.token);
      const joined = await until(
        () => items(roomStream, 'roomEvents').find((e) => e.type === 'ADMIN_JOINED'),
        'the join in her room',
      );
      expect(joined.message).toMatchObject({
        kind: 'SYSTEM',
        text: expect.stringMatching(/joined the enquiry/),
      });
      expect(joined.actor?.id).toBe(ada.staffId);
      expect(joined.enquiry.monitors).toEqual([]); // still silent about monitoring
      const toast = await until(
        () => toasts.results.map((r) => r.data?.notifications).find((n) => n?.kind === 'ADMIN_JOINED'),
        'the join notification',
      );
      expect(toast.title).toMatch(/joined the enquiry/);
      expect(items(roomStream, 'roomEvents').map((e) => e.type)).not.toContain('MONITOR_STARTED');
      const messages = (await gqlData(url, ROOM, { id }, grace.token)).room.messages;
      expect(messages.some((m: { kind: string; text: string }) => /joined the enquiry/.test(m.text))).toBe(
        true,
      );
    } finally {
      await socket.dispose();
    }
  });
});

describe('agentsSeeMonitors', () => {
  it('is set by administrators only; once on, the agent sees who monitors, in a stream already open too', async () => {
    expect(errorCode(await gql(url, SETTINGS, { on: true }, grace.token))).toBe('FORBIDDEN');
    const { id } = await enquiryHandledBy(url, grace, 'Seen Selma');
    const after = (await gqlData(url, ROOM, { id }, grace.token)).room.cursor;
    const socket = wsClient(url, () => grace.token);
    try {
      const roomStream = follow(socket, ROOM_EVENTS, { id, after });
      await gqlData(url, MONITOR, { id }, ada.token); // while silent: not told
      await gqlData(url, SEND, { id, t: 'read while silent' }, grace.token);
      await until(
        () => items(roomStream, 'roomEvents').find((e) => e.message?.text === 'read while silent'),
        'the stream to pass Ada’s monitoring while silent',
      );
      const on = (await gqlData(url, SETTINGS, { on: true }, ada.token)).updateTenantSettings;
      expect(on.agentsSeeMonitors).toBe(true);
      expect(on.waitLimitSeconds).toBeGreaterThan(0); // the other settings are kept
      const read = await gqlData(url, READ_SETTINGS, {}, grace.token);
      expect(read.tenantSettings.agentsSeeMonitors).toBe(true);
      expect(read.me.tenant.settings.agentsSeeMonitors).toBe(true);

      expect(monitorIds((await gqlData(url, ENQUIRY, { id }, grace.token)).enquiry)).toEqual([ada.staffId]);
      expect(monitorIds((await gqlData(url, ROOM, { id }, grace.token)).room.enquiry)).toEqual([ada.staffId]);
      await gqlData(url, MONITOR, { id }, alan.token);
      const started = await until(
        () => items(roomStream, 'roomEvents').find((e) => e.type === 'MONITOR_STARTED'),
        'Alan’s monitoring in her open room stream',
      );
      expect(started.actor?.id).toBe(alan.staffId);
      expect(monitorIds(started.enquiry)).toEqual([ada.staffId, alan.staffId].sort());
      // Ada's, from before the change, was never sent; the stream shows only what came after.
      expect(items(roomStream, 'roomEvents').filter((e) => e.type === 'MONITOR_STARTED')).toHaveLength(1);

      // Off again (a partial change keeps the rest): silent at once.
      expect(
        (await gqlData(url, SETTINGS, { on: false }, ada.token)).updateTenantSettings.agentsSeeMonitors,
      ).toBe(false);
      expect((await gqlData(url, ENQUIRY, { id }, grace.token)).enquiry.monitors).toEqual([]);
    } finally {
      await socket.dispose();
      await gqlData(url, SETTINGS, { on: false }, ada.token);
    }
  });
});
