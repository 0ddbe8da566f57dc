/**
 * Rooms across a reload of the renderer: the rooms of a renderer that went away stay open
 * (streaming, monitored) for the next one to open again, with no stop and restart of the
 * monitoring; those not opened again close when the hold ends. Opening and closing one
 * room run in the order asked, so a quick close + open (or open + close) never leaves a
 * ghost stream or a room shown but no longer monitored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../../backend/index';
import { startTestBackend } from '../support/backend-client';
import {
  accessTokenOf,
  monitorsOf,
  gql,
  recordingSession,
  until,
  visitorSays,
  visitorStartsEnquiry,
  type RecordingSession,
  signInLive,
} from './helpers';

let backend: RunningBackend;
let token: string;

beforeAll(async () => {
  backend = await startTestBackend();
  token = await accessTokenOf(backend.url, 'alan@demo.test');
});

afterAll(async () => {
  await backend?.stop();
});

/** Who the backend lists as monitoring the enquiry now (read by Alan, another admin). */
const monitorsNow = (enquiryId: string) => monitorsOf(backend.url, token, enquiryId);

/** The monitoring the audit trail recorded for the enquiry, oldest first. */
async function monitorAudit(enquiryId: string): Promise<string[]> {
  const data = await gql<{ auditTrail: { edges: { node: { action: string } }[] } }>(
    backend.url,
    `query ($id: ID!) { auditTrail(enquiryId: $id, first: 50) { edges { node { action } } } }`,
    { id: enquiryId },
    token,
  );
  return data.auditTrail.edges
    .map((edge) => edge.node.action)
    .filter((action) => action.startsWith('MONITOR_'))
    .reverse();
}

const signedInAda = (): Promise<RecordingSession> =>
  signInLive(recordingSession(backend.url), 'ada@demo.test');

/** Texts of the room's messages the session passed on to the renderer, in order. */
function streamedTexts(r: RecordingSession, enquiryId: string): string[] {
  return r
    .of('room/events')
    .filter((batch) => batch.enquiryId === enquiryId)
    .flatMap((batch) => batch.events)
    .flatMap((event) => (event.message?.text ? [event.message.text] : []));
}

describe('rooms across a reload of the renderer', () => {
  it('keeps the rooms the next renderer opens again, unbroken; closes the others when the hold ends', async () => {
    const kept = await visitorStartsEnquiry(backend.url, 'Reloaded Rosa');
    const dropped = await visitorStartsEnquiry(backend.url, 'Forgotten Fred');
    const ada = await signedInAda();
    await ada.session.openRoom(kept.id);
    await ada.session.openRoom(dropped.id);

    ada.session.keepRoomsForReopen(300);
    // The reloaded renderer restores one of the two panes.
    expect((await ada.session.openRoom(kept.id)).viewer.isMonitoring).toBe(true);

    await until(() => !ada.session.openRoomIds().includes(dropped.id), 'the room not reopened to close');
    await until(async () => (await monitorsNow(dropped.id)).length === 0, 'its monitoring to stop');
    expect(ada.session.openRoomIds()).toEqual([kept.id]);
    expect(await monitorsNow(kept.id)).toEqual(['ada@demo.test']);
    expect(await monitorAudit(kept.id)).toEqual(['MONITOR_STARTED']);
    expect(await monitorAudit(dropped.id)).toEqual(['MONITOR_STARTED', 'MONITOR_STOPPED']);

    // One stream: a message after the reload reaches the renderer once.
    await visitorSays(backend.url, kept.visitorToken, 'still there?');
    await until(() => streamedTexts(ada, kept.id).includes('still there?'), 'the message');
    expect(streamedTexts(ada, kept.id).filter((text) => text === 'still there?')).toHaveLength(1);
    await ada.session.signOut();
    expect(await monitorsNow(kept.id)).toEqual([]);
  });

  it('holds a room the departed renderer was still opening, and closes it with the rest', async () => {
    const { id } = await visitorStartsEnquiry(backend.url, 'Half-Open Hana');
    const ada = await signedInAda();
    const opening = ada.session.openRoom(id);
    ada.session.keepRoomsForReopen(200);
    await opening;
    expect(ada.session.openRoomIds()).toEqual([id]);
    await until(() => ada.session.openRoomIds().length === 0, 'the held room to close');
    await until(async () => (await monitorsNow(id)).length === 0, 'its monitoring to stop');
    await ada.session.signOut();
  });

  it('runs a close and an open of one room asked back to back in that order, and the reverse', async () => {
    const { id } = await visitorStartsEnquiry(backend.url, 'Quick Quentin');
    const ada = await signedInAda();
    await ada.session.openRoom(id);

    // Close, then open at once (a reload's renderer reopening what the old one closed).
    await Promise.all([ada.session.closeRoom(id), ada.session.openRoom(id)]);
    expect(ada.session.openRoomIds()).toEqual([id]);
    expect(await monitorsNow(id)).toEqual(['ada@demo.test']);

    // Close and open again, then close at once (a pane closed while it was opening).
    await ada.session.closeRoom(id);
    await Promise.all([ada.session.openRoom(id), ada.session.closeRoom(id)]);
    expect(ada.session.openRoomIds()).toEqual([]);
    expect(await monitorsNow(id)).toEqual([]);
    await ada.session.signOut();
  });

  it('drops the hold at sign-out: every room closes at once', async () => {
    const { id } = await visitorStartsEnquiry(backend.url, 'Signed-Out Sam');
    const ada = await signedInAda();
    await ada.session.openRoom(id);
    ada.session.keepRoomsForReopen(60_000);
    await ada.session.signOut();
    expect(ada.session.openRoomIds()).toEqual([]);
    expect(await monitorsNow(id)).toEqual([]);
  });
});
