/**
 * The workspace's layout on a laptop screen (issue 13, item 9): at 1366 × 768 with four rooms
 * the board's columns and every transcript keep a usable height, and "Focus room" enlarges
 * one room (by mouse and keyboard); "Last sync" moves on while live; a no-plan administrator
 * is told once and the top bar is one row for every role; toasts cover no card. With
 * LAYOUT_SHOTS=<dir> it saves screenshots at 1366 × 768 and 1600 × 1000.
 */
import type { Locator, Page } from '@playwright/test';
import { answerDialog, column, expect, openRoom, roomPane, test } from './support/fixtures';

const shots = process.env.LAYOUT_SHOTS;
const SIZES = [
  [1366, 768],
  [1600, 1000],
] as const;

/**
 * What "usable" means here. A column's card list shows its first card whole and the next
 * one's visitor line (a card is 88 px with its gap): the longest-waiting enquiry, and that
 * more follow. A transcript shows 200 px: five one-line messages, or three two-line ones.
 */
const COLUMN_LIST_MIN = 120;
const TRANSCRIPT_MIN = 200;
/** An enlarged room's transcript in focus mode at 768 px: twice the side-by-side minimum. */
const FOCUSED_TRANSCRIPT_MIN = 2 * TRANSCRIPT_MIN;

async function shot(page: Page, name: string): Promise<void> {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png` });
}

async function heights(locator: Locator): Promise<number[]> {
  return locator.evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect().height));
}

test('at 1366 × 768 with four rooms the columns and each transcript keep a usable height; Focus room enlarges one by mouse and keyboard', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  const visitors = ['Ines Moreau', 'Kwame Mensah', 'Priya Nair', 'Sven Olsen'].map(visitorName);
  for (const visitor of visitors) await api.handlingEnquiry(visitor, 'grace@demo.test');
  const ada = await consoleAs('ada@demo.test');
  await ada.setViewportSize({ width: 1366, height: 768 });
  await shot(ada, 'board-1366x768');
  await openRoom(ada, visitors[0]!);
  await shot(ada, 'one-room-1366x768');
  for (const visitor of visitors.slice(1)) await openRoom(ada, visitor);
  const panes = ada.getByRole('region', { name: /^Room: / });
  await expect(panes).toHaveCount(4);
  await shot(ada, 'four-rooms-1366x768');

  const lists = ada.locator('.column-scroller');
  await expect(lists).toHaveCount(4);
  for (const height of await heights(lists)) expect(height).toBeGreaterThanOrEqual(COLUMN_LIST_MIN);
  const transcripts = ada.getByRole('log');
  await expect(transcripts).toHaveCount(4);
  for (const height of await heights(transcripts)) expect(height).toBeGreaterThanOrEqual(TRANSCRIPT_MIN);
  // Every room keeps its whole panel in the window.
  for (const whisper of await ada.getByRole('textbox', { name: 'Whisper to the agent' }).all())
    await expect(whisper).toBeInViewport({ ratio: 1 });

  // Focus room, by mouse: that room takes the row and the height; the board keeps its
  // column headings and counts, the other rooms their title bars.
  const second = roomPane(ada, visitors[1]!);
  await second.getByRole('button', { name: 'Focus room' }).click();
  const leave = second.getByRole('button', { name: 'Leave focus' });
  await expect(leave).toBeVisible();
  await expect(transcripts).toHaveCount(1);
  expect((await second.getByRole('log').boundingBox())!.height).toBeGreaterThanOrEqual(
    FOCUSED_TRANSCRIPT_MIN,
  );
  await expect(column(ada, 'Handling').getByRole('heading')).toBeVisible();
  await expect(ada.getByRole('heading', { name: visitors[3], exact: true })).toBeVisible();
  await shot(ada, 'focus-1366x768');
  // A folded room enlarges when clicked.
  await roomPane(ada, visitors[3]!).getByRole('heading').click();
  await expect(roomPane(ada, visitors[3]!).getByRole('button', { name: 'Leave focus' })).toBeVisible();
  await expect(second.getByRole('log')).toBeHidden();

  // By keyboard: Leave focus, then Focus room on the third room.
  await roomPane(ada, visitors[3]!).getByRole('button', { name: 'Leave focus' }).focus();
  await ada.keyboard.press('Enter');
  await expect(transcripts).toHaveCount(4);
  await expect(ada.getByRole('separator', { name: 'Resize board and rooms' })).toBeVisible();
  const third = roomPane(ada, visitors[2]!);
  await third.getByRole('button', { name: 'Focus room' }).focus();
  await ada.keyboard.press('Space');
  await expect(third.getByRole('button', { name: 'Leave focus' })).toBeFocused();
  await expect(transcripts).toHaveCount(1);
  await ada.keyboard.press('Enter');
  await expect(transcripts).toHaveCount(4);

  // The split between board and rooms moves with the arrow keys (and is kept in the preferences).
  const split = ada.getByRole('separator', { name: 'Resize board and rooms' });
  await expect(split).toHaveAttribute('aria-orientation', 'horizontal');
  const before = Number(await split.getAttribute('aria-valuenow'));
  await split.focus();
  await ada.keyboard.press('ArrowUp');
  await expect(split).not.toHaveAttribute('aria-valuenow', String(before));
  expect(Number(await split.getAttribute('aria-valuenow'))).toBeLessThan(before);

  if (shots) {
    await ada.setViewportSize({ width: 1600, height: 1000 });
    await shot(ada, 'four-rooms-1600x1000');
    await third.getByRole('button', { name: 'Focus room' }).click();
    await shot(ada, 'focus-1600x1000');
  }
});

test('"Last sync" moves on with what arrives while the console is live', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  const ada = await consoleAs('ada@demo.test');
  const sync = ada.locator('.connection-sync');
  await expect(ada.locator('.connection')).toHaveAttribute('data-state', 'live');
  const first = await sync.textContent();
  expect(first).toMatch(/^Last sync \d/);
  // A second later (the clock shows seconds), something happens on the board.
  await ada.waitForTimeout(1100);
  await api.startEnquiry(visitorName('Sync Visitor'));
  await expect(sync).not.toHaveText(first!);
  await expect(sync).toHaveText(/^Last sync \d/);
});

test('a no-plan administrator is told once, on the board; the top bar is one row at 1366 px for every role', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  test.setTimeout(120_000);
  const visitor = visitorName('Basic Tenant Visitor');
  await api.handlingEnquiry(visitor, 'bea@basic.test', 'basic');
  let page: Page | null = null;
  for (const email of ['ada@demo.test', 'grace@demo.test', 'basil@basic.test']) {
    if (page) await page.close();
    page = await consoleAs(email);
    await page.setViewportSize({ width: 1366, height: 768 });
    const bar = page.locator('header.top-bar');
    await expect(bar.getByRole('button', { name: 'Sign out' })).toBeVisible();
    // One row: every part of the bar shares it, and the bar is one control high.
    const rows = await bar.locator(':scope > *, .top-bar-end > *').evaluateAll((parts) => {
      const boxes = parts.map((part) => part.getBoundingClientRect()).filter((box) => box.height > 0);
      return {
        lowestTop: Math.max(...boxes.map((box) => box.top)),
        highestBottom: Math.min(...boxes.map((box) => box.bottom)),
      };
    });
    expect(rows.lowestTop, email).toBeLessThan(rows.highestBottom);
    expect((await bar.boundingBox())!.height, email).toBeLessThanOrEqual(56);
    expect(await bar.evaluate((element) => element.scrollWidth <= element.clientWidth), email).toBe(true);
  }

  const basil = page!;
  await expect(basil.getByRole('note')).toContainText('Your plan does not include enquiry monitoring.');
  expect(await planMentions(basil.locator('body'))).toBe(1);
  await expect(basil.locator('header.top-bar')).not.toContainText(/plan/i);
  // In a room, only the reason beside its disabled buttons: no refusal box saying it again.
  const pane = await openRoom(basil, visitor);
  await expect(pane.getByRole('button', { name: 'Join', exact: true })).toBeDisabled();
  await expect(pane.getByText('The transcript is not shown.')).toBeVisible();
  expect(await planMentions(pane)).toBe(1);
  await expect(pane.getByRole('alert')).toHaveCount(0);
  await shot(basil, 'no-plan-room-1366x768');
});

/** How many times the plan is mentioned where it can be seen: visible text nodes naming it. */
async function planMentions(root: Locator): Promise<number> {
  return root.evaluate((element) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    let count = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (/\bplan\b/i.test(node.textContent ?? '') && parent && parent.getClientRects().length > 0) count++;
    }
    return count;
  });
}

/** Shown toasts whose box meets the visible part (within its list) of a card. */
async function toastsOverCards(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const toasts = [...document.querySelectorAll<HTMLElement>('[role="status"].toast')].filter(
      (toast) => toast.getBoundingClientRect().height > 0,
    );
    const found: string[] = [];
    for (const card of document.querySelectorAll<HTMLElement>('.enquiry-card')) {
      const list = card.closest('.column-scroller');
      if (!list) continue;
      const box = card.getBoundingClientRect();
      const clip = list.getBoundingClientRect();
      const top = Math.max(box.top, clip.top);
      const bottom = Math.min(box.bottom, clip.bottom);
      if (bottom - top < 1) continue;
      for (const toast of toasts) {
        const t = toast.getBoundingClientRect();
        const across = Math.min(box.right, t.right) - Math.max(box.left, t.left);
        const down = Math.min(bottom, t.bottom) - Math.max(top, t.top);
        if (across > 0.5 && down > 0.5) found.push(`${toast.textContent} over ${card.textContent}`);
      }
    }
    return found;
  });
}

test('a toast covers no card, with and without rooms, at 1366 × 768 and 1600 × 1000', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  const grace = await api.token('grace@demo.test');
  // The Closed column, where toasts show, full to its bottom at both sizes.
  for (let n = 0; n < 12; n++) {
    const enquiryId = await api.handlingEnquiry(visitorName(`Closed Filler ${n}`), 'grace@demo.test');
    await api.data(`mutation ($id: ID!) { closeEnquiry(enquiryId: $id) { id } }`, { id: enquiryId }, grace);
  }
  const helpFor = visitorName('Toast Helpme');
  const helpId = await api.handlingEnquiry(helpFor, 'grace@demo.test');
  const ada = await consoleAs('ada@demo.test');
  const toasts = ada.locator('[role="status"].toast');

  // Board alone: an agent asks for help.
  await api.data(
    `mutation ($id: ID!) { requestAssistance(enquiryId: $id, note: "Customer wants a refund") }`,
    { id: helpId },
    grace,
  );
  await expect(toasts.first()).toBeVisible();
  for (const [width, height] of SIZES) {
    await ada.setViewportSize({ width, height });
    await expect(toasts.first()).toBeInViewport();
    // The list makes way once the resized layout is measured.
    await expect.poll(() => toastsOverCards(ada), { message: `board alone at ${width}` }).toEqual([]);
    await shot(ada, `toast-board-${width}x${height}`);
  }

  // Rooms open: Ada joins one.
  const visitor = visitorName('Toast Join');
  await api.handlingEnquiry(visitor, 'grace@demo.test');
  const pane = await openRoom(ada, visitor);
  await openRoom(ada, helpFor);
  await pane.getByRole('button', { name: 'Join', exact: true }).click();
  await answerDialog(ada, 'OK');
  await expect(toasts.filter({ hasText: visitor })).toBeVisible();
  for (const [width, height] of SIZES) {
    await ada.setViewportSize({ width, height });
    // The list makes way once the resized layout is measured.
    await expect.poll(() => toastsOverCards(ada), { message: `rooms open at ${width}` }).toEqual([]);
    await shot(ada, `toast-rooms-${width}x${height}`);
  }

  // Focus mode folds the board: a toast takes the enlarged transcript's corner, above its panel.
  const other = roomPane(ada, helpFor);
  await other.getByRole('button', { name: 'Focus room' }).click();
  await other.getByRole('button', { name: 'Take over', exact: true }).click();
  await answerDialog(ada, 'OK');
  const takenOver = toasts.filter({ hasText: 'taken over' });
  await expect(takenOver).toBeVisible();
  const toastBox = (await takenOver.boundingBox())!;
  const panel = (await other.getByRole('group', { name: 'Monitor panel' }).boundingBox())!;
  const log = (await other.getByRole('log').boundingBox())!;
  expect(toastBox.y + toastBox.height).toBeLessThanOrEqual(panel.y);
  expect(toastBox.y).toBeGreaterThanOrEqual(log.y);
  await shot(ada, 'toast-focus-1600x1000');
});
