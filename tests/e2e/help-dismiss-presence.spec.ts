/**
 * Issue 13, items 3 and 2 (the pieces in the console): an administrator dismisses a help
 * request from the "Help requests" region, which then says who dismissed it before the
 * request leaves, and the agent's room says who did; an answer by joining is said the same
 * way. An agent sets her own presence from the top bar ("Presence") and the administrator's
 * "Agents" region shows it live. Axe checks the region and the control.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, openRoom, test, toast } from './support/fixtures';

const SHOTS = '/tmp/helpA';

// Two or three consoles, axe runs and screenshots at two sizes on a shared, slow machine.
test.describe.configure({ timeout: 180_000 });

async function seriousViolations(page: Page, selector: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

async function screenshots(page: Page, name: string): Promise<void> {
  for (const [width, height] of [
    [1366, 768],
    [1600, 1000],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}x${height}.png` });
  }
  await page.setViewportSize({ width: 1600, height: 1000 });
}

/** Grace asks for help in her room, through the button, with a note. */
async function graceAsksForHelp(grace: Page, visitor: string, text: string) {
  const pane = await openRoom(grace, visitor);
  const chat = pane.getByRole('group', { name: 'Chat room' });
  await chat.getByRole('button', { name: 'Ask for help', exact: true }).click();
  await chat.getByRole('textbox', { name: 'Note for the administrators (optional)' }).fill(text);
  await chat.getByRole('button', { name: 'Send request' }).click();
  await expect(toast(grace, 'Help requested')).toBeVisible();
  return chat;
}

test('ada dismisses grace’s help request: the region says who dismissed it, then it leaves; grace’s room says so', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  const visitor = visitorName('Dismiss Visitor');
  await api.handlingEnquiry(visitor, 'grace@demo.test');
  const ada = await consoleAs('ada@demo.test');
  const grace = await consoleAs('grace@demo.test');
  const chat = await graceAsksForHelp(grace, visitor, 'Wants a refund I cannot give.');

  const region = ada.getByRole('region', { name: 'Help requests' });
  const row = region.getByRole('listitem').filter({ hasText: visitor });
  await expect(row).toContainText('Wants a refund I cannot give.');
  expect(await seriousViolations(ada, '.sv-help')).toEqual([]);
  await screenshots(ada, 'region-open');

  await row.getByRole('button', { name: 'Dismiss help request of Grace Hopper', exact: true }).click();
  await expect(toast(ada, 'Help request dismissed')).toBeVisible();
  await expect(row).toContainText('Dismissed by Ada Lovelace');
  await expect(row.getByRole('button')).toHaveCount(0);
  await screenshots(ada, 'region-dismissed');
  expect(await seriousViolations(ada, '.sv-help')).toEqual([]);

  // The agent's room says who dismissed it, and she may ask afresh.
  await expect(chat.getByText('Ada Lovelace dismissed your help request', { exact: true })).toBeVisible();
  await expect(toast(grace, 'Ada Lovelace dismissed your help request')).toBeVisible();
  await expect(chat.getByRole('button', { name: 'Ask for help', exact: true })).toBeVisible();
  await screenshots(grace, 'room-dismissed');

  // The ended request leaves the region after a moment; the backend lists it no more.
  await expect(row).toHaveCount(0, { timeout: 30_000 });
  const open = await api.data<{ helpRequests: { enquiry: { visitor: { name: string } } }[] }>(
    'query { helpRequests { enquiry { visitor { name } } } }',
    {},
    await api.token('ada@demo.test'),
  );
  expect(open.helpRequests.filter((h) => h.enquiry.visitor.name === visitor)).toEqual([]);
});

test('an answer by joining is said in the region and in the agent’s room, naming who joined', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  const visitor = visitorName('Joined Help Visitor');
  const enquiryId = await api.handlingEnquiry(visitor, 'grace@demo.test');
  const ada = await consoleAs('ada@demo.test');
  const grace = await consoleAs('grace@demo.test');
  const chat = await graceAsksForHelp(grace, visitor, 'Please join.');
  const row = ada
    .getByRole('region', { name: 'Help requests' })
    .getByRole('listitem')
    .filter({ hasText: visitor });
  await expect(row).toContainText('Please join.');

  // Alan answers it (from his own console's API): Ada's region names him.
  await api.data(
    'mutation ($id: ID!) { joinEnquiry(enquiryId: $id) { viewer { isParticipant } } }',
    { id: enquiryId },
    await api.token('alan@demo.test'),
  );
  await expect(row).toContainText('Answered by Alan Turing (joined)');
  await expect(
    chat.getByText('Alan Turing answered your help request by joining', { exact: true }),
  ).toBeVisible();
});

test('margaret sets Away from her top bar: ada’s "Agents" region shows Away', async ({ api, consoleAs }) => {
  const ada = await consoleAs('ada@demo.test');
  const margaret = await consoleAs('margaret@demo.test');
  const agents = ada.getByRole('region', { name: 'Agents' });
  const margaretRow = agents.getByRole('button', { name: /Margaret Hamilton/ });
  await expect(margaretRow).toContainText('Online');
  // Administrators set no presence here: the control is the agent's.
  await expect(ada.getByRole('combobox', { name: 'Presence' })).toHaveCount(0);

  const presence = margaret.getByRole('combobox', { name: 'Presence', exact: true });
  await expect(presence).toHaveValue('ONLINE');
  try {
    await presence.selectOption({ label: 'Away' });
    await expect(toast(margaret, 'You are Away')).toBeVisible();
    await expect(presence).toHaveValue('AWAY');
    await expect(margaretRow).toContainText('Away');
    expect(await seriousViolations(margaret, '.my-presence')).toEqual([]);
    expect(await seriousViolations(ada, '.sv-agents')).toEqual([]);
    await screenshots(margaret, 'presence-away');
    await screenshots(ada, 'agents-away');

    // A reload reads it from the server.
    await margaret.reload();
    await expect(margaret.getByRole('combobox', { name: 'Presence', exact: true })).toHaveValue('AWAY');
  } finally {
    // The worker's world is shared by later specs (transfers need online agents).
    await api.data(
      'mutation { setPresence(presence: ONLINE) { presence } }',
      {},
      await api.token('margaret@demo.test'),
    );
  }
  await expect(margaretRow).toContainText('Online');
});
