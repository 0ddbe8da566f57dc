/**
 * When the backend ends a room's stream for good because the viewer lost the right to the
 * room (issue 11, defect 3), the console tells the renderer: one 'room/ended' event with the
 * server's code and message, the stream forgotten, and opening the room again — once the
 * right is back — streams it afresh. Against a real backend that re-reads accounts every
 * second; the plan and the role are changed in its store, as an operator would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../../backend/index';
import { enquiryHandledBy, login, setMonitoringPlan, startTestBackend } from '../support/backend-client';
import { recordingSession, until, visitorSays, type RecordingSession, signInLive } from './helpers';

let backend: RunningBackend;

beforeAll(async () => {
  // Accounts (role, plan) are read again every second, so a lost right ends streams soon.
  backend = await startTestBackend({ actorCacheTtlMs: 1_000 });
});

afterAll(async () => {
  await backend?.stop();
});

const setPlan = (monitoring: boolean): Promise<void> => setMonitoringPlan(backend, monitoring);

async function setRole(email: string, role: 'ADMINISTRATOR' | 'AGENT'): Promise<void> {
  await backend.services.store.query(`update staff set role = $1 where tenant_id = 'demo' and email = $2`, [
    role,
    email,
  ]);
  backend.services.actors.invalidate({ tenantId: 'demo' });
}

/** A Handling enquiry owned by Grace, with a visitor who can speak in it. */
async function handlingEnquiry(name: string): Promise<{ id: string; visitorToken: string }> {
  return enquiryHandledBy(backend.url, await login(backend.url, 'demo', 'grace@demo.test'), name);
}

/** The texts of the room's messages the session passed on to the renderer. */
function roomTexts(r: RecordingSession, enquiryId: string): string[] {
  return r
    .of('room/events')
    .filter((batch) => batch.enquiryId === enquiryId)
    .flatMap((batch) => batch.events)
    .flatMap((event) => (event.message?.kind === 'TEXT' ? [event.message.text] : []));
}

/** Ada, signed in and live, monitoring a room that streams. */
async function adaWatching(name: string) {
  const r = recordingSession(backend.url);
  await signInLive(r, 'ada@demo.test');
  const enquiry = await handlingEnquiry(name);
  await r.session.openRoom(enquiry.id);
  await visitorSays(backend.url, enquiry.visitorToken, 'before');
  await until(() => roomTexts(r, enquiry.id).includes('before'), 'the room streams');
  return { r, ...enquiry };
}

describe('a room whose stream the backend ends for good', () => {
  it("emits 'room/ended' with PLAN_REQUIRED when the plan loses monitoring, and streams afresh when reopened after it is back", async () => {
    const { r, id, visitorToken } = await adaWatching('Ended Edna');
    try {
      await setPlan(false);
      await until(() => r.of('room/ended').length > 0, "'room/ended' emitted", 10_000);
      expect(r.of('room/ended')).toEqual([
        { enquiryId: id, code: 'PLAN_REQUIRED', message: expect.stringMatching(/plan/) as unknown },
      ]);
      // The stream is forgotten, and the session goes on (signed in, live).
      expect(r.session.openRoomIds()).not.toContain(id);
      expect(r.session.getState().status).toBe('signed-in');
      await visitorSays(backend.url, visitorToken, 'while ended');
    } finally {
      await setPlan(true);
    }

    // The right is back: opening the room again streams it from a fresh snapshot.
    const room = await r.session.openRoom(id);
    expect(room.messages.map((m) => m.text)).toContain('while ended');
    expect(r.session.openRoomIds()).toContain(id);
    await visitorSays(backend.url, visitorToken, 'after');
    await until(() => roomTexts(r, id).includes('after'), 'the reopened room streams');
    expect(roomTexts(r, id)).not.toContain('while ended'); // it came with the snapshot, not the old stream
    expect(r.of('room/ended')).toHaveLength(1);
    await r.session.signOut();
  }, 30_000);

  it("emits 'room/ended' with FORBIDDEN when the viewer is no longer an administrator", async () => {
    const { r, id } = await adaWatching('Demoted Dora');
    try {
      await setRole('ada@demo.test', 'AGENT');
      await until(() => r.of('room/ended').length > 0, "'room/ended' emitted", 10_000);
      const [ended] = r.of('room/ended');
      expect(ended).toMatchObject({ enquiryId: id, code: 'FORBIDDEN' });
      expect(ended?.message).toMatch(/no longer in the room/);
      expect(r.session.openRoomIds()).not.toContain(id);
    } finally {
      await setRole('ada@demo.test', 'ADMINISTRATOR');
    }
    // Closing the pane of an ended room is quiet: nothing else is emitted for it.
    await r.session.closeRoom(id);
    expect(r.of('room/ended')).toHaveLength(1);
    await r.session.signOut();
  }, 30_000);
});
