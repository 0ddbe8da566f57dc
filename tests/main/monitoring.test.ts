/**
 * Monitoring from several console sessions of one administrator (two browser-host tabs,
 * or the desktop app and a tab): closing a room in one never stops another's monitoring;
 * the administrator stops being listed when the last session lets go — by closing the
 * room, signing out, or losing its connection.
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
  visitorStartsEnquiry,
  type RecordingSession,
  signInLive,
} from './helpers';

let backend: RunningBackend;
let token: string;

beforeAll(async () => {
  backend = await startTestBackend({ monitorLeaseTtlMs: 800 });
  token = await accessTokenOf(backend.url, 'alan@demo.test');
});

afterAll(async () => {
  await backend?.stop();
});

/** Who the backend lists as monitoring the enquiry now (read by Alan, another admin). */
const monitorsNow = (enquiryId: string) => monitorsOf(backend.url, token, enquiryId);

const MONITOR_WITHOUT_STREAM = `mutation ($id: ID!) { monitorEnquiry(enquiryId: $id, monitorKey: "no-stream-window") { cursor } }`;

const signedInAda = (): Promise<RecordingSession> =>
  signInLive(recordingSession(backend.url), 'ada@demo.test');

describe('one administrator monitoring from two sessions', () => {
  it('stays listed while the other session still has the room open; gone after both close it', async () => {
    const { id } = await visitorStartsEnquiry(backend.url, 'Two Tabs Tina');
    const [tab1, tab2] = await Promise.all([signedInAda(), signedInAda()]);
    expect((await tab1.session.openRoom(id)).viewer.isMonitoring).toBe(true);
    expect((await tab2.session.openRoom(id)).viewer.isMonitoring).toBe(true);
    expect(await monitorsNow(id)).toEqual(['ada@demo.test']);

    await tab1.session.closeRoom(id);
    expect(await monitorsNow(id)).toEqual(['ada@demo.test']);

    await tab2.session.closeRoom(id);
    expect(await monitorsNow(id)).toEqual([]);
    await Promise.all([tab1.session.signOut(), tab2.session.signOut()]);
  });

  it('stops at once when the last session with the room open signs out', async () => {
    const { id } = await visitorStartsEnquiry(backend.url, 'Signing Out Sid');
    const [tab1, tab2] = await Promise.all([signedInAda(), signedInAda()]);
    await tab1.session.openRoom(id);
    await tab2.session.openRoom(id);
    await tab1.session.signOut();
    expect(await monitorsNow(id)).toEqual(['ada@demo.test']);
    await tab2.session.signOut();
    expect(await monitorsNow(id)).toEqual([]);
  });

  it('ends the monitoring of a session whose connection died without closing the room', async () => {
    const { id } = await visitorStartsEnquiry(backend.url, 'Crashed Window Cleo');
    const [crashing, tab] = await Promise.all([signedInAda(), signedInAda()]);
    await crashing.session.openRoom(id);
    await tab.session.openRoom(id);
    await tab.session.closeRoom(id);
    // Past a lease period (Alan's lease, with no room stream, runs out) the open room's
    // stream keeps Ada's lease alive.
    await gql(backend.url, MONITOR_WITHOUT_STREAM, { id }, token);
    await until(async () => !(await monitorsNow(id)).includes('alan@demo.test'), "Alan's lease to run out");
    expect(await monitorsNow(id)).toEqual(['ada@demo.test']);
    // The window's process dies: its connection drops, no stopMonitoring is ever sent.
    await (crashing.session as unknown as { teardown(): Promise<void> }).teardown();
    await until(async () => (await monitorsNow(id)).length === 0, 'the lease to run out');
    await tab.session.signOut();
  });
});
