/**
 * The audit trail, staff list and settings through main's request handler, against a real
 * in-process backend (issue 13, items 4 and 5): the shapes the dialogs read, the filters and
 * the cursor, the CSV under the same filter, and refusals as data (an agent FORBIDDEN the
 * trail and the tenant's settings, a no-plan administrator PLAN_REQUIRED, a bad value
 * BAD_USER_INPUT in the backend's words, malformed arguments stopped by the contract).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../../backend/index';
import type { AuditPage, MySettings, TenantSettings } from '../../shared/ipc/contract';
import { createRequestHandler, type RequestHandler } from '../../main/core/request-handler';
import { enquiryHandledBy, gqlData, login, startTestBackend } from '../support/backend-client';
import { PASSWORD, recordingSession, type RecordingSession } from './helpers';

let backend: RunningBackend;
const sessions: RecordingSession[] = [];

beforeAll(async () => {
  backend = await startTestBackend();
});

afterAll(async () => {
  for (const r of sessions) await r.session.signOut().catch(() => undefined);
  await backend?.stop();
});

async function handlerFor(email: string, tenant = 'demo'): Promise<RequestHandler> {
  const r = recordingSession(backend.url);
  sessions.push(r);
  const handle = createRequestHandler(r.session);
  const signedIn = await handle('session/signIn', { tenant, email, password: PASSWORD });
  expect(signedIn.ok).toBe(true);
  return handle;
}

function value<T>(result: Awaited<ReturnType<RequestHandler>>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe('audit trail over IPC', () => {
  it('pages newest first by the cursor, filters by enquiry and staff member, and exports the same as CSV', async () => {
    const grace = await login(backend.url, 'demo', 'grace@demo.test');
    const adaLogin = await login(backend.url, 'demo', 'ada@demo.test');
    const { id } = await enquiryHandledBy(backend.url, grace, 'IPC Audit Visitor');
    await gqlData(
      backend.url,
      'mutation ($id: ID!) { joinEnquiry(enquiryId: $id) { cursor } }',
      { id },
      adaLogin.token,
    );
    for (let n = 1; n <= 4; n++)
      await gqlData(
        backend.url,
        'mutation ($id: ID!, $t: String!) { sendWhisper(enquiryId: $id, text: $t) { id } }',
        { id, t: `note ${n}` },
        adaLogin.token,
      );
    const ada = await handlerFor('ada@demo.test');
    const staff = value<{ id: string; name: string }[]>(await ada('staff/list', {}));
    expect(staff.map((s) => s.name)).toContain('Ada Lovelace');

    const first = value<AuditPage>(
      await ada('audit/list', { enquiryId: id, staffId: adaLogin.staffId, first: 3 }),
    );
    expect(first.entries.map((e) => e.action)).toEqual([
      'WHISPER_POSTED',
      'WHISPER_POSTED',
      'WHISPER_POSTED',
    ]);
    expect(first.entries[0]).toMatchObject({
      detail: 'note 4',
      actor: { name: 'Ada Lovelace' },
      target: { kind: 'ENQUIRY', id },
    });
    expect(first.hasNextPage).toBe(true);
    const second = value<AuditPage>(
      await ada('audit/list', { enquiryId: id, staffId: adaLogin.staffId, first: 3, after: first.endCursor }),
    );
    expect(second.entries.map((e) => e.action)).toEqual(['WHISPER_POSTED', 'ADMIN_JOINED']);
    expect(second.hasNextPage).toBe(false);

    const someoneElse = value<AuditPage>(await ada('audit/list', { enquiryId: id, staffId: grace.staffId }));
    expect(someoneElse.entries).toEqual([]);

    const csv = value<string>(await ada('audit/csv', { enquiryId: id }));
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('time,action,actor,actor id,target,target kind,target id,ended,detail');
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(
      [...first.entries, ...second.entries].map((e) => e.at),
    );
  });

  it('refuses an agent (FORBIDDEN), a no-plan administrator (PLAN_REQUIRED) and malformed arguments (BAD_USER_INPUT)', async () => {
    const grace = await handlerFor('grace@demo.test');
    const refused = await grace('audit/list', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const basil = await handlerFor('basil@basic.test', 'basic');
    const plan = await basil('audit/csv', {});
    expect(plan).toMatchObject({ ok: false, error: { code: 'PLAN_REQUIRED' } });
    expect(!plan.ok && plan.error.message).toMatch(/plan does not include enquiry monitoring/);
    const ada = await handlerFor('ada@demo.test');
    expect(await ada('audit/list', { first: 1000 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_USER_INPUT' },
    });
    expect(await ada('audit/list', { from: 'yesterday' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_USER_INPUT', message: expect.stringMatching(/ISO time/) },
    });
  });
});

describe('settings over IPC', () => {
  it("an administrator changes the tenant's settings; a bad value is refused in the backend's words; an agent may not", async () => {
    const ada = await handlerFor('ada@demo.test');
    const before = value<TenantSettings>(await ada('settings/getTenant', {}));
    const after = value<TenantSettings>(
      await ada('settings/updateTenant', {
        slaThresholdSeconds: before.slaThresholdSeconds + 7,
        agentsSeeMonitors: true,
      }),
    );
    expect(after).toMatchObject({
      slaThresholdSeconds: before.slaThresholdSeconds + 7,
      agentsSeeMonitors: true,
    });
    expect(after.agentCapacities.length).toBeGreaterThan(0);

    const refused = await ada('settings/updateTenant', { slaThresholdSeconds: 0 });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'BAD_USER_INPUT', message: expect.stringMatching(/SLA threshold must be/) },
    });
    expect(await ada('settings/updateTenant', { slaThresholdSeconds: 1.5 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_USER_INPUT' },
    });

    const grace = await handlerFor('grace@demo.test');
    expect(await grace('settings/updateTenant', { agentsSeeMonitors: false })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(value<TenantSettings>(await ada('settings/getTenant', {})).agentsSeeMonitors).toBe(true);
  });

  it('everyone changes her own settings, and only her own', async () => {
    const grace = await handlerFor('grace@demo.test');
    const saved = value<MySettings>(
      await grace('settings/updateMine', {
        theme: 'DARK',
        doNotDisturb: true,
        notificationKinds: [{ kind: 'ADMIN_JOINED', enabled: false }],
      }),
    );
    expect(saved).toMatchObject({ theme: 'DARK', doNotDisturb: true });
    expect(saved.notificationKinds.find((k) => k.kind === 'ADMIN_JOINED')?.enabled).toBe(false);
    expect(value<MySettings>(await grace('settings/getMine', {})).theme).toBe('DARK');
    const linus = await handlerFor('linus@demo.test');
    expect(value<MySettings>(await linus('settings/getMine', {})).theme).toBe('SYSTEM');
    expect(await grace('settings/updateMine', { theme: 'PURPLE' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_USER_INPUT' },
    });
  });
});
