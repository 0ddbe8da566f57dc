/**
 * Dismissing a help request and setting one's own presence through main (issue 13, items 3
 * and 2), against a real in-process backend: 'helpRequests/dismiss' ends the request saying
 * who did and how, and the board and room events the renderer gets say the same; an agent may
 * not dismiss; 'presence/set' changes the agent's own presence, 'presence/get' reads it, and
 * the administrator's live agents follow. Inputs are checked at the IPC boundary.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../../backend/index';
import type { EndedHelpRequest, OpenHelpRequest } from '../../shared/ipc/contract';
import { createRequestHandler } from '../../main/core/request-handler';
import { enquiryHandledBy, gqlData, login, startTestBackend } from '../support/backend-client';
import { recordingSession, signInLive, until, type RecordingSession } from './helpers';

let backend: RunningBackend;
const sessions: RecordingSession[] = [];

beforeAll(async () => {
  backend = await startTestBackend();
});

afterAll(async () => {
  for (const r of sessions) await r.session.signOut().catch(() => undefined);
  await backend?.stop();
});

async function signedIn(email: string): Promise<RecordingSession> {
  const r = recordingSession(backend.url);
  sessions.push(r);
  return signInLive(r, email);
}

async function value<T>(
  result: Promise<{ ok: true; value: unknown } | { ok: false; error: { message: string } }>,
) {
  const answered = await result;
  if (!answered.ok) throw new Error(answered.error.message);
  return answered.value as T;
}

describe('dismissing a help request over IPC', () => {
  it('ends it saying who dismissed it; the board and the agent room events say so too', async () => {
    const ada = await signedIn('ada@demo.test');
    const grace = await signedIn('grace@demo.test');
    const graceLogin = await login(backend.url, 'demo', 'grace@demo.test');
    const { id } = await enquiryHandledBy(backend.url, graceLogin, 'Dismiss Visitor');
    await value(createRequestHandler(grace.session)('room/open', { enquiryId: id }));
    await value(createRequestHandler(grace.session)('enquiry/askForHelp', { enquiryId: id, note: 'Stuck' }));

    const handle = createRequestHandler(ada.session);
    const open = (await value<OpenHelpRequest[]>(handle('helpRequests/list', {}))).find(
      (h) => h.enquiry.id === id,
    );
    expect(open).toBeDefined();
    const ended = await value<EndedHelpRequest>(handle('helpRequests/dismiss', { id: open!.id }));
    expect(ended).toMatchObject({
      id: open!.id,
      enquiry: { id, visitor: { name: 'Dismiss Visitor' } },
      agent: { name: 'Grace Hopper' },
      endedBy: { name: 'Ada Lovelace' },
      endReason: 'DISMISSED',
    });
    expect(ended.endedAt).not.toBeNull();
    const after = await value<OpenHelpRequest[]>(handle('helpRequests/list', {}));
    expect(after.some((h) => h.id === open!.id)).toBe(false);

    const boardEnded = () =>
      ada
        .of('board/events')
        .flat()
        .find((e) => e.type === 'HELP_REQUEST_ENDED' && e.enquiry.id === id);
    await until(boardEnded, 'the board event');
    expect(boardEnded()!.helpRequest).toMatchObject({
      endedBy: { name: 'Ada Lovelace' },
      endReason: 'DISMISSED',
    });
    const roomEnded = () =>
      grace
        .of('room/events')
        .filter((batch) => batch.enquiryId === id)
        .flatMap((batch) => batch.events)
        .find((e) => e.type === 'HELP_REQUEST_ENDED');
    await until(roomEnded, "the agent's room event");
    expect(roomEnded()!.helpRequest).toMatchObject({
      endedBy: { name: 'Ada Lovelace' },
      endReason: 'DISMISSED',
    });

    // Dismissing it again is refused, saying how it ended.
    const again = await handle('helpRequests/dismiss', { id: open!.id });
    expect(!again.ok && again.error.code).toBe('INVALID_STATE');
    expect(!again.ok && again.error.message).toContain('Ada Lovelace');
  });

  it('an agent may not dismiss; a malformed id never reaches the backend', async () => {
    const grace = await signedIn('grace@demo.test');
    const handle = createRequestHandler(grace.session);
    const refused = await handle('helpRequests/dismiss', { id: 'hlp_nope' });
    expect(!refused.ok && refused.error.code).toBe('FORBIDDEN');
    const bad = await handle('helpRequests/dismiss', { id: '' });
    expect(!bad.ok && bad.error.code).toBe('BAD_USER_INPUT');
    const extra = await handle('helpRequests/dismiss', { id: 'hlp_x', reason: 'nope' });
    expect(!extra.ok && extra.error.code).toBe('BAD_USER_INPUT');
  });
});

describe('one own presence over IPC', () => {
  it('an agent sets Away, reads it back, and the administrator sees it live', async () => {
    const ada = await signedIn('ada@demo.test');
    const linus = await signedIn('linus@demo.test');
    const handle = createRequestHandler(linus.session);
    expect(await value(handle('presence/set', { presence: 'AWAY' }))).toBe('AWAY');
    expect(await value(handle('presence/get', {}))).toBe('AWAY');
    const linusIn = () =>
      ada
        .of('metrics/live')
        .at(-1)
        ?.agents.find((a) => a.agent.name === 'Linus Torvalds');
    await until(() => linusIn()?.presence === 'AWAY', "Linus's presence in the administrator's live agents");

    expect(await value(handle('presence/set', { presence: 'ONLINE' }))).toBe('ONLINE');
    await until(() => linusIn()?.presence === 'ONLINE', 'back online, live');
    const token = (await login(backend.url, 'demo', 'linus@demo.test')).token;
    expect((await gqlData(backend.url, '{ me { presence } }', {}, token)).me.presence).toBe('ONLINE');
  });

  it('refuses a presence that does not exist', async () => {
    const linus = await signedIn('linus@demo.test');
    const bad = await createRequestHandler(linus.session)('presence/set', { presence: 'ASLEEP' });
    expect(!bad.ok && bad.error.code).toBe('BAD_USER_INPUT');
  });
});
