/**
 * Issue 13, "Done means": axe finds no serious or critical violations on the board, a room
 * and each dialog, in the light and the dark theme. One walk per theme, through the states a
 * supervisor's day shows: the sign-in page; the board with "Live metrics", "Agents" and
 * "Help requests" (a request open, its card marked); the update status (downloading, then
 * ready, through the fake release channel); a room with its monitor panel; the Join, Take
 * over, Transfer and Close enquiry confirmations; the Transfer dialog; "Audit trail";
 * "Settings"; "Keyboard shortcuts" ("?"); and the agent's view with "Ask for help" open.
 * Every state's violations are gathered and listed together on failure (rule, impact,
 * element, axe's summary).
 */
import AxeBuilder from '@axe-core/playwright';
import { test, expect, type Browser, type Page } from '@playwright/test';
import { startBrowserHost, type BrowserHost } from '../../main/browser-host/server';
import { BackendApi } from './support/backend-api';
import { openRoom, signIn } from './support/fixtures';
import { BUILT_RENDERER } from './support/global-setup';

type Theme = 'light' | 'dark';

let host: BrowserHost;
let api: BackendApi;

// Each theme gets its own host (the demo world and a fake release channel), so the update
// status is walked from its start in both themes.
test.beforeEach(async () => {
  host = await startBrowserHost({
    port: 0,
    rendererDir: BUILT_RENDERER,
    demo: true,
    simulator: false,
    inMemory: true,
    quiet: true,
    fakeUpdate: { version: '0.2.0', stepMs: 100 },
  });
  api = new BackendApi(host.backendUrl);
  const ada = await api.token('ada@demo.test');
  // The world holds still (no wait warnings or misses mid-walk); agents have room for a transfer.
  await api.data(
    'mutation { updateTenantSettings(waitWarningSeconds: 3600, waitLimitSeconds: 7200, defaultAgentCapacity: 50) { waitWarningSeconds } }',
    {},
    ada,
  );
  for (const email of ['grace@demo.test', 'linus@demo.test']) {
    await api.data('mutation { setPresence(presence: ONLINE) { id } }', {}, await api.token(email));
  }
});

test.afterEach(async () => {
  await host?.stop();
});

/** Serious and critical violations of what `selector` covers (the page when omitted), one line each. */
async function violations(page: Page, state: string, selector?: string): Promise<string[]> {
  // Only violations are read: axe skips listing what passed (it is slow enough on a busy machine).
  const builder = new AxeBuilder({ page }).options({ resultTypes: ['violations'] });
  if (selector) builder.include(selector);
  const results = await builder.analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map(
        (node) =>
          `[${state}] ${violation.id} (${violation.impact}) ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ')}`,
      ),
    );
}

async function newPage(browser: Browser, theme: Theme): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, colorScheme: theme });
  const page = await context.newPage();
  await page.goto(host.url);
  return page;
}

/** Chooses the theme with the top bar's button (the person's choice, not only the system's). */
async function chooseTheme(page: Page, theme: Theme): Promise<void> {
  const button = page.getByRole('button', { name: /^Switch to .* theme$/ });
  for (let tries = 0; tries < 3; tries++) {
    if ((await page.locator('html').getAttribute('data-theme')) === theme) break;
    await button.click();
  }
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

/** Opens the confirmation behind `open`, checks it, and cancels it. */
async function confirmation(page: Page, name: string, found: string[], open: () => Promise<void>) {
  await open();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  found.push(...(await violations(page, `${name} confirmation`, 'dialog[open]')));
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(dialog).toBeHidden();
}

for (const theme of ['light', 'dark'] as const) {
  test(`axe: no serious violations on the board, a room and each dialog, ${theme} theme`, async ({
    browser,
  }) => {
    // Fourteen axe passes: well under a minute on a quiet machine, minutes on a busy 2-core one.
    test.setTimeout(480_000);
    const stamp = Date.now().toString(36).slice(-5);
    const helpVisitor = `Axe Help ${stamp}`;
    const agentVisitor = `Axe Agent ${stamp}`;
    const ownedVisitor = `Axe Owned ${stamp}`;
    const helpEnquiry = await api.handlingEnquiry(helpVisitor, 'grace@demo.test');
    await api.handlingEnquiry(agentVisitor, 'grace@demo.test');
    const ownedEnquiry = await api.handlingEnquiry(ownedVisitor, 'linus@demo.test');
    await api.takeOver('ada@demo.test', ownedEnquiry);
    await api.data(
      'mutation ($id: ID!, $note: String) { requestAssistance(enquiryId: $id, note: $note) }',
      { id: helpEnquiry, note: 'Refund above my limit' },
      await api.token('grace@demo.test'),
    );
    const found: string[] = [];

    // The sign-in page (the system's theme: nobody is signed in to have chosen one).
    const ada = await newPage(browser, theme);
    await expect(ada.getByRole('button', { name: 'Sign in' })).toBeVisible();
    found.push(...(await violations(ada, 'sign-in page')));

    // The board with the supervisor strip, while an update is checked for and downloads.
    host.fakeUpdates!.pause();
    await signIn(ada, 'ada@demo.test');
    await chooseTheme(ada, theme);
    for (const name of ['Live metrics', 'Agents', 'Help requests']) {
      await expect(ada.getByRole('region', { name, exact: true })).toBeVisible();
    }
    await expect(
      ada.getByRole('region', { name: 'Help requests', exact: true }).getByRole('button', {
        name: new RegExp(`^${helpVisitor}`),
      }),
    ).toBeVisible();
    const update = ada.getByRole('status', { name: 'Update', exact: true });
    await expect(update).toHaveText('Checking for updates…');
    found.push(...(await violations(ada, 'board, checking for updates')));
    host.fakeUpdates!.resume();
    await expect(update.getByRole('progressbar')).toBeVisible();
    host.fakeUpdates!.pause();
    found.push(...(await violations(ada, 'update downloading', 'header.top-bar')));
    host.fakeUpdates!.resume();
    // Ready from here on: every later scan of the page includes it.
    await expect(update.getByRole('button', { name: 'Restart to update' })).toBeVisible();

    // A room with its monitor panel, and its confirmations.
    const pane = await openRoom(ada, helpVisitor);
    await expect(pane.getByRole('group', { name: 'Monitor panel' })).toContainText(
      'You are monitoring this enquiry.',
    );
    found.push(...(await violations(ada, 'board and a monitored room')));
    await confirmation(ada, 'Join', found, () =>
      pane.getByRole('button', { name: 'Join', exact: true }).click(),
    );
    await confirmation(ada, 'Take over', found, () =>
      pane.getByRole('button', { name: 'Take over', exact: true }).click(),
    );
    await pane.getByRole('button', { name: 'Transfer', exact: true }).click();
    const transfer = ada.getByRole('dialog', { name: 'Transfer to another agent' });
    await expect(transfer).toBeVisible();
    found.push(...(await violations(ada, 'Transfer dialog', 'dialog[open]')));
    await confirmation(ada, 'Transfer', found, async () => {
      await transfer.getByRole('radio', { name: /^Linus Torvalds/ }).check();
      await transfer.getByRole('button', { name: 'Transfer to Linus Torvalds' }).click();
    });

    // A room the administrator owns: Close enquiry.
    const owned = await openRoom(ada, ownedVisitor);
    await expect(owned.getByRole('group', { name: 'Monitor panel' })).toContainText('You own this enquiry.');
    found.push(...(await violations(ada, 'an owned room', `[aria-label="Room: ${ownedVisitor}"]`)));
    await confirmation(ada, 'Close enquiry', found, () =>
      owned.getByRole('button', { name: 'Close enquiry' }).click(),
    );

    // The top bar's dialogs.
    for (const name of ['Audit trail', 'Settings']) {
      await ada.getByRole('button', { name, exact: true }).click();
      const dialog = ada.getByRole('dialog', { name, exact: true });
      await expect(dialog).toBeVisible();
      await expect(dialog.locator('[aria-busy="true"]')).toHaveCount(0);
      if (name === 'Audit trail') await expect(dialog.locator('tbody tr').first()).toBeVisible();
      found.push(...(await violations(ada, `${name} dialog`, 'dialog[open]')));
      await dialog.getByRole('button', { name: 'Close', exact: true }).click();
      await expect(dialog).toBeHidden();
    }

    // "?" (not typing: focus is back on the Settings button) lists the shortcuts.
    await ada.keyboard.press('?');
    const shortcuts = ada.getByRole('dialog', { name: 'Keyboard shortcuts', exact: true });
    await expect(shortcuts).toBeVisible();
    found.push(...(await violations(ada, 'Keyboard shortcuts dialog', 'dialog[open]')));
    await shortcuts.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(shortcuts).toBeHidden();

    // The agent's view, "Ask for help" open.
    const grace = await newPage(browser, theme);
    await signIn(grace, 'grace@demo.test');
    await chooseTheme(grace, theme);
    const room = await openRoom(grace, agentVisitor);
    await room.getByRole('button', { name: 'Ask for help', exact: true }).click();
    await expect(room.getByRole('textbox', { name: 'Note for the administrators (optional)' })).toBeFocused();
    found.push(...(await violations(grace, "agent's view, Ask for help open")));

    await ada.context().close();
    await grace.context().close();
    expect(found, `serious or critical axe violations, ${theme} theme`).toEqual([]);
  });
}
