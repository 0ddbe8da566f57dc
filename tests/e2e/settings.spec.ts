/**
 * The "Settings" dialog (issue 13, item 5): an administrator changes the tenant's SLA
 * threshold and whether agents see who monitors them (saved, shown again on reopening, and
 * the backend's tenantSettings agrees); a value the backend refuses shows its message next
 * to the field; an agent sees only her own settings, and her notification choices reach the
 * backend and main's notification policy; the theme applies at once, persists across a
 * reload and follows the person to a new browser. axe: no serious violations in the dialog,
 * light and dark. With DOCS_SCREENSHOTS=1 it refreshes docs/settings.png.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { BackendApi } from './support/backend-api';
import { expect, signIn, test } from './support/fixtures';

const docs = process.env.DOCS_SCREENSHOTS === '1';

async function dialogViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include('dialog[open]').analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

interface Tenant {
  slaThresholdSeconds: number;
  agentsSeeMonitors: boolean;
}

async function tenantSettings(api: BackendApi): Promise<Tenant> {
  const data = await api.data<{ tenantSettings: Tenant }>(
    '{ tenantSettings { slaThresholdSeconds agentsSeeMonitors } }',
    {},
    await api.token('ada@demo.test'),
  );
  return data.tenantSettings;
}

async function mySettings(api: BackendApi, email: string) {
  const data = await api.data<{
    mySettings: {
      theme: string;
      doNotDisturb: boolean;
      notificationKinds: { kind: string; enabled: boolean }[];
    };
  }>('{ mySettings { theme doNotDisturb notificationKinds { kind enabled } } }', {}, await api.token(email));
  return data.mySettings;
}

async function resetMySettings(api: BackendApi, email: string): Promise<void> {
  const kinds = (await mySettings(api, email)).notificationKinds.map(({ kind }) => ({ kind, enabled: true }));
  await api.data(
    'mutation ($input: MySettingsInput!) { updateMySettings(input: $input) { theme } }',
    { input: { theme: 'SYSTEM', doNotDisturb: false, notificationKinds: kinds } },
    await api.token(email),
  );
}

async function openSettings(page: Page) {
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('Settings: an administrator saves the SLA threshold and agentsSeeMonitors; reopened and in the backend alike; a refused value shows the server’s message by its field', async ({
  api,
  consoleAs,
}) => {
  const before = await tenantSettings(api);
  const ada = await consoleAs('ada@demo.test');
  try {
    await ada.setViewportSize({ width: 1366, height: 768 });
    let dialog = await openSettings(ada);
    const sla = dialog.getByLabel('SLA threshold', { exact: true });
    const tellAgents = dialog.getByLabel('Tell agents who is monitoring their enquiries');
    await expect(sla).toBeEditable();
    await dialog.getByLabel('SLA threshold unit').selectOption('s');
    await sla.fill('95');
    await tellAgents.setChecked(!before.agentsSeeMonitors);
    await dialog.getByRole('button', { name: 'Save organisation settings' }).click();
    await expect(dialog.getByText('Organisation settings saved.')).toBeVisible();
    expect(await tenantSettings(api)).toEqual({
      slaThresholdSeconds: 95,
      agentsSeeMonitors: !before.agentsSeeMonitors,
    });

    if (docs) await ada.screenshot({ path: 'docs/settings.png' });

    // Reopened: what was saved.
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
    dialog = await openSettings(ada);
    await expect(dialog.getByLabel('SLA threshold', { exact: true })).toHaveValue('95');
    await expect(dialog.getByLabel('SLA threshold unit')).toHaveValue('s');
    await expect(dialog.getByLabel('Tell agents who is monitoring their enquiries')).toBeChecked({
      checked: !before.agentsSeeMonitors,
    });

    // Refused by the backend: its message, next to the field, which is marked invalid.
    await dialog.getByLabel('SLA threshold', { exact: true }).fill('0');
    await dialog.getByRole('button', { name: 'Save organisation settings' }).click();
    const slaField = dialog.getByLabel('SLA threshold', { exact: true });
    await expect(slaField).toHaveAttribute('aria-invalid', 'true');
    await expect(slaField).toHaveAccessibleDescription(
      /The SLA threshold must be a whole number of seconds between 1 and 86,400/,
    );
    await expect(dialog.getByRole('alert')).toHaveText(
      'The SLA threshold must be a whole number of seconds between 1 and 86,400 (24 hours).',
    );
    expect((await tenantSettings(api)).slaThresholdSeconds).toBe(95);

    for (const colorScheme of ['light', 'dark'] as const) {
      await ada.emulateMedia({ colorScheme });
      expect(await dialogViolations(ada)).toEqual([]);
    }
  } finally {
    await api.data(
      'mutation ($sla: Int, $see: Boolean) { updateTenantSettings(slaThresholdSeconds: $sla, agentsSeeMonitors: $see) { slaThresholdSeconds } }',
      { sla: before.slaThresholdSeconds, see: before.agentsSeeMonitors },
      await api.token('ada@demo.test'),
    );
  }
});

test('Settings: an agent sees only her own settings; her notification choices reach the backend and the native notification policy', async ({
  api,
  consoleAs,
}) => {
  const grace = await consoleAs('grace@demo.test');
  try {
    const dialog = await openSettings(grace);
    await expect(dialog.getByRole('heading', { name: 'Your settings' })).toBeVisible();
    await expect(dialog.getByRole('heading', { name: 'Organisation settings' })).toHaveCount(0);
    await expect(dialog.getByLabel('SLA threshold', { exact: true })).toHaveCount(0);

    await dialog.getByLabel('An administrator joins your enquiry').uncheck();
    await expect(dialog.getByText('Your settings are saved.')).toBeVisible();
    await dialog.getByLabel('Do not disturb').check();
    await expect(dialog.getByLabel('Do not disturb')).toBeChecked();
    await expect
      .poll(async () => {
        const mine = await mySettings(api, 'grace@demo.test');
        return [mine.doNotDisturb, mine.notificationKinds.find((k) => k.kind === 'ADMIN_JOINED')?.enabled];
      })
      .toEqual([true, false]);
    // Main's notification policy (what raises native notifications) follows.
    const policy = await grace.evaluate(async () => {
      const bridge = (window as unknown as { supervisor: { invoke(c: string, a: object): Promise<unknown> } })
        .supervisor;
      return bridge.invoke('notifications/getSettings', {});
    });
    expect(policy).toMatchObject({ ok: true, value: { doNotDisturb: true, kinds: { ADMIN_JOINED: false } } });
  } finally {
    await resetMySettings(api, 'grace@demo.test');
  }
});

test('Settings: the theme switches at once, persists across a reload and follows the person to another browser', async ({
  api,
  browser,
  consoleAs,
  host,
}) => {
  const alan = await consoleAs('alan@demo.test');
  try {
    const dialog = await openSettings(alan);
    await dialog.getByRole('radio', { name: 'Dark' }).check();
    await expect(alan.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect.poll(async () => (await mySettings(api, 'alan@demo.test')).theme).toBe('DARK');
    expect(await dialogViolations(alan)).toEqual([]);

    await alan.reload();
    await expect(alan.getByRole('region', { name: 'Handling', exact: true })).toBeVisible();
    await expect(alan.locator('html')).toHaveAttribute('data-theme', 'dark');
    const reopened = await openSettings(alan);
    await expect(reopened.getByRole('radio', { name: 'Dark' })).toBeChecked();

    // A browser that never saw it: the backend's theme applies at sign-in.
    const context = await browser.newContext({ colorScheme: 'light' });
    const elsewhere = await context.newPage();
    await elsewhere.goto(host.url);
    await signIn(elsewhere, 'alan@demo.test');
    await expect(elsewhere.locator('html')).toHaveAttribute('data-theme', 'dark');
    await context.close();

    await reopened.getByRole('radio', { name: 'Light' }).check();
    await expect(alan.locator('html')).toHaveAttribute('data-theme', 'light');
    expect(await dialogViolations(alan)).toEqual([]);
  } finally {
    await resetMySettings(api, 'alan@demo.test');
  }
});
