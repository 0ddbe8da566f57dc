import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEnquiry } from '../../backend/domain/visitors';
import type { RunningBackend } from '../../backend/index';
import { collect, gqlData, login, startTestBackend, wsClient, type Session } from '../support/backend-client';
import { until } from '../support/until';

/**
 * Help requests "say who did" (issue 13, item 3): the board and room events that open and
 * end a help request carry it, so the administrators' "Help requests" region and the asking
 * agent's room can tell who answered or dismissed it and how, without reading it again.
 */

const HELP = 'helpRequest { id note agent { name } endedAt endedBy { name } endReason }';
const BOARD = `subscription ($after: String) { boardEvents(after: $after) { type actor { name } enquiry { id } ${HELP} } }`;
const ROOM = `subscription ($id: ID!, $after: String) { roomEvents(enquiryId: $id, after: $after) { type enquiryId ${HELP} } }`;
const ASK = `mutation ($id: ID!, $note: String) { requestAssistance(enquiryId: $id, note: $note) }`;
const LIST = `{ helpRequests { id enquiry { id } } }`;

let backend: RunningBackend;
let url: string;
let ada: Session;
let grace: Session;
let visitors = 0;

beforeAll(async () => {
  backend = await startTestBackend();
  url = backend.url;
  [ada, grace] = await Promise.all([
    login(url, 'demo', 'ada@demo.test'),
    login(url, 'demo', 'grace@demo.test'),
  ]);
});

afterAll(async () => {
  await backend?.stop();
});

/** A new demo enquiry picked up by Grace, with the room's cursor before her help request. */
async function gracesEnquiry(): Promise<{ id: string; cursor: string }> {
  const session = await startEnquiry(backend.services, backend.services.tokens, {
    tenant: 'demo',
    visitorName: `Events visitor ${++visitors}`,
    text: 'Where is my parcel?',
  });
  const id = session.enquiry.id;
  const picked = await gqlData(
    url,
    `mutation ($id: ID!) { pickUpEnquiry(enquiryId: $id) { cursor } }`,
    { id },
    grace.token,
  );
  return { id, cursor: picked.pickUpEnquiry.cursor };
}

describe('help request events', () => {
  it('carry the request when asked and who dismissed it when it ends, on the board and in the room', async () => {
    const { id, cursor } = await gracesEnquiry();
    const adaSocket = wsClient(url, () => ada.token);
    const graceSocket = wsClient(url, () => grace.token);
    try {
      const board = collect(adaSocket, BOARD, { after: cursor }, (d) => d.boardEvents);
      const room = collect(graceSocket, ROOM, { id, after: cursor }, (d) => d.roomEvents);
      await gqlData(url, ASK, { id, note: 'Angry customer' }, grace.token);
      await gqlData(
        url,
        `mutation ($id: ID!) { sendMessage(enquiryId: $id, text: "One moment please") { id } }`,
        { id },
        grace.token,
      );
      const helpId = (await gqlData(url, LIST, {}, ada.token)).helpRequests.find(
        (h: { enquiry: { id: string } }) => h.enquiry.id === id,
      ).id;
      await gqlData(
        url,
        `mutation ($id: ID!) { dismissHelpRequest(id: $id) { id } }`,
        { id: helpId },
        ada.token,
      );

      const ended = { id: helpId, endedBy: { name: 'Ada Lovelace' }, endReason: 'DISMISSED' };
      const boardOf = () => board.items.filter((e: any) => e.enquiry.id === id);
      await until(() => boardOf().some((e: any) => e.type === 'HELP_REQUEST_ENDED'), 'the board event');
      const onBoard = boardOf();
      expect(onBoard.find((e: any) => e.type === 'ASSISTANCE_REQUESTED').helpRequest).toMatchObject({
        id: helpId,
        note: 'Angry customer',
        agent: { name: 'Grace Hopper' },
        endedAt: null,
      });
      const endedOnBoard = onBoard.find((e: any) => e.type === 'HELP_REQUEST_ENDED');
      expect(endedOnBoard.helpRequest).toMatchObject(ended);
      expect(endedOnBoard.actor).toEqual({ name: 'Ada Lovelace' });

      await until(() => room.items.some((e: any) => e.type === 'HELP_REQUEST_ENDED'), 'the room event');
      expect(room.items.find((e: any) => e.type === 'HELP_REQUEST_ENDED').helpRequest).toMatchObject(ended);
      // Other events carry none.
      const others = [...onBoard, ...room.items].filter(
        (e: any) => e.type !== 'ASSISTANCE_REQUESTED' && e.type !== 'HELP_REQUEST_ENDED',
      );
      expect(others.length).toBeGreaterThan(0);
      expect(others.every((e: any) => e.helpRequest === null)).toBe(true);
      board.dispose();
      room.dispose();
    } finally {
      await adaSocket.dispose();
      await graceSocket.dispose();
    }
  });

  it('say the request was answered by joining, naming the administrator', async () => {
    const { id, cursor } = await gracesEnquiry();
    const graceSocket = wsClient(url, () => grace.token);
    try {
      const room = collect(graceSocket, ROOM, { id, after: cursor }, (d) => d.roomEvents);
      await gqlData(url, ASK, { id, note: null }, grace.token);
      await gqlData(url, `mutation ($id: ID!) { joinEnquiry(enquiryId: $id) { cursor } }`, { id }, ada.token);
      await until(() => room.items.some((e: any) => e.type === 'HELP_REQUEST_ENDED'), 'the room event');
      expect(room.items.find((e: any) => e.type === 'HELP_REQUEST_ENDED').helpRequest).toMatchObject({
        agent: { name: 'Grace Hopper' },
        endedBy: { name: 'Ada Lovelace' },
        endReason: 'JOINED',
      });
      room.dispose();
    } finally {
      await graceSocket.dispose();
    }
  });
});
