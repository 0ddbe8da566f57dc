/**
 * Spec: only staff with the administrator role may monitor, join or take over, and only
 * when the tenant's plan includes enquiry monitoring. The server refuses; the console says so.
 */
import { column, expect, openRoom, signIn, test } from './support/fixtures';

test('an agent sees only their own enquiries, as chat rooms without a monitor panel; the server refuses a join', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  const own = visitorName('Own Visitor');
  const other = visitorName('Other Visitor');
  await api.handlingEnquiry(own, 'grace@demo.test');
  const otherId = await api.handlingEnquiry(other, 'linus@demo.test');
  const grace = await consoleAs('grace@demo.test');

  await expect(grace.getByText('My enquiries')).toBeVisible();
  const handling = column(grace, 'Handling');
  const search = grace.getByRole('searchbox', { name: 'Search visitor or subject' });
  await search.fill(own);
  await expect(handling.getByRole('button', { name: own, exact: true })).toBeVisible();
  await grace.getByRole('searchbox', { name: 'Search visitor or subject' }).fill(other);
  await expect(handling.getByRole('button', { name: other, exact: true })).toHaveCount(0);

  const pane = await openRoom(grace, own);
  await expect(pane.getByRole('group', { name: 'Chat room' })).toBeVisible();
  await expect(pane.getByRole('group', { name: 'Monitor panel' })).toHaveCount(0);
  await expect(grace.getByRole('button', { name: 'Join', exact: true })).toHaveCount(0);
  await expect(grace.getByRole('button', { name: 'Take over', exact: true })).toHaveCount(0);

  expect(await api.joinErrorCode('grace@demo.test', otherId)).toBe('FORBIDDEN');
});

test('an admin of a tenant without the monitoring plan is refused with the reason', async ({
  api,
  browser,
  host,
  visitorName,
}) => {
  const visitor = visitorName('Basic Visitor');
  const enquiryId = await api.handlingEnquiry(visitor, 'bea@basic.test', 'basic');
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const basil = await context.newPage();
  await basil.goto(host.url);
  await signIn(basil, 'basil@basic.test');
  await expect(basil.getByText('Your plan does not include enquiry monitoring').first()).toBeVisible();

  const pane = await openRoom(basil, visitor);
  // Said on the board and beside the disabled buttons, not in a refusal box in the pane too.
  await expect(pane.getByText('The transcript is not shown.')).toBeVisible();
  await expect(pane.getByText(/plan/)).toHaveCount(1);
  const panel = pane.getByRole('group', { name: 'Monitor panel' });
  for (const name of ['Join', 'Take over', 'Go to Chat Room', 'Proceed']) {
    await expect(panel.getByRole('button', { name, exact: true })).toBeDisabled();
  }
  // Said once in the panel (beneath the buttons), not again under the whisper box.
  await expect(panel.getByText('Your plan does not include enquiry monitoring')).toHaveCount(1);
  await expect(panel.getByRole('textbox', { name: 'Whisper to the agent' })).toBeDisabled();
  expect(await api.joinErrorCode('basil@basic.test', enquiryId)).toBe('PLAN_REQUIRED');
  await context.close();
});

test('a wrong password is refused at sign-in with the server’s message', async ({ browser, host }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(host.url);
  await page.getByLabel('Tenant').fill('demo');
  await page.getByLabel('Email').fill('ada@demo.test');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Handling', exact: true })).toHaveCount(0);
  await context.close();
});
