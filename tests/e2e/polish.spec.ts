/**
 * Defects seen in screenshots (issue 13, item 9), each pinned: the board's default order is
 * longest wait first; the theme button names what it switches to; a staff message's time is
 * readable in the light theme; no "unread" on closed cards; the room header does not list the
 * viewer as monitoring; no disabled Take over in More (...) once she owns the enquiry; card
 * badges are never cut at 1600 px; a Join / Take over confirmation goes when a call starts.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { column, expect, openRoom, test, toast } from './support/fixtures';

/** Switches the console's theme until the page shows `theme`. */
async function useTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  const button = page.getByRole('button', { name: /^Switch to .* theme$/ });
  for (let tries = 0; tries < 4; tries++) {
    if ((await page.locator('html').getAttribute('data-theme')) === theme) return;
    await button.click();
  }
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

test('the board puts the longest-waiting enquiry first by default; the other orders stay on offer', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  const tag = visitorName('Sortwait');
  const older = `${tag} older`;
  const newer = `${tag} newer`;
  await api.startEnquiry(older);
  await api.startEnquiry(newer);
  const ada = await consoleAs('ada@demo.test');

  const sort = ada.getByRole('combobox', { name: 'Sort' });
  await expect(sort.locator('option:checked')).toHaveText('Longest time first');
  await expect(sort.locator('option')).toHaveText([
    'Longest time first',
    'Newest first',
    'Recent activity first',
    'Visitor name (A–Z)',
  ]);

  await ada.getByRole('searchbox', { name: 'Search visitor or subject' }).fill(tag);
  const cards = column(ada, 'Open').getByRole('button', { name: new RegExp(`^${tag} `) });
  await expect(cards).toHaveCount(2);
  await expect(cards.first()).toHaveAccessibleName(older);

  await sort.selectOption({ label: 'Newest first' });
  await expect(cards.first()).toHaveAccessibleName(newer);
});

test('the theme button says what it switches to', async ({ consoleAs }) => {
  const ada = await consoleAs('ada@demo.test');
  const html = ada.locator('html');
  const button = ada.getByRole('button', { name: /^Switch to .* theme$/ });
  // The first choice is the system's theme; the button offers the next one.
  await expect(button).toHaveText('Switch to dark theme');
  await button.click();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(button).toHaveText('Switch to light theme');
  await button.click();
  await expect(html).toHaveAttribute('data-theme', 'light');
  await expect(button).toHaveText('Switch to system theme');
});

test("a staff message's time meets WCAG AA contrast in both themes", async ({
  api,
  consoleAs,
  visitorName,
}) => {
  const visitor = visitorName('Contrast Visitor');
  const enquiryId = await api.handlingEnquiry(visitor, 'grace@demo.test');
  await api.data(
    `mutation ($id: ID!, $text: String!) { sendMessage(enquiryId: $id, text: $text) { id } }`,
    { id: enquiryId, text: 'Let me check where your parcel is.' },
    await api.token('grace@demo.test'),
  );
  const ada = await consoleAs('ada@demo.test');
  const pane = await openRoom(ada, visitor);
  const staffMessage = pane.locator('.message.staff', { hasText: 'Let me check where your parcel is.' });
  await expect(staffMessage.locator('time')).toBeVisible();

  for (const theme of ['light', 'dark'] as const) {
    await useTheme(ada, theme);
    const results = await new AxeBuilder({ page: ada })
      .include('.message.staff')
      .withRules(['color-contrast'])
      .analyze();
    expect(results.passes.length + results.violations.length, 'axe checked the messages').toBeGreaterThan(0);
    expect(
      results.violations.flatMap((violation) => violation.nodes.map((node) => node.target.join(' '))),
      `${theme} theme`,
    ).toEqual([]);
  }
});

test('a closed enquiry shows no "unread" on its card', async ({ api, consoleAs, visitorName }) => {
  const visitor = visitorName('Closed Unread');
  const { enquiryId, visitorToken } = await api.startEnquiry(visitor);
  await api.pickUp('grace@demo.test', enquiryId);
  const ada = await consoleAs('ada@demo.test');
  await ada.getByRole('searchbox', { name: 'Search visitor or subject' }).fill(visitor);
  const handling = column(ada, 'Handling').getByRole('button', { name: visitor, exact: true });
  await expect(handling).toBeVisible();

  // Unread while it is handled…
  await api.visitorSays(visitorToken, 'Hello? Anyone?');
  await expect(handling).toContainText('1 unread');

  // …and none once it is closed (taken over and closed by Alan, not read by Ada).
  await api.takeOver('alan@demo.test', enquiryId);
  await api.data(
    `mutation ($id: ID!) { closeEnquiry(enquiryId: $id) { id } }`,
    { id: enquiryId },
    await api.token('alan@demo.test'),
  );
  const closed = column(ada, 'Closed').getByRole('button', { name: visitor, exact: true });
  await expect(closed).toBeVisible();
  await expect(closed).toContainText('Alan Turing');
  await expect(closed).not.toContainText('unread');
});

test('the room header lists who else is monitoring, never the viewer herself', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  const visitor = visitorName('Header Visitor');
  await api.handlingEnquiry(visitor, 'grace@demo.test');
  const ada = await consoleAs('ada@demo.test');
  const adaPane = await openRoom(ada, visitor);
  const facts = adaPane.locator('header .room-facts');
  await expect(facts).toContainText('OwnerGrace Hopper');

  const alan = await consoleAs('alan@demo.test');
  await openRoom(alan, visitor);
  // Alan monitors too: Ada's header lists him, not her; his lists her, not him.
  await expect(facts).toContainText('MonitoringAlan Turing');
  await expect(facts).not.toContainText('Ada Lovelace');
  const alanFacts = alan
    .getByRole('region', { name: `Room: ${visitor}`, exact: true })
    .locator('header .room-facts');
  await expect(alanFacts).toContainText('MonitoringAda Lovelace');
  await expect(alanFacts).not.toContainText('Alan Turing');
});

test('once she owns the enquiry, More (...) offers no Take over', async ({ api, consoleAs, visitorName }) => {
  const visitor = visitorName('Owned More');
  const enquiryId = await api.handlingEnquiry(visitor, 'grace@demo.test');
  const ada = await consoleAs('ada@demo.test');
  const pane = await openRoom(ada, visitor);
  await api.takeOver('ada@demo.test', enquiryId);
  await expect(pane.locator('header')).toContainText('OwnerAda Lovelace');
  const proceed = pane.getByRole('button', { name: 'Proceed' });
  await expect(proceed).toBeEnabled();
  await proceed.click();
  const chat = pane.getByRole('group', { name: 'Chat room' });
  await expect(chat).toContainText('you are the owner');

  await chat.getByRole('button', { name: 'More' }).click();
  const menu = ada.getByRole('menu', { name: 'More actions' });
  await expect(menu.getByRole('menuitem', { name: 'Close enquiry' })).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: 'Take over' })).toHaveCount(0);
});

test('card badges are never cut at 1600 × 1000; their full text stays in tooltip and description', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  const visitor = visitorName('Badge Visitor');
  const { enquiryId, visitorToken } = await api.startEnquiry(visitor);
  await api.pickUp('grace@demo.test', enquiryId);
  // Alan joins (before the call: joining waits while one is ongoing), then a call and a message.
  const alan = await consoleAs('alan@demo.test');
  await openRoom(alan, visitor);
  expect(await api.joinErrorCode('alan@demo.test', enquiryId)).toBeNull();
  await api.startCall('grace@demo.test', enquiryId, 'CONFERENCE');

  const ada = await consoleAs('ada@demo.test');
  await ada.setViewportSize({ width: 1600, height: 1000 });
  // Ada monitors it from a second window, so this board has not read the message.
  await openRoom(await consoleAs('ada@demo.test'), visitor);
  await ada.getByRole('searchbox', { name: 'Search visitor or subject' }).fill(visitor);
  const card = column(ada, 'Handling').getByRole('button', { name: visitor, exact: true });
  await expect(card).toContainText('Conference call ongoing');
  // A message after this board first saw the enquiry: unread here.
  await api.visitorSays(visitorToken, 'Are you all still there?');
  await expect(card).toContainText('1 unread');
  await expect(card).toHaveAccessibleDescription(/\+ Alan Turing joined/);
  await expect(card).toHaveAccessibleDescription(/Monitored by Ada Lovelace/);

  const badges = card.locator('.badge');
  const measured = await badges.evaluateAll((elements) =>
    elements.map((element) => {
      const row = element.parentElement!.getBoundingClientRect();
      const box = element.getBoundingClientRect();
      return {
        text: element.textContent,
        title: element.getAttribute('title'),
        cut: element.scrollWidth > element.clientWidth,
        shown: box.bottom <= row.bottom + 0.5 && box.right <= row.right + 0.5,
      };
    }),
  );
  expect(measured.length).toBeGreaterThanOrEqual(4);
  expect(measured.filter((badge) => badge.shown && badge.cut)).toEqual([]);
  // What the card shows first is shown whole; every badge keeps its full words as a tooltip.
  expect(measured[0]).toMatchObject({ title: 'Conference call ongoing', shown: true, cut: false });
  expect(measured.map((badge) => badge.title)).toEqual(
    expect.arrayContaining(['Monitored by Ada Lovelace', '+ Alan Turing joined', '1 unread']),
  );

  if (process.env.SHOTS_DIR) {
    await card.screenshot({ path: `${process.env.SHOTS_DIR}/card-badges-1600x1000.png` });
    await ada.setViewportSize({ width: 1366, height: 768 });
    await card.screenshot({ path: `${process.env.SHOTS_DIR}/card-badges-1366x768.png` });
    await ada.setViewportSize({ width: 1600, height: 1000 });
  }

  // Across the whole board, at this size, no badge that is shown is cut.
  await ada.getByRole('searchbox', { name: 'Search visitor or subject' }).fill('');
  const cutAnywhere = await ada.locator('.card-badges .badge').evaluateAll((elements) =>
    elements
      .filter((element) => {
        const row = element.parentElement!.getBoundingClientRect();
        return element.getBoundingClientRect().bottom <= row.bottom + 0.5;
      })
      .filter((element) => element.scrollWidth > element.clientWidth)
      .map((element) => element.textContent),
  );
  expect(cutAnywhere).toEqual([]);
});

for (const action of ['Join', 'Take over'] as const) {
  test(`an open ${action} confirmation is withdrawn, with the reason, when a call starts`, async ({
    api,
    consoleAs,
    visitorName,
  }) => {
    const visitor = visitorName(`Call ${action}`);
    const enquiryId = await api.handlingEnquiry(visitor, 'grace@demo.test');
    const ada = await consoleAs('ada@demo.test');
    const pane = await openRoom(ada, visitor);
    const button = pane.getByRole('button', { name: action, exact: true });
    await button.click();
    const dialog = ada.getByRole('dialog');
    await expect(dialog).toBeVisible();

    await api.startCall('grace@demo.test', enquiryId, 'ONE_TO_ONE');
    await expect(dialog).toBeHidden();
    const refused = action === 'Join' ? 'Could not join the enquiry' : 'Could not take over the enquiry';
    await expect(toast(ada, refused)).toContainText('A 1-to-1 call started, so nothing was done.');
    await expect(button).toBeDisabled();
    expect(await api.owner('ada@demo.test', enquiryId)).toBe('Grace Hopper');
  });
}
