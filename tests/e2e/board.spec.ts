/**
 * The Enquiry Overview: four named columns with counts, always-visible connection state,
 * live updates from bridge events, filters and keyboard navigation.
 */
import { column, expect, test } from './support/fixtures';

test('the board shows Open, Handling, Missed, Closed with counts, live state and last sync', async ({
  consoleAs,
}) => {
  const ada = await consoleAs('ada@demo.test');
  for (const name of ['Open', 'Handling', 'Missed', 'Closed'] as const) {
    const region = column(ada, name);
    await expect(region.getByRole('heading', { name: new RegExp(`^${name} \\d+ enquiries$`) })).toBeVisible();
  }
  await expect(column(ada, 'Handling').getByRole('button').first()).toBeVisible();
  await expect(ada.getByText('Live', { exact: true })).toBeVisible();
  await expect(ada.getByText(/Last sync \d/)).toBeVisible();
});

test('enquiries arrive and move between columns live; counts follow', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  const ada = await consoleAs('ada@demo.test');
  const openHeading = column(ada, 'Open').getByRole('heading');
  const before = Number((await openHeading.textContent())?.match(/\d+/)?.[0]);

  const visitor = visitorName('Live Visitor');
  const { enquiryId } = await api.startEnquiry(visitor);
  await expect(openHeading).toContainText(String(before + 1));
  await ada.getByRole('searchbox', { name: 'Search visitor or subject' }).fill(visitor);
  await expect(column(ada, 'Open').getByRole('button', { name: visitor, exact: true })).toContainText(
    'Waiting',
  );

  await api.pickUp('margaret@demo.test', enquiryId);
  const card = column(ada, 'Handling').getByRole('button', { name: visitor, exact: true });
  await expect(card).toContainText('Margaret Hamilton');
  await expect(column(ada, 'Open').getByRole('button', { name: visitor, exact: true })).toHaveCount(0);

  // The timer ticks.
  const first = await card.locator('.card-timer').textContent();
  await expect(card.locator('.card-timer')).not.toHaveText(first ?? '', { timeout: 3000 });
});

test('filters by agent, channel and text; unread activity is shown', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  const visitor = visitorName('Filter Visitor');
  const { enquiryId, visitorToken } = await api.startEnquiry(visitor);
  await api.pickUp('linus@demo.test', enquiryId);
  const ada = await consoleAs('ada@demo.test');
  const handling = column(ada, 'Handling');

  await ada.getByRole('combobox', { name: 'Agent' }).selectOption({ label: 'Linus Torvalds' });
  await expect(handling.getByRole('button').first()).toBeVisible();
  for (const text of await handling.getByRole('button').allTextContents())
    expect(text).toContain('Linus Torvalds');

  await ada.getByRole('combobox', { name: 'Channel' }).selectOption({ label: 'Email' });
  await expect(handling.getByRole('button', { name: visitor, exact: true })).toHaveCount(0);
  // A column the filters empty says so (a column empty anyway says only "No enquiries").
  await ada.getByRole('searchbox', { name: 'Search visitor or subject' }).fill('nobody is called this');
  await expect(handling).toContainText('No enquiries match the filters');
  await ada.getByRole('button', { name: 'Clear filters' }).click();

  await ada.getByRole('searchbox', { name: 'Search visitor or subject' }).fill(visitor);
  const card = handling.getByRole('button', { name: visitor, exact: true });
  await expect(handling.getByRole('button')).toHaveCount(1);
  // While filtering, a column counts what it shows of its total.
  await expect(handling.locator('.column-count')).toHaveText(/^1 of \d+$/);
  await api.visitorSays(visitorToken, 'Are you still there?');
  await expect(card).toContainText('1 unread');
});

test('arrow keys move between enquiries and columns; Enter opens the room', async ({ consoleAs }) => {
  const ada = await consoleAs('ada@demo.test');
  const cards = column(ada, 'Handling').getByRole('button');
  await cards.first().focus();
  await ada.keyboard.press('ArrowDown');
  await expect(cards.nth(1)).toBeFocused();
  // Left and right move between columns.
  await ada.keyboard.press('ArrowRight');
  await expect(column(ada, 'Missed').getByRole('button').first()).toBeFocused();
  // Back to the column's tab stop: the card she left it at.
  await ada.keyboard.press('ArrowLeft');
  await expect(cards.nth(1)).toBeFocused();
  await cards.nth(1).focus();
  const name = await cards.nth(1).getAttribute('aria-label');
  await ada.keyboard.press('Enter');
  await expect(ada.getByRole('region', { name: `Room: ${name}`, exact: true })).toBeFocused();
  // Alt+W closes it; with no room left, focus goes back to its card, not to the page.
  await ada.keyboard.press('Alt+w');
  await expect(ada.getByRole('region', { name: /^Room: / })).toHaveCount(0);
  await expect(column(ada, 'Handling').getByRole('button', { name: name!, exact: true })).toBeFocused();
});
