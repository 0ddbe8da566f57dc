/**
 * The room's supervisor actions and help requests through main's request handler, against a
 * real in-process backend: agents/list, enquiry/transfer, enquiry/close, enquiry/askForHelp and
 * enquiry/helpRequest answer the shapes the renderer reads, and refusals arrive as data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../../backend/index';
import type { HelpRequest, Room } from '../../shared/domain';
import type { AgentAvailability } from '../../shared/ipc/contract';
import { createRequestHandler, type RequestHandler } from '../../main/core/request-handler';
import { enquiryHandledBy, gqlData, login, startTestBackend } from '../support/backend-client';
import { PASSWORD, recordingSession, type RecordingSession } from './helpers';

let backend: RunningBackend;
const sessions: RecordingSession[] = [];

beforeAll(async () => {
  backend = await startTestBackend();
  const ada = await login(backend.url, 'demo', 'ada@demo.test');
  await gqlData(
    backend.url,
    'mutation { updateTenantSettings(defaultAgentCapacity: 50) { defaultAgentCapacity } }',
    {},
    ada.token,
  );
});

afterAll(async () => {
  for (const r of sessions) await r.session.signOut().catch(() => undefined);
  await backend?.stop();
});

async function handlerFor(email: string): Promise<RequestHandler> {
  const r = recordingSession(backend.url);
  sessions.push(r);
  const handle = createRequestHandler(r.session);
  const signedIn = await handle('session/signIn', { tenant: 'demo', email, password: PASSWORD });
  expect(signedIn.ok).toBe(true);
  return handle;
}

describe('room actions over IPC', () => {
  it('lists agents, transfers an enquiry to one, and refuses an offline one with the reason', async () => {
    const grace = await login(backend.url, 'demo', 'grace@demo.test');
    const linus = await login(backend.url, 'demo', 'linus@demo.test');
    const margaret = await login(backend.url, 'demo', 'margaret@demo.test');
    await gqlData(backend.url, 'mutation { setPresence(presence: ONLINE) { id } }', {}, linus.token);
    await gqlData(backend.url, 'mutation { setPresence(presence: OFFLINE) { id } }', {}, margaret.token);
    const { id } = await enquiryHandledBy(backend.url, grace, 'IPC Transfer Visitor');
    const ada = await handlerFor('ada@demo.test');

    const agents = await ada('agents/list', {});
    expect(agents.ok).toBe(true);
    const list = (agents.ok ? agents.value : []) as AgentAvailability[];
    expect(list.find((a) => a.agent.id === margaret.staffId)).toMatchObject({
      presence: 'OFFLINE',
      capacity: 50,
    });
    expect(list.find((a) => a.agent.id === linus.staffId)?.presence).toBe('ONLINE');

    const refused = await ada('enquiry/transfer', {
      enquiryId: id,
      toStaffId: margaret.staffId,
      idempotencyKey: 'transfer-ipc-1',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(refused.ok ? '' : refused.error.message).toMatch(/offline/);

    const adaToken = (await login(backend.url, 'demo', 'ada@demo.test')).token;
    const { enquiry } = await gqlData<{ enquiry: { version: number } }>(
      backend.url,
      'query ($id: ID!) { enquiry(id: $id) { version } }',
      { id },
      adaToken,
    );
    const version = enquiry.version;
    const stale = await ada('enquiry/transfer', {
      enquiryId: id,
      toStaffId: linus.staffId,
      idempotencyKey: 'transfer-ipc-stale',
      expectedVersion: version - 1,
    });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const moved = await ada('enquiry/transfer', {
      enquiryId: id,
      toStaffId: linus.staffId,
      idempotencyKey: 'transfer-ipc-2',
      expectedVersion: version,
    });
    expect(moved.ok).toBe(true);
    const room = (moved.ok ? moved.value : null) as Room;
    expect(room.enquiry.owner?.id).toBe(linus.staffId);
    expect(room.messages.at(-1)?.text).toBe('Ada Lovelace transferred the enquiry to Linus Torvalds.');
    await gqlData(backend.url, 'mutation { setPresence(presence: ONLINE) { id } }', {}, margaret.token);
  });

  it("refuses an agent the agents list and someone else's close; an admin closes one she took over", async () => {
    const grace = await login(backend.url, 'demo', 'grace@demo.test');
    const { id } = await enquiryHandledBy(backend.url, grace, 'IPC Close Visitor');
    const ada = await handlerFor('ada@demo.test');
    const notYet = await ada('enquiry/close', { enquiryId: id });
    expect(notYet).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await ada('enquiry/takeOver', { enquiryId: id, idempotencyKey: 'takeover-ipc-1' })).toMatchObject({
      ok: true,
    });
    const closed = await ada('enquiry/close', { enquiryId: id });
    expect(closed).toMatchObject({ ok: true, value: { id, status: 'CLOSED' } });

    const agent = await handlerFor('linus@demo.test');
    expect(await agent('agents/list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('an agent asks for help, asks again with a new note, and reads the open request; a note over 500 characters is refused before it leaves main', async () => {
    const grace = await login(backend.url, 'demo', 'grace@demo.test');
    const { id } = await enquiryHandledBy(backend.url, grace, 'IPC Help Visitor');
    const agent = await handlerFor('grace@demo.test');
    expect(await agent('enquiry/helpRequest', { enquiryId: id })).toEqual({ ok: true, value: null });
    const first = await agent('enquiry/askForHelp', { enquiryId: id, note: '  Refund above my limit  ' });
    const opened = (first.ok ? first.value : null) as HelpRequest;
    expect(opened).toMatchObject({
      enquiryId: id,
      note: 'Refund above my limit',
      endedAt: null,
      agent: { id: grace.staffId },
    });
    const again = await agent('enquiry/askForHelp', { enquiryId: id, note: 'Now 250 EUR' });
    expect(again).toMatchObject({
      ok: true,
      value: { id: opened.id, note: 'Now 250 EUR', createdAt: opened.createdAt },
    });
    expect(await agent('enquiry/helpRequest', { enquiryId: id })).toMatchObject({
      ok: true,
      value: { id: opened.id },
    });
    const tooLong = await agent('enquiry/askForHelp', { enquiryId: id, note: 'x'.repeat(501) });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'BAD_USER_INPUT' } });
  });
});
