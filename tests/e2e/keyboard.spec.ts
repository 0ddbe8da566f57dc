/**
 * Keyboard (issue 13, item 10): each board column is one tab stop and arrow keys move inside
 * it (a roving focus that survives scrolling and live changes); "?" lists the shortcuts in a
 * dialog (axe: no serious violations, light and dark); "/" goes to the search box; Alt+J /
 * Alt+T open the Join / Take over confirmation of the focused room, never while typing and
 * never when the action is unavailable; Alt+1 … 9 go to a room.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { column, expect, openRoom, roomPane, test, toast } from './support/fixtures';

/** Which board column holds the focus ('OPEN', 'HANDLING', …), or null when none does. */
function focusedColumn(page: Page): Promise<string | null> {
  return page.evaluate(
    () => document.activeElement?.closest<HTMLElement>('[data-column]')?.dataset.column ?? null,
  );
}

/** The focused card's place in its column (aria-posinset), or null. */
function focusedPlace(page: Page): Promise<number | null> {
  return page.evaluate(() => {
    const place = document.activeElement?.closest('[role="listitem"]')?.getAttribute('aria-posinset');
    return place ? Number(place) : null;
  });
}

/** The card at a place in a column (1-based, as aria-posinset). */
function cardAt(region: Locator, place: number): Locator {
  return region.locator(`[role="listitem"][aria-posinset="${place}"]`).getByRole('button');
}

async function useTheme(page: Page, theme: 'light' | 'dark' | 'system'): Promise<void> {
  const button = page.getByRole('button', { name: /^Switch to .* theme$/ });
  // The button names the theme it switches to: system → dark → light → system.
  const shownWhen = {
    system: 'Switch to dark theme',
    dark: 'Switch to light theme',
    light: 'Switch to system theme',
  };
  for (let tries = 0; tries < 3 && (await button.textContent()) !== shownWhen[theme]; tries++)
    await button.click();
  await expect(button).toHaveText(shownWhen[theme]);
}

test('Tab stops once per board column, arrows move inside it, Enter opens the room', async ({
  consoleAs,
}) => {
  const ada = await consoleAs('ada@demo.test');
  const handling = column(ada, 'Handling');
  const cards = handling.getByRole('button');
  await expect(cards.nth(2)).toBeVisible();
  for (const name of ['Open', 'Missed', 'Closed'] as const)
    await expect(column(ada, name).getByRole('button').first()).toBeVisible();

  // From the first column's card, Tab visits each other column once and then leaves the board.
  await column(ada, 'Open').getByRole('button').first().focus();
  const stops: (string | null)[] = [];
  for (let i = 0; i < 4; i++) {
    await ada.keyboard.press('Tab');
    stops.push(await focusedColumn(ada));
  }
  expect(stops).toEqual(['HANDLING', 'MISSED', 'CLOSED', null]);
  // Shift+Tab comes back to the last column.
  await ada.keyboard.press('Shift+Tab');
  expect(await focusedColumn(ada)).toBe('CLOSED');

  // Inside a column: Down, Up, End, Home.
  await cards.first().focus();
  await ada.keyboard.press('ArrowDown');
  await expect(cards.nth(1)).toBeFocused();
  await expect(cards.nth(1)).toHaveAttribute('tabindex', '0');
  await expect(cards.first()).toHaveAttribute('tabindex', '-1');
  // The column remembers where you were: out with Shift+Tab, back with Tab.
  await ada.keyboard.press('Shift+Tab');
  expect(await focusedColumn(ada)).toBe('OPEN');
  await ada.keyboard.press('Tab');
  await expect(cards.nth(1)).toBeFocused();
  const total = Number((await handling.getByRole('heading').textContent())?.match(/\d+/)?.[0]);
  await ada.keyboard.press('End');
  await expect.poll(() => focusedPlace(ada)).toBe(total);
  await ada.keyboard.press('Home');
  await expect(cards.first()).toBeFocused();
  // Left / Right go to the neighbouring column's tab stop.
  await ada.keyboard.press('ArrowRight');
  expect(await focusedColumn(ada)).toBe('MISSED');
  await ada.keyboard.press('ArrowLeft');
  await expect(cards.first()).toBeFocused();

  await ada.keyboard.press('ArrowDown');
  const name = await cards.nth(1).getAttribute('aria-label');
  await ada.keyboard.press('Enter');
  await expect(roomPane(ada, name!)).toBeFocused();
});

test('the column keeps its tab stop while scrolled away, and hands the focus on when its card leaves', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  // 27 enquiries are started first.
  test.setTimeout(120_000);
  const tag = visitorName('Roving');
  const ids = new Map<string, string>();
  for (let n = 0; n < 26; n++) {
    const visitor = `${tag} ${String(n).padStart(2, '0')}`;
    ids.set(visitor, (await api.startEnquiry(visitor)).enquiryId);
  }
  await api.handlingEnquiry(`${tag} handled`, 'linus@demo.test');
  const ada = await consoleAs('ada@demo.test');
  await ada.setViewportSize({ width: 1366, height: 768 });
  await ada.getByRole('searchbox', { name: 'Search visitor or subject' }).fill(tag);
  const open = column(ada, 'Open');
  await expect(open.locator('.column-count')).toHaveText(/^26 of \d+$/);
  const handled = column(ada, 'Handling').getByRole('button', { name: `${tag} handled`, exact: true });

  // To the last card, then scroll the column back to its top: the last card stays the tab stop.
  await cardAt(open, 1).focus();
  await ada.keyboard.press('End');
  await expect.poll(() => focusedPlace(ada)).toBe(26);
  const last = await cardAt(open, 26).getAttribute('aria-label');
  await open.locator('.column-scroller').evaluate((scroller) => {
    scroller.scrollTop = 0;
  });
  await expect(cardAt(open, 1)).toBeInViewport();
  await expect(open.getByRole('button', { name: last!, exact: true })).not.toBeInViewport();
  await handled.focus();
  await ada.keyboard.press('Shift+Tab');
  await expect(open.getByRole('button', { name: last!, exact: true })).toBeFocused();
  await expect(open.locator('[tabindex="0"]')).toHaveCount(1);

  // The focused card leaves the column (an agent picks it up): the next one takes its place
  // and the focus.
  await ada.keyboard.press('Home');
  await ada.keyboard.press('ArrowDown');
  await ada.keyboard.press('ArrowDown');
  await expect.poll(() => focusedPlace(ada)).toBe(3);
  const leaving = (await cardAt(open, 3).getAttribute('aria-label'))!;
  const next = (await cardAt(open, 4).getAttribute('aria-label'))!;
  await api.pickUp('margaret@demo.test', ids.get(leaving)!);
  await expect(column(ada, 'Handling').getByRole('button', { name: leaving, exact: true })).toBeVisible();
  await expect(open.getByRole('button', { name: next, exact: true })).toBeFocused();
  await expect(open.locator('[tabindex="0"]')).toHaveCount(1);

  // A new enquiry arriving leaves the focus where it is.
  await api.startEnquiry(`${tag} newest`);
  await expect(open.locator('.column-count')).toHaveText(/^26 of \d+$/);
  await expect(open.getByRole('button', { name: next, exact: true })).toBeFocused();
  await expect(open.locator('[tabindex="0"]')).toHaveCount(1);
});

test('"?" (or the top bar\'s button) lists the keyboard shortcuts (axe, light and dark); Escape goes back; "/" goes to the search box', async ({
  consoleAs,
}) => {
  // Two axe passes and four theme switches: slow on a loaded machine.
  test.setTimeout(180_000);
  const ada = await consoleAs('ada@demo.test');
  const card = column(ada, 'Handling').getByRole('button').first();
  const search = ada.getByRole('searchbox', { name: 'Search visitor or subject' });
  const dialog = ada.getByRole('dialog', { name: 'Keyboard shortcuts' });

  // Typed into a text field, "?" and "/" are just characters.
  await search.fill('');
  await search.press('?');
  await search.press('/');
  await expect(search).toHaveValue('?/');
  await expect(dialog).toHaveCount(0);
  await search.fill('');

  try {
    for (const theme of ['light', 'dark'] as const) {
      await useTheme(ada, theme);
      await card.focus();
      await ada.keyboard.press('?');
      await expect(dialog).toBeVisible();
      for (const shortcut of ['Alt + J', 'Alt + T', 'Alt + 1 … 9', '/', '?', 'F6'])
        await expect(dialog.locator('dt').filter({ hasText: shortcut }).first()).toBeVisible();
      await expect(dialog).toContainText('Join (asks you to confirm)');
      await expect(dialog).toContainText('Take over (asks you to confirm)');
      const results = await new AxeBuilder({ page: ada }).include('dialog[open]').analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(
        serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
        `${theme} theme`,
      ).toEqual([]);
      await ada.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
      await expect(card).toBeFocused();
    }
  } finally {
    await useTheme(ada, 'system');
  }

  // "/" from a card: to the search box, the "/" not typed.
  await ada.keyboard.press('/');
  await expect(search).toBeFocused();
  await expect(search).toHaveValue('');

  // The top bar's "Keyboard shortcuts" button opens the same list (for those who do not know "?").
  const button = ada.getByRole('banner').getByRole('button', { name: 'Keyboard shortcuts' });
  await expect(button).toHaveAttribute('aria-keyshortcuts', '?');
  await button.click();
  await expect(dialog).toBeVisible();
  await ada.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(button).toBeFocused();
});

test('Alt+J / Alt+T open the Join / Take over confirmation of the focused room: never while typing, never when unavailable', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  // A join, a room mode change and four questions asked.
  test.setTimeout(120_000);
  const visitor = visitorName('Shortcut Join');
  const enquiryId = await api.handlingEnquiry(visitor, 'linus@demo.test');
  const ada = await consoleAs('ada@demo.test');
  const pane = await openRoom(ada, visitor);
  const join = pane.getByRole('button', { name: 'Join', exact: true });
  const takeOver = pane.getByRole('button', { name: 'Take over', exact: true });
  await expect(join).toHaveAttribute('aria-keyshortcuts', 'Alt+J');
  await expect(takeOver).toHaveAttribute('aria-keyshortcuts', 'Alt+T');
  await expect(join).toBeEnabled();
  const joinQuestion = ada.getByRole('dialog', { name: 'Join this enquiry?' });
  const takeOverQuestion = ada.getByRole('dialog', { name: 'Take over this enquiry?' });
  const shortcuts = ada.getByRole('dialog', { name: 'Keyboard shortcuts' });
  /** Nothing opened: "?" (ignored behind any open dialog) shows the shortcuts alone. */
  const noQuestionOpened = async () => {
    await pane.focus();
    await ada.keyboard.press('?');
    await expect(shortcuts).toBeVisible();
    await expect(ada.getByRole('dialog')).toHaveCount(1);
    await ada.keyboard.press('Escape');
    await expect(shortcuts).toHaveCount(0);
  };

  // Typing in the whisper box: "j", "t", even Alt+J, stay with the text.
  const whisper = pane.getByRole('textbox', { name: 'Whisper to the agent' });
  await whisper.click();
  await ada.keyboard.type('just a test');
  await ada.keyboard.press('Alt+j');
  await expect(whisper).toHaveValue(/^just a test/);
  await noQuestionOpened();

  // In the room (not typing): Alt+T asks the Take over question; Cancel changes nothing.
  await pane.focus();
  await ada.keyboard.press('Alt+t');
  await expect(takeOverQuestion).toBeVisible();
  await takeOverQuestion.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(takeOverQuestion).toHaveCount(0);

  // Alt+J asks the Join question; OK joins.
  await pane.focus();
  await ada.keyboard.press('Alt+j');
  await expect(joinQuestion).toBeVisible();
  await joinQuestion.getByRole('button', { name: 'OK', exact: true }).click();
  await expect(toast(ada, 'You have joined the enquiry.')).toBeVisible();
  await expect(join).toBeDisabled();
  // Join is unavailable now: its shortcut does nothing.
  await ada.keyboard.press('Alt+j');
  await noQuestionOpened();

  // In the chat room Take over sits in More (...): the shortcut still asks first.
  await pane.getByRole('button', { name: 'Go to Chat Room' }).click();
  await pane.getByRole('button', { name: 'More' }).click();
  await expect(pane.getByRole('menuitem', { name: 'Take over' })).toHaveAttribute(
    'aria-keyshortcuts',
    'Alt+T',
  );
  await ada.keyboard.press('Escape');
  await pane.focus();
  await ada.keyboard.press('Alt+t');
  await expect(takeOverQuestion).toBeVisible();
  await takeOverQuestion.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(takeOverQuestion).toHaveCount(0);
  expect(await api.owner('ada@demo.test', enquiryId)).toBe('Linus Torvalds');
});

test('Alt+1 … 9 go to the rooms by place; Alt+arrows and F6 still move between them', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  const visitors = [0, 1, 2].map((n) => visitorName(`Room Keys ${n}`));
  for (const visitor of visitors) await api.handlingEnquiry(visitor, 'linus@demo.test');
  const ada = await consoleAs('ada@demo.test');
  for (const visitor of visitors) await openRoom(ada, visitor);
  const panes = ada.getByRole('region', { name: /^Room: / });
  await expect(panes).toHaveCount(3);
  const pane = (n: number) => roomPane(ada, visitors[n]!);

  await column(ada, 'Handling').getByRole('button').first().focus();
  await ada.keyboard.press('Alt+1');
  await expect(pane(0)).toBeFocused();
  await ada.keyboard.press('Alt+3');
  await expect(pane(2)).toBeFocused();
  await ada.keyboard.press('Alt+2');
  await expect(pane(1)).toBeFocused();
  // No ninth room: the focus stays.
  await ada.keyboard.press('Alt+9');
  await expect(pane(1)).toBeFocused();
  await ada.keyboard.press('Alt+ArrowRight');
  await expect(pane(2)).toBeFocused();
  await ada.keyboard.press('Alt+ArrowLeft');
  await expect(pane(1)).toBeFocused();
  await ada.keyboard.press('F6');
  await expect(pane(2)).toBeFocused();
  // From a board card too: Alt+ArrowRight goes to the rooms, not to the next column.
  await column(ada, 'Handling').getByRole('button').first().focus();
  await ada.keyboard.press('Alt+ArrowRight');
  await expect(pane(0)).toBeFocused();
});
