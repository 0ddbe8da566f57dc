/**
 * Issue 13, item 6: "Transfer" a Handling enquiry to another online agent (a dialog listing
 * every agent with presence and chats against capacity, those who cannot take it disabled
 * with the reason; OK; a toast; the new owner told), hand it back after a take-over, and
 * "Close enquiry" for one the administrator owns. axe on the Transfer dialog in both themes.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { BackendApi } from './support/backend-api';
import { answerDialog, column, expect, openRoom, test, toast } from './support/fixtures';

/**
 * The world this spec needs, set through the backend (not the demo seed's timing): room for
 * transfers, Linus online, Margaret offline. Margaret is back online afterwards.
 */
async function staffTheWorld(api: BackendApi, margaret: 'OFFLINE' | 'ONLINE' = 'OFFLINE') {
  await api.data(
    'mutation { updateTenantSettings(defaultAgentCapacity: 50) { defaultAgentCapacity } }',
    {},
    await api.token('ada@demo.test'),
  );
  const presence = async (email: string, value: string) =>
    api.data(
      'mutation ($p: Presence!) { setPresence(presence: $p) { id } }',
      { p: value },
      await api.token(email),
    );
  await presence('linus@demo.test', 'ONLINE');
  await presence('grace@demo.test', 'ONLINE');
  await presence('margaret@demo.test', margaret);
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).include('dialog[open]').analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

/** Switches the console's theme until the page shows `theme`. */
async function useTheme(page: Page, theme: 'light' | 'dark') {
  const button = page.getByRole('button', { name: /^Switch to .* theme$/ });
  for (let tries = 0; tries < 4; tries++) {
    if ((await page.locator('html').getAttribute('data-theme')) === theme) return;
    await button.click();
  }
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

test.afterEach(async ({ api }) => {
  await staffTheWorld(api, 'ONLINE');
});

test('ada transfers a Handling enquiry from grace to linus: the dialog lists agents, OK, a toast, linus is told', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  await staffTheWorld(api);
  const visitor = visitorName('Transfer Visitor');
  const enquiryId = await api.handlingEnquiry(visitor, 'grace@demo.test');
  const linus = await consoleAs('linus@demo.test');
  const ada = await consoleAs('ada@demo.test');
  const pane = await openRoom(ada, visitor);

  await pane.getByRole('button', { name: 'Transfer', exact: true }).click();
  const dialog = ada.getByRole('dialog', { name: 'Transfer to another agent' });
  await expect(dialog).toBeVisible();
  const linusChoice = dialog.getByRole('radio', { name: /^Linus Torvalds/ });
  await expect(linusChoice).toBeEnabled();
  await expect(linusChoice).toHaveAccessibleName(/Linus Torvalds Online \d+ of 50 chats/);
  // Margaret is offline and Grace owns it: listed, disabled, saying why.
  const margaretChoice = dialog.getByRole('radio', { name: /^Margaret/ });
  await expect(margaretChoice).toBeDisabled();
  await expect(margaretChoice).toHaveAccessibleDescription(/Offline: only an online agent can take it/);
  const graceChoice = dialog.getByRole('radio', { name: /^Grace Hopper/ });
  await expect(graceChoice).toBeDisabled();
  await expect(graceChoice).toHaveAccessibleDescription('Owns this enquiry now');
  await expect(dialog.getByRole('button', { name: 'Choose an agent' })).toBeDisabled();

  await linusChoice.check();
  await dialog.getByRole('button', { name: 'Transfer to Linus Torvalds' }).click();
  await expect(ada.getByRole('dialog')).toContainText('Transfer this enquiry to Linus Torvalds?');
  await answerDialog(ada, 'OK');
  await expect(toast(ada, 'Transferred to Linus Torvalds.')).toBeVisible();
  await expect(
    pane.locator('[data-kind="SYSTEM"]', {
      hasText: 'Ada Lovelace transferred the enquiry to Linus Torvalds.',
    }),
  ).toBeVisible();
  await expect(pane.locator('header')).toContainText('Linus Torvalds');
  await ada.getByRole('searchbox', { name: 'Search visitor or subject' }).fill(visitor);
  await expect(column(ada, 'Handling').getByRole('button', { name: visitor, exact: true })).toContainText(
    'Linus Torvalds',
  );
  // The new owner is told, in words.
  await expect(toast(linus, 'Ada Lovelace transferred an enquiry to you')).toContainText(
    `transferred the enquiry with ${visitor} to you`,
  );
  expect(await api.owner('ada@demo.test', enquiryId)).toBe('Linus Torvalds');
});

test('after a take-over ada hands the enquiry back to grace, and closes another she took over', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  await staffTheWorld(api);
  const back = visitorName('Hand Back Visitor');
  const closing = visitorName('Close Visitor');
  const backId = await api.handlingEnquiry(back, 'linus@demo.test');
  const closingId = await api.handlingEnquiry(closing, 'linus@demo.test');
  await api.takeOver('ada@demo.test', backId);
  await api.takeOver('ada@demo.test', closingId);
  const ada = await consoleAs('ada@demo.test');

  const pane = await openRoom(ada, back);
  await expect(pane.getByRole('group', { name: 'Monitor panel' })).toContainText('You own this enquiry.');
  await expect(pane.getByRole('button', { name: 'Close enquiry' })).toBeEnabled();
  if (process.env.SHOTS_DIR) {
    for (const [width, height] of [
      [1366, 768],
      [1600, 1000],
    ] as const) {
      await ada.setViewportSize({ width, height });
      await ada.screenshot({ path: `${process.env.SHOTS_DIR}/owner-panel-${width}x${height}.png` });
    }
  }
  await pane.getByRole('button', { name: 'Transfer', exact: true }).click();
  const dialog = ada.getByRole('dialog', { name: 'Hand back to an agent' });
  await dialog.getByRole('radio', { name: /^Grace Hopper/ }).check();
  await dialog.getByRole('button', { name: 'Hand back to Grace Hopper' }).click();
  await expect(ada.getByRole('dialog')).toContainText('Hand this enquiry to Grace Hopper?');
  await answerDialog(ada, 'OK');
  await expect(toast(ada, 'Transferred to Grace Hopper.')).toBeVisible();
  await expect(pane.getByRole('group', { name: 'Monitor panel' })).toContainText('You are monitoring');
  await expect(pane.getByRole('button', { name: 'Close enquiry' })).toHaveCount(0);
  expect(await api.owner('ada@demo.test', backId)).toBe('Grace Hopper');

  // The other one: Proceed to the chat room, then More (...) → Close enquiry → OK.
  const closePane = await openRoom(ada, closing);
  await closePane.getByRole('button', { name: 'Proceed' }).click();
  await closePane.getByRole('button', { name: 'More' }).click();
  await closePane.getByRole('menuitem', { name: 'Close enquiry' }).click();
  await expect(ada.getByRole('dialog')).toContainText('Close this enquiry?');
  await answerDialog(ada, 'OK');
  await expect(toast(ada, 'Enquiry closed.')).toBeVisible();
  await expect(
    closePane.locator('[data-kind="SYSTEM"]', { hasText: 'Ada Lovelace closed the enquiry.' }),
  ).toBeVisible();
  const status = await api.data<{ enquiry: { status: string } }>(
    'query ($id: ID!) { enquiry(id: $id) { status } }',
    { id: closingId },
    await api.token('ada@demo.test'),
  );
  expect(status.enquiry.status).toBe('CLOSED');
});

test('during a call Transfer and Close enquiry are disabled, saying why', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  await staffTheWorld(api);
  const visitor = visitorName('Call Transfer Visitor');
  const enquiryId = await api.handlingEnquiry(visitor, 'grace@demo.test');
  await api.takeOver('ada@demo.test', enquiryId);
  await api.startCall('ada@demo.test', enquiryId, 'ONE_TO_ONE');
  const ada = await consoleAs('ada@demo.test');
  const pane = await openRoom(ada, visitor);
  // Said once, by the panel's line about the call (as for Join and Take over).
  const reason = 'A 1-to-1 call is in progress. You cannot join or take over during a call.';
  const transfer = pane.getByRole('button', { name: 'Transfer', exact: true });
  const close = pane.getByRole('button', { name: 'Close enquiry' });
  await expect(transfer).toBeDisabled();
  await expect(transfer).toHaveAccessibleDescription(reason);
  await expect(transfer).toHaveAttribute(
    'title',
    'A 1-to-1 call is in progress: Transfer and Close enquiry wait until it ends.',
  );
  await expect(close).toBeDisabled();
  await expect(close).toHaveAccessibleDescription(reason);
  await expect(pane.getByText(/call is in progress/)).toHaveCount(1);
  await api.endCall('ada@demo.test', enquiryId);
  await expect(transfer).toBeEnabled();
  await expect(close).toBeEnabled();
  await expect(transfer).not.toHaveAttribute('title');
  await expect(pane.getByText(/call is in progress/)).toHaveCount(0);
});

test('the Transfer dialog has no serious axe violations in either theme', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  await staffTheWorld(api);
  const visitor = visitorName('Axe Transfer Visitor');
  await api.handlingEnquiry(visitor, 'grace@demo.test');
  const ada = await consoleAs('ada@demo.test');
  const pane = await openRoom(ada, visitor);
  for (const theme of ['light', 'dark'] as const) {
    await useTheme(ada, theme);
    const transfer = pane.getByRole('button', { name: 'Transfer', exact: true });
    await transfer.click();
    const dialog = ada.getByRole('dialog', { name: 'Transfer to another agent' });
    await expect(dialog.getByRole('radio', { name: /^Margaret/ })).toBeDisabled();
    // The first agent who can be chosen has focus.
    await expect(dialog.getByRole('radio', { name: /^Linus Torvalds/ })).toBeFocused();
    expect(await seriousViolations(ada)).toEqual([]);
    if (process.env.SHOTS_DIR) {
      for (const [width, height] of [
        [1366, 768],
        [1600, 1000],
      ] as const) {
        await ada.setViewportSize({ width, height });
        await ada.screenshot({
          path: `${process.env.SHOTS_DIR}/transfer-dialog-${theme}-${width}x${height}.png`,
        });
      }
    }
    await ada.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(transfer).toBeFocused();
  }
});
