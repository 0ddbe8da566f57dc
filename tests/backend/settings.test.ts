import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../../backend/index';
import { errorCode, gql, gqlData, login, startTestBackend, type Session } from '../support/backend-client';
import { createTenant } from '../support/tenant-world';

/**
 * Settings (issue 13, item 5): tenant settings only for administrators (the SLA threshold and
 * agents' capacity also need the monitoring plan), every value checked, every change in the
 * audit trail; a person's own settings kept by the server, for herself only.
 */

const SETTINGS = `{ tenantSettings { waitLimitSeconds waitWarningSeconds slaThresholdSeconds defaultAgentCapacity
  agentCapacities { agent { id name } capacity custom } } }`;
const UPDATE = `mutation ($limit: Int, $warning: Int, $sla: Int, $capacity: Int, $agents: [AgentCapacityInput!]) {
  updateTenantSettings(waitLimitSeconds: $limit, waitWarningSeconds: $warning, slaThresholdSeconds: $sla,
                       defaultAgentCapacity: $capacity, agentCapacities: $agents) {
    waitLimitSeconds waitWarningSeconds slaThresholdSeconds defaultAgentCapacity agentCapacities { agent { name } capacity custom } } }`;
const AUDIT = `{ auditTrail(first: 50) { edges { node { action actor { name } at detail target { kind id name } change { setting from to } } } } }`;
const MY = `{ mySettings { notificationKinds { kind enabled } doNotDisturb theme } }`;
const UPDATE_MY = `mutation ($input: MySettingsInput!) { updateMySettings(input: $input) { notificationKinds { kind enabled } doNotDisturb theme } }`;

let backend: RunningBackend;
let url: string;
let ids: Map<string, string>;
let sue: Session;
let tom: Session;
let pia: Session;

beforeAll(async () => {
  backend = await startTestBackend();
  url = backend.url;
  ids = await createTenant(backend, 'settings', [
    { name: 'Sue Admin', email: 'sue@settings.test', role: 'ADMINISTRATOR' },
    { name: 'Tom Agent', email: 'tom@settings.test', role: 'AGENT' },
    { name: 'Pia Agent', email: 'pia@settings.test', role: 'AGENT' },
  ]);
  [sue, tom, pia] = await Promise.all([
    login(url, 'settings', 'sue@settings.test'),
    login(url, 'settings', 'tom@settings.test'),
    login(url, 'settings', 'pia@settings.test'),
  ]);
});

afterAll(async () => {
  await backend?.stop();
});

describe('tenant settings', () => {
  it('starts with the defaults: SLA 60 s, capacity 3 for every agent', async () => {
    const s = (await gqlData(url, SETTINGS, {}, sue.token)).tenantSettings;
    expect(s).toMatchObject({ slaThresholdSeconds: 60, defaultAgentCapacity: 3 });
    expect(s.agentCapacities.map((a: any) => [a.agent.name, a.capacity, a.custom])).toEqual([
      ['Pia Agent', 3, false],
      ['Tom Agent', 3, false],
    ]);
  });

  it('lets an administrator change them, and records each change in the audit trail', async () => {
    const before = Date.now();
    const updated = (
      await gqlData(
        url,
        UPDATE,
        { sla: 45, capacity: 4, agents: [{ staffId: ids.get('tom@settings.test'), capacity: 2 }] },
        sue.token,
      )
    ).updateTenantSettings;
    expect(updated).toMatchObject({ slaThresholdSeconds: 45, defaultAgentCapacity: 4 });
    expect(updated.agentCapacities.map((a: any) => [a.agent.name, a.capacity, a.custom])).toEqual([
      ['Pia Agent', 4, false],
      ['Tom Agent', 2, true],
    ]);
    const entries = (await gqlData(url, AUDIT, {}, sue.token)).auditTrail.edges.map((e: any) => e.node);
    const changes = entries.filter((e: any) => e.action === 'SETTINGS_CHANGED');
    expect(changes.map((e: any) => [e.target.kind, e.target.name, e.change])).toEqual(
      expect.arrayContaining([
        ['SETTING', 'SLA threshold (s)', { setting: 'SLA threshold (s)', from: '60', to: '45' }],
        ['SETTING', 'default agent capacity', { setting: 'default agent capacity', from: '3', to: '4' }],
        ['STAFF', 'Tom Agent', { setting: 'capacity', from: null, to: '2' }],
      ]),
    );
    expect(changes).toHaveLength(3);
    for (const e of changes) {
      expect(e.actor.name).toBe('Sue Admin');
      expect(Date.parse(e.at)).toBeGreaterThanOrEqual(before - 1000);
    }
    expect(changes.find((e: any) => e.target.kind === 'STAFF').target.id).toBe(ids.get('tom@settings.test'));
    expect(changes.find((e: any) => e.change.setting === 'SLA threshold (s)').detail).toBe(
      'SLA threshold (s): 60 → 45',
    );
    // Nothing changed, nothing recorded; a capacity back to the default is recorded.
    await gqlData(url, UPDATE, { sla: 45 }, sue.token);
    await gqlData(
      url,
      UPDATE,
      { agents: [{ staffId: ids.get('tom@settings.test'), capacity: null }] },
      sue.token,
    );
    const after = (await gqlData(url, AUDIT, {}, sue.token)).auditTrail.edges.filter(
      (e: any) => e.node.action === 'SETTINGS_CHANGED',
    );
    expect(after).toHaveLength(4);
    expect(after[0].node.change).toEqual({ setting: 'capacity', from: '2', to: null });
  });

  it('refuses agents, and the monitoring settings to an administrator without the plan', async () => {
    expect(errorCode(await gql(url, UPDATE, { sla: 30 }, tom.token))).toBe('FORBIDDEN');
    expect(errorCode(await gql(url, UPDATE, { limit: 90 }, tom.token))).toBe('FORBIDDEN');
    const basil = await login(url, 'basic', 'basil@basic.test');
    expect(errorCode(await gql(url, UPDATE, { sla: 30 }, basil.token))).toBe('PLAN_REQUIRED');
    expect(errorCode(await gql(url, UPDATE, { capacity: 5 }, basil.token))).toBe('PLAN_REQUIRED');
    // The wait limit is every plan's (as before).
    expect(
      (await gqlData(url, UPDATE, { limit: 120, warning: 100 }, basil.token)).updateTenantSettings
        .waitLimitSeconds,
    ).toBe(120);
    expect(errorCode(await gql(url, UPDATE, { sla: 30 }))).toBe('UNAUTHENTICATED');
    expect((await gqlData(url, SETTINGS, {}, sue.token)).tenantSettings.slaThresholdSeconds).toBe(45);
  });

  it('refuses nonsense values, saying what is wrong', async () => {
    const nonsense: Record<string, unknown>[] = [
      { sla: 0 },
      { sla: -5 },
      { sla: 86_401 },
      { capacity: -1 },
      { capacity: 51 },
      { limit: 2 },
      { limit: 100, warning: 100 },
      { agents: [{ staffId: ids.get('tom@settings.test'), capacity: 99 }] },
      { agents: [{ staffId: ids.get('sue@settings.test'), capacity: 2 }] }, // an administrator
      { agents: [{ staffId: 'stf_nobody', capacity: 2 }] },
      {
        agents: [
          { staffId: ids.get('tom@settings.test'), capacity: 2 },
          { staffId: ids.get('tom@settings.test'), capacity: 3 },
        ],
      },
    ];
    for (const variables of nonsense) {
      const result = await gql(url, UPDATE, variables, sue.token);
      expect(errorCode(result), JSON.stringify(variables)).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message.length).toBeGreaterThan(20);
    }
    const s = (await gqlData(url, SETTINGS, {}, sue.token)).tenantSettings;
    expect(s).toMatchObject({ slaThresholdSeconds: 45, defaultAgentCapacity: 4, waitLimitSeconds: 7200 });
  });
});

describe('my settings', () => {
  it('starts with every notification on, no do-not-disturb and the system theme', async () => {
    const mine = (await gqlData(url, MY, {}, tom.token)).mySettings;
    expect(mine.doNotDisturb).toBe(false);
    expect(mine.theme).toBe('SYSTEM');
    expect(mine.notificationKinds.length).toBeGreaterThanOrEqual(6);
    expect(mine.notificationKinds.every((k: any) => k.enabled)).toBe(true);
  });

  it('keeps each person her own, changed only by herself', async () => {
    const changed = (
      await gqlData(
        url,
        UPDATE_MY,
        {
          input: {
            theme: 'DARK',
            doNotDisturb: true,
            notificationKinds: [{ kind: 'WAIT_WARNING', enabled: false }],
          },
        },
        tom.token,
      )
    ).updateMySettings;
    expect(changed.theme).toBe('DARK');
    expect(changed.doNotDisturb).toBe(true);
    expect(changed.notificationKinds.find((k: any) => k.kind === 'WAIT_WARNING').enabled).toBe(false);
    // A later partial change keeps the rest.
    await gqlData(url, UPDATE_MY, { input: { theme: 'LIGHT' } }, tom.token);
    const tomNow = (await gqlData(url, MY, {}, tom.token)).mySettings;
    expect(tomNow).toMatchObject({ theme: 'LIGHT', doNotDisturb: true });
    expect(tomNow.notificationKinds.find((k: any) => k.kind === 'WAIT_WARNING').enabled).toBe(false);
    // Pia's and Sue's are untouched; the operation names no one, so no one else's can be set.
    for (const other of [pia, sue]) {
      const theirs = (await gqlData(url, MY, {}, other.token)).mySettings;
      expect(theirs).toMatchObject({ theme: 'SYSTEM', doNotDisturb: false });
    }
    expect(errorCode(await gql(url, UPDATE_MY, { input: { theme: 'DARK' } }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await gql(url, UPDATE_MY, { input: { theme: 'PURPLE' } }, tom.token))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      errorCode(
        await gql(
          url,
          UPDATE_MY,
          {
            input: {
              notificationKinds: [
                { kind: 'WAIT_WARNING', enabled: true },
                { kind: 'WAIT_WARNING', enabled: false },
              ],
            },
          },
          tom.token,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
  });
});
