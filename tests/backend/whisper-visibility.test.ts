/**
 * Whispers never reach visitors or administrators without the monitoring plan (issue 11).
 * An administrator who joined a room stays in it as a participant when her tenant's plan
 * loses enquiry monitoring, but whispers are supervision: the server strips them from
 * everything she receives (the room's messages, every answer carrying a room, a room stream
 * already open and one opened afterwards) and she may no longer send one; ordinary messages
 * still reach her, and with the plan back the whispers do too. One rule decides it
 * (`whisperBlock` in backend/domain/rules.ts). Visitors: no visitor operation returns
 * messages, and the authorization matrix looks for whisper text in every answer a visitor
 * gets (tests/backend/authorization-matrix.test.ts).
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
  setMonitoringPlan,
  startTestBackend,
  wsClient,
  type Session,
} from '../support/backend-client';
import { follow, ROOM_EVENTS } from '../support/follow';
import { until } from '../support/until';

const NOTIFICATIONS = `subscription { notifications { kind title body } }`;
const ROOM = `query ($id: ID!) {
  room(enquiryId: $id) { messages(last: 200) { kind text } viewer { isParticipant canWhisper canSendMessage } }
}`;
const SEND = `mutation ($id: ID!, $t: String!) { sendMessage(enquiryId: $id, text: $t) { seq } }`;
const WHISPER = `mutation ($id: ID!, $t: String!) { sendWhisper(enquiryId: $id, text: $t) { seq kind text } }`;
const VISITOR_SAYS = `mutation ($v: String!, $t: String!) { sendVisitorMessage(visitorToken: $v, text: $t) { seq text } }`;
const AUDIT = `query ($id: ID!) { auditTrail(enquiryId: $id, first: 50) { edges { node { action detail } } } }`;

describe('whispers and an administrator whose plan lost enquiry monitoring', () => {
  let backend: RunningBackend;
  let url: string;

  beforeAll(async () => {
    // Accounts (role, plan) are read again every second (live rights re-check as often).
    backend = await startTestBackend({ actorCacheTtlMs: 1_000 });
    url = backend.url;
  });
  afterAll(async () => {
    await backend?.stop();
  });

  /** An operator changes the demo tenant's plan and tells this instance. */
  const setMonitoring = (on: boolean): Promise<void> => setMonitoringPlan(backend, on);

  it('strips whispers from her room, every answer and her streams, ordinary messages still arrive; with the plan back she reads them again', async () => {
    const [grace, ada] = await Promise.all([
      login(url, 'demo', 'grace@demo.test'),
      login(url, 'demo', 'ada@demo.test'),
    ]);
    const { id, visitorToken } = await enquiryHandledBy(url, grace, 'Whisper Wanda', 'hello');
    const after = await joinEnquiry(url, ada, id);
    const say = (who: Session, t: string) => gqlData(url, SEND, { id, t }, who.token);
    const whisper = (who: Session, t: string) => gqlData(url, WHISPER, { id, t }, who.token);
    const room = async (who: Session) => (await gqlData(url, ROOM, { id }, who.token)).room;
    const whispersIn = (messages: { kind: string; text: string }[]) =>
      messages.filter((m) => m.kind === 'WHISPER').map((m) => m.text);

    const adaSocket = wsClient(url, () => ada.token);
    const live = follow(adaSocket, ROOM_EVENTS, { id, after });
    const toasts = follow(adaSocket, NOTIFICATIONS);
    let replay: ReturnType<typeof follow> | null = null;
    try {
      // With the plan, Ada reads whispers: the agent's and her own.
      await whisper(grace, 'psst-1 from Grace');
      await whisper(ada, 'psst-2 from Ada');
      await say(grace, 'plain-1');
      await until(() => live.texts().includes('plain-1'), 'Ada streams the room');
      expect(live.texts()).toEqual(
        expect.arrayContaining(['psst-1 from Grace', 'psst-2 from Ada', 'plain-1']),
      );
      expect(whispersIn((await room(ada)).messages)).toEqual(['psst-1 from Grace', 'psst-2 from Ada']);

      await setMonitoring(false);

      // The agent whispers; then a message and the visitor. Events arrive in order, so once
      // the later message reached Ada's stream the whisper before it would have too.
      await whisper(grace, 'psst-3 while Ada has no plan');
      await say(grace, 'plain-2');
      await gqlData(url, VISITOR_SAYS, { v: visitorToken, t: 'visitor-1' });
      await until(() => live.texts().includes('visitor-1'), 'ordinary messages reach Ada without the plan');

      // The room query: every whisper stripped, the rest as it was; she may not whisper now.
      const without = await room(ada);
      expect(without.viewer).toEqual({ isParticipant: true, canWhisper: false, canSendMessage: true });
      expect(whispersIn(without.messages)).toEqual([]);
      expect(JSON.stringify(without)).not.toMatch(/psst/);
      expect(without.messages.map((m: { text: string }) => m.text)).toEqual(
        expect.arrayContaining(['hello', 'plain-1', 'plain-2', 'visitor-1']),
      );
      // Whispers come with the plan: she may not send one either (as canWhisper says).
      const refusedWhisper = await gql(url, WHISPER, { id, t: 'psst-refused' }, ada.token);
      expect(errorCode(refusedWhisper)).toBe('PLAN_REQUIRED');
      expect(refusedWhisper.errors?.[0]?.message).toMatch(/plan does not include enquiry monitoring/);
      const audit = await gql(url, AUDIT, { id }, ada.token);
      expect(errorCode(audit)).toBe('PLAN_REQUIRED');
      expect(JSON.stringify(audit)).not.toMatch(/psst/);
      // Her own message still goes through. A mutation's answer carrying the room (here:
      // leaving, which needs no plan) shows the messages without whispers too.
      await say(ada, 'plain-3 from Ada');
      const left = await gqlData(
        url,
        `mutation ($id: ID!) { leaveEnquiry(enquiryId: $id) { messages(last: 200) { kind text } } }`,
        { id },
        ada.token,
      );
      const leftMessages = left.leaveEnquiry.messages as { kind: string; text: string }[];
      expect(leftMessages.map((m) => m.text)).toContain('plain-3 from Ada');
      expect(JSON.stringify(leftMessages)).not.toMatch(/psst/);

      // The live stream: the whisper event was not delivered, everything else was.
      await until(() => live.texts().includes('plain-3 from Ada'), "Ada's own message streamed");
      const sinceFlip = live.results.slice(
        live.results.findIndex((r) => r.data?.roomEvents?.message?.text === 'plain-1') + 1,
      );
      expect(JSON.stringify(sinceFlip)).not.toMatch(/psst/);
      expect(sinceFlip.map((r) => r.data?.roomEvents?.type)).not.toContain('WHISPER_POSTED');
      expect(sinceFlip.map((r) => r.data?.roomEvents?.message?.text)).toEqual(
        expect.arrayContaining(['plain-2', 'visitor-1', 'plain-3 from Ada']),
      );
      // She left: her stream ends (she is neither in the room nor supervising).
      await until(() => live.state.completed, "Ada's room stream ended when she left");
    } finally {
      await setMonitoring(true);
    }

    // With the plan back she joins again: the room shows every whisper, the one sent while
    // she had no plan included, and a stream replaying from her first join has them all.
    await joinEnquiry(url, ada, id);
    await whisper(grace, 'psst-4 with the plan back');
    const back = await room(ada);
    expect(back.viewer.canWhisper).toBe(true);
    expect(whispersIn(back.messages)).toEqual([
      'psst-1 from Grace',
      'psst-2 from Ada',
      'psst-3 while Ada has no plan',
      'psst-4 with the plan back',
    ]);
    replay = follow(adaSocket, ROOM_EVENTS, { id, after });
    await until(
      () => replay!.texts().includes('psst-4 with the plan back'),
      'the replay reaches the last whisper',
    );
    expect(replay.texts()).toEqual(expect.arrayContaining(['psst-3 while Ada has no plan', 'plain-2']));
    // No toast of hers ever spoke of a whisper.
    expect(toasts.raw()).not.toMatch(/psst/);
    await adaSocket.dispose();
  });

  it('a room stream that is open when the plan goes and comes back: whispers stop, then arrive again', async () => {
    const [linus, alan] = await Promise.all([
      login(url, 'demo', 'linus@demo.test'),
      login(url, 'demo', 'alan@demo.test'),
    ]);
    const { id } = await enquiryHandledBy(url, linus, 'Stream Stella', 'hello');
    const after = await joinEnquiry(url, alan, id);
    const say = (t: string) => gqlData(url, SEND, { id, t }, linus.token);
    const whisper = (t: string) => gqlData(url, WHISPER, { id, t }, linus.token);

    const alanSocket = wsClient(url, () => alan.token);
    const linusSocket = wsClient(url, () => linus.token);
    const alanRoom = follow(alanSocket, ROOM_EVENTS, { id, after });
    const linusRoom = follow(linusSocket, ROOM_EVENTS, { id, after });
    try {
      await whisper('hush-A');
      await say('talk-A');
      await until(() => alanRoom.texts().includes('talk-A'), 'Alan streams');

      await setMonitoring(false);
      await whisper('hush-B');
      await say('talk-B');
      await until(() => alanRoom.texts().includes('talk-B'), 'Alan streams without the plan');

      // A new stream opened without the plan replays the room without its whispers.
      const fresh = follow(alanSocket, ROOM_EVENTS, { id, after });
      await until(() => fresh.texts().includes('talk-B'), 'the replay without the plan');
      expect(fresh.texts()).toEqual(['talk-A', 'talk-B']);
      expect(fresh.types()).not.toContain('WHISPER_POSTED');
      expect(fresh.types()).toContain('MESSAGE_POSTED');

      await setMonitoring(true);
      await whisper('hush-C');
      await say('talk-C');
      await until(() => alanRoom.texts().includes('talk-C'), 'Alan streams with the plan back');
      await until(() => fresh.texts().includes('talk-C'), 'the stream opened without the plan goes on');
      await until(() => linusRoom.texts().includes('talk-C'), 'the agent streams');

      expect(alanRoom.texts()).toEqual(['hush-A', 'talk-A', 'talk-B', 'hush-C', 'talk-C']);
      expect(fresh.texts()).toEqual(['talk-A', 'talk-B', 'hush-C', 'talk-C']);
      // The agent, who may always read whispers in her room, got every one.
      expect(linusRoom.texts()).toEqual(['hush-A', 'talk-A', 'hush-B', 'talk-B', 'hush-C', 'talk-C']);
      expect([alanRoom, fresh, linusRoom].map((r) => [r.state.completed, r.state.failed])).toEqual([
        [false, null],
        [false, null],
        [false, null],
      ]);
    } finally {
      await setMonitoring(true);
      await Promise.all([alanSocket.dispose(), linusSocket.dispose()]);
    }
  });
});
