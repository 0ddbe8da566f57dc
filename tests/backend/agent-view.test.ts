/**
 * Least privilege for agents (issue 13, item 8): an agent's `enquiryOverview`, `enquiry`,
 * `room`, `roomEvents` and `boardEvents` hold the Open queue and the enquiries she owns or
 * takes part in, nothing else. Another agent's Handling enquiry is NOT_FOUND to her (null
 * where the field is nullable), in the very words a missing id gets; her board stream carries
 * no event of it, and an Open enquiry someone else picks up reaches her as a removal that
 * names neither who picked it up nor who is in the room. Agents whisper back to the
 * administrators in their rooms; visitors never receive a whisper. One rule decides the view
 * (`enquiryViewBlock` in backend/domain/rules.ts; the stream side in backend/domain/agent-view.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../../backend/index';
import {
  enquiryHandledBy,
  errorCode,
  gql,
  gqlData,
  joinEnquiry,
  login,
  startTestBackend,
  wsClient,
  type Session,
} from '../support/backend-client';
import { follow } from '../support/follow';
import { until } from '../support/until';

const NODE = 'id status visitor { name } owner { id } participants { id } monitors { id }';
const OVERVIEW = `query ($column: OverviewColumn!, $owner: ID) {
  enquiryOverview(column: $column, first: 100, filter: { ownerId: $owner }) { totalCount boardCursor edges { node { ${NODE} } } }
}`;
const ENQUIRY = `query ($id: ID!) { enquiry(id: $id) { ${NODE} } }`;
const ROOM = `query ($id: ID!) { room(enquiryId: $id) { enquiry { id } viewer { canWhisper } messages(last: 100) { kind text } } }`;
const ROOM_EVENTS = `subscription ($id: ID!, $after: String) {
  roomEvents(enquiryId: $id, after: $after) { seq type message { kind text } }
}`;
const BOARD_EVENTS = `subscription ($after: String) {
  boardEvents(after: $after) { seq type removed actor { id } enquiry { ${NODE} } }
}`;
const START = `mutation ($name: String!) {
  startEnquiry(tenant: "demo", visitorName: $name, text: "Hello") { visitorToken enquiry { id } }
}`;
const PICK_UP = `mutation ($id: ID!) { pickUpEnquiry(enquiryId: $id) { enquiry { id } } }`;
const SEND = `mutation ($id: ID!, $t: String!) { sendMessage(enquiryId: $id, text: $t) { seq } }`;
const WHISPER = `mutation ($id: ID!, $t: String!) { sendWhisper(enquiryId: $id, text: $t) { kind text author { name } } }`;
const TAKE_OVER = `mutation ($id: ID!) { takeOverEnquiry(enquiryId: $id) { enquiry { id } } }`;
const CLOSE = `mutation ($id: ID!) { closeEnquiry(enquiryId: $id) { id status } }`;
const VISITOR_SAYS = `mutation ($v: String!, $t: String!) { sendVisitorMessage(visitorToken: $v, text: $t) { text } }`;

interface Node {
  id: string;
  status: string;
  visitor: { name: string };
  owner: { id: string } | null;
  participants: { id: string }[];
  monitors: { id: string }[];
}
interface BoardItem {
  seq: number;
  type: string;
  removed: boolean;
  actor: { id: string } | null;
  enquiry: Node;
}

let backend: RunningBackend;
let url: string;
let ada: Session;
let grace: Session;
let linus: Session;

beforeAll(async () => {
  backend = await startTestBackend();
  url = backend.url;
  [ada, grace, linus] = await Promise.all([
    login(url, 'demo', 'ada@demo.test'),
    login(url, 'demo', 'grace@demo.test'),
    login(url, 'demo', 'linus@demo.test'),
  ]);
});
afterAll(async () => {
  await backend?.stop();
});

const overview = async (who: Session, column: string, owner: string | null = null) =>
  (await gqlData(url, OVERVIEW, { column, owner }, who.token)).enquiryOverview as {
    totalCount: number;
    boardCursor: string;
    edges: { node: Node }[];
  };
const ids = (page: { edges: { node: Node }[] }) => page.edges.map((e) => e.node.id);
const takesPart = (node: Node, staffId: string) =>
  node.owner?.id === staffId || node.participants.some((p) => p.id === staffId);
const openEnquiry = async (name: string) =>
  (await gqlData(url, START, { name })).startEnquiry as { visitorToken: string; enquiry: { id: string } };

describe('an agent’s queries answer her own enquiries and the Open queue only', () => {
  it('enquiryOverview: Open is the whole queue; Handling, Missed and Closed (totals too) only hers', async () => {
    const mine = await enquiryHandledBy(url, grace, 'View Own Olive');
    const theirs = await enquiryHandledBy(url, linus, 'View Other Otto');
    const closedTheirs = await enquiryHandledBy(url, linus, 'View Closed Clara');
    await gqlData(url, CLOSE, { id: closedTheirs.id }, linus.token);
    const waiting = await openEnquiry('View Waiting Wim');

    const handling = await overview(grace, 'HANDLING');
    expect(ids(handling)).toContain(mine.id);
    expect(ids(handling)).not.toContain(theirs.id);
    expect(handling.edges.every((e) => takesPart(e.node, grace.staffId))).toBe(true);
    expect(handling.totalCount).toBe(handling.edges.length);
    // The administrator's column holds both, and more than Grace's.
    const adminHandling = await overview(ada, 'HANDLING');
    expect(ids(adminHandling)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    expect(adminHandling.totalCount).toBeGreaterThan(handling.totalCount);

    const open = await overview(grace, 'OPEN');
    expect(ids(open)).toContain(waiting.enquiry.id);
    expect(open.totalCount).toBe((await overview(ada, 'OPEN')).totalCount);

    for (const column of ['MISSED', 'CLOSED']) {
      const page = await overview(grace, column);
      expect(page.edges.every((e) => takesPart(e.node, grace.staffId))).toBe(true);
      expect(page.totalCount).toBe(page.edges.length);
    }
    expect(ids(await overview(grace, 'CLOSED'))).not.toContain(closedTheirs.id);
    expect((await overview(ada, 'MISSED')).totalCount).toBeGreaterThan(0); // the demo world has some
    // Filtering by another agent finds nothing of his Handling enquiries.
    expect((await overview(grace, 'HANDLING', linus.staffId)).totalCount).toBe(0);
    // Her own closed enquiry stays hers.
    await gqlData(url, CLOSE, { id: mine.id }, grace.token);
    expect(ids(await overview(grace, 'CLOSED'))).toContain(mine.id);
  });

  it('another agent’s Handling enquiry is NOT_FOUND to her through enquiry, room and roomEvents, as a missing id is', async () => {
    const theirs = await enquiryHandledBy(url, linus, 'Hidden Hanna');
    const mine = await enquiryHandledBy(url, grace, 'Shown Sven');
    const waiting = await openEnquiry('Queued Quentin');

    expect((await gqlData(url, ENQUIRY, { id: theirs.id }, grace.token)).enquiry).toBeNull();
    expect((await gqlData(url, ROOM, { id: theirs.id }, grace.token)).room).toBeNull();
    expect((await gqlData(url, ENQUIRY, { id: mine.id }, grace.token)).enquiry.id).toBe(mine.id);
    expect((await gqlData(url, ROOM, { id: mine.id }, grace.token)).room.enquiry.id).toBe(mine.id);
    // The Open queue is hers to see; its room is read once she picks it up (as before).
    expect((await gqlData(url, ENQUIRY, { id: waiting.enquiry.id }, grace.token)).enquiry.status).toBe(
      'OPEN',
    );
    expect(errorCode(await gql(url, ROOM, { id: waiting.enquiry.id }, grace.token))).toBe('FORBIDDEN');
    // The administrator sees Linus's.
    expect((await gqlData(url, ENQUIRY, { id: theirs.id }, ada.token)).enquiry.id).toBe(theirs.id);

    const socket = wsClient(url, () => grace.token);
    try {
      const refused = follow(socket, ROOM_EVENTS, { id: theirs.id, after: '0' });
      const missing = follow(socket, ROOM_EVENTS, { id: 'enq-does-not-exist', after: '0' });
      await until(() => refused.state.failed ?? refused.results.length > 0, 'the refusal');
      await until(() => missing.state.failed ?? missing.results.length > 0, 'the refusal of a missing id');
      const [theirsError, missingError] = [refused, missing].map(
        (f) => JSON.parse(JSON.stringify(f.state.failed ?? f.results[0]?.errors))[0],
      );
      expect(theirsError.extensions.code).toBe('NOT_FOUND');
      expect(theirsError.message).toBe(missingError.message);
      expect(refused.raw()).not.toContain('Hidden Hanna');
    } finally {
      await socket.dispose();
    }
  });
});

describe('an agent’s board stream', () => {
  it('carries no event of another agent’s enquiry, and a removal when someone else picks up an Open one', async () => {
    const theirs = await enquiryHandledBy(url, linus, 'Stream Other Stella');
    const mine = await enquiryHandledBy(url, grace, 'Stream Own Oscar');
    const { boardCursor } = await overview(grace, 'OPEN');
    const graceSocket = wsClient(url, () => grace.token);
    const adaSocket = wsClient(url, () => ada.token);
    try {
      const board = follow(graceSocket, BOARD_EVENTS, { after: boardCursor });
      const adminBoard = follow(adaSocket, BOARD_EVENTS, { after: boardCursor });
      const items = (f: typeof board): BoardItem[] => f.results.map((r) => r.data?.boardEvents as BoardItem);

      const waiting = await openEnquiry('Stream Waiting Walter');
      await gqlData(url, PICK_UP, { id: waiting.enquiry.id }, linus.token); // leaves Grace's view
      await gqlData(url, SEND, { id: waiting.enquiry.id, t: 'Linus to Walter' }, linus.token);
      await gqlData(url, SEND, { id: theirs.id, t: 'Linus to Stella' }, linus.token);
      await gqlData(url, TAKE_OVER, { id: theirs.id }, ada.token);
      await gqlData(url, SEND, { id: mine.id, t: 'Grace to Oscar: the last one' }, grace.token);
      const last = await until(
        () => items(board).find((e) => e.type === 'MESSAGE_POSTED' && e.enquiry.id === mine.id),
        'Grace’s own message on her board',
      );
      await until(
        () => items(adminBoard).find((e) => e.seq === last.seq),
        'the same event on the administrator’s board',
      );

      const seen = items(board);
      expect(board.results.every((r) => !r.errors)).toBe(true);
      // Nothing of Linus's enquiry, whatever happened to it; the administrator saw all of it.
      expect(seen.filter((e) => e.enquiry.id === theirs.id)).toEqual([]);
      expect(
        items(adminBoard)
          .filter((e) => e.enquiry.id === theirs.id)
          .map((e) => e.type),
      ).toEqual(['MESSAGE_POSTED', 'ENQUIRY_TAKEN_OVER']);
      // The Open enquiry: created with the visitor's first message (in her view), then one
      // removal, then nothing (Linus's message to Walter stays his).
      const walter = seen.filter((e) => e.enquiry.id === waiting.enquiry.id);
      expect(walter.map((e) => [e.type, e.removed])).toEqual([
        ['ENQUIRY_CREATED', false],
        ['MESSAGE_POSTED', false],
        ['ENQUIRY_PICKED_UP', true],
      ]);
      expect(walter[2]).toMatchObject({
        actor: null,
        enquiry: { status: 'HANDLING', owner: null, participants: [], monitors: [] },
      });
      expect(JSON.stringify(walter[2])).not.toContain(linus.staffId);
      // The administrator's board has the pick-up as it is, not removed.
      const adminPickUp = items(adminBoard).find(
        (e) => e.enquiry.id === waiting.enquiry.id && e.type === 'ENQUIRY_PICKED_UP',
      );
      expect(adminPickUp).toMatchObject({ removed: false, actor: { id: linus.staffId } });
      expect(
        seen.every((e) => e.removed || e.enquiry.status === 'OPEN' || takesPart(e.enquiry, grace.staffId)),
      ).toBe(true);

      // A replay from the same cursor gives her exactly what the live stream did.
      const replay = follow(graceSocket, BOARD_EVENTS, { after: boardCursor });
      await until(() => items(replay).find((e) => e.seq === last.seq), 'the replay up to the last event');
      expect(items(replay).filter((e) => e.seq <= last.seq)).toEqual(seen.filter((e) => e.seq <= last.seq));
    } finally {
      await graceSocket.dispose();
      await adaSocket.dispose();
    }
  });
});

describe('whispers in an agent’s room', () => {
  it('the owning agent whispers back to the administrators, and the agent taken over still can; the visitor never receives one', async () => {
    const { id, visitorToken } = await enquiryHandledBy(url, grace, 'Whisper Back Wendy');
    const after = await joinEnquiry(url, ada, id);
    expect((await gqlData(url, ROOM, { id }, grace.token)).room.viewer.canWhisper).toBe(true);
    const adaSocket = wsClient(url, () => ada.token);
    try {
      const adminRoom = follow(adaSocket, ROOM_EVENTS, { id, after });
      const sent = (await gqlData(url, WHISPER, { id, t: 'AGENT-WHISPER-1 please help' }, grace.token))
        .sendWhisper;
      expect(sent).toMatchObject({ kind: 'WHISPER', text: 'AGENT-WHISPER-1 please help' });
      await gqlData(url, TAKE_OVER, { id }, ada.token);
      await gqlData(url, WHISPER, { id, t: 'AGENT-WHISPER-2 after take-over' }, grace.token);
      await until(() => adminRoom.texts().includes('AGENT-WHISPER-2 after take-over'), 'both whispers');
      expect(adminRoom.texts()).toContain('AGENT-WHISPER-1 please help');
      const adminMessages = (await gqlData(url, ROOM, { id }, ada.token)).room.messages;
      expect(adminMessages.filter((m: { kind: string }) => m.kind === 'WHISPER')).toHaveLength(2);

      // The visitor: what she gets back holds no whisper; she may read no room or stream.
      const visitorAnswer = await gql(url, VISITOR_SAYS, { v: visitorToken, t: 'anyone there?' });
      expect(JSON.stringify(visitorAnswer)).not.toContain('AGENT-WHISPER');
      expect(errorCode(await gql(url, ROOM, { id }, visitorToken))).toBe('UNAUTHENTICATED');
      // Another agent cannot whisper into a room that is not there for her.
      expect(errorCode(await gql(url, WHISPER, { id, t: 'nosy' }, linus.token))).not.toBeNull();
    } finally {
      await adaSocket.dispose();
    }
  });
});
