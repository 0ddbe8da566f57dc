/**
 * Rooms side by side: four at once, resizable, closable, keyboard-navigable; accessible
 * (axe: no serious violations) in dark and light themes. With DOCS_SCREENSHOTS=1 it also
 * refreshes docs/board.png and docs/rooms-side-by-side.png.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { answerDialog, column, expect, openRoom, test, toast } from './support/fixtures';

const docs = process.env.DOCS_SCREENSHOTS === '1';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

/** Column headings (or counts) that something else is drawn over, judged at their centres. */
async function coveredHeadings(page: Page): Promise<string[]> {
  return page.locator('.column-heading, .column-count').evaluateAll((elements) =>
    elements
      .filter((element) => {
        const box = element.getBoundingClientRect();
        const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        return !top || !element.contains(top);
      })
      .map((element) => element.textContent ?? ''),
  );
}

test('four rooms open side by side, each streaming, resizable, closable and keyboard-navigable', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  const agents = ['grace@demo.test', 'linus@demo.test', 'margaret@demo.test', 'grace@demo.test'];
  const names = ['Ines Moreau', 'Kwame Mensah', 'Priya Nair', 'Sven Olsen'];
  // Clean names for the documentation screenshots (a fresh backend per run); unique ones otherwise.
  const visitors = names.map((name) => (docs ? name : visitorName(name)));
  const started = [];
  for (const [index, visitor] of visitors.entries()) {
    const enquiry = await api.startEnquiry(visitor);
    await api.pickUp(agents[index]!, enquiry.enquiryId);
    started.push(enquiry);
  }
  const ada = await consoleAs('ada@demo.test');
  const themeButton = ada.getByRole('button', { name: /^Switch to .* theme$/ });
  if (docs) {
    while ((await themeButton.textContent()) !== 'Switch to light theme') await themeButton.click();
    await ada.screenshot({ path: 'docs/board.png' });
  }

  for (const visitor of visitors) await openRoom(ada, visitor);
  const panes = ada.getByRole('region', { name: /^Room: / });
  await expect(panes).toHaveCount(4);
  const pane = (index: number) => ada.getByRole('region', { name: `Room: ${visitors[index]}`, exact: true });
  const boxes = await Promise.all(visitors.map((_, index) => pane(index).boundingBox()));
  for (let index = 1; index < boxes.length; index++) {
    expect(boxes[index]!.x).toBeGreaterThan(boxes[index - 1]!.x + boxes[index - 1]!.width - 2);
    expect(Math.abs(boxes[index]!.y - boxes[0]!.y)).toBeLessThan(2);
  }

  // Each pane streams its own room live.
  await api.visitorSays(started[0]!.visitorToken, 'Is anyone there? It has been a week.');
  await api.startCall(agents[1]!, started[1]!.enquiryId, 'ONE_TO_ONE');
  await expect(pane(0).getByRole('log')).toContainText('It has been a week.');
  await expect(pane(1).getByRole('button', { name: 'Join', exact: true })).toBeDisabled();
  await pane(2).getByRole('button', { name: 'Join', exact: true }).click();
  await ada.getByRole('dialog').getByRole('button', { name: 'OK' }).click();
  await pane(2).getByRole('textbox', { name: 'Whisper to the agent' }).fill('Offer the express re-send.');
  await pane(2).getByRole('button', { name: 'Whisper', exact: true }).click();
  await expect(pane(2).locator('[data-kind="WHISPER"]')).toBeVisible();
  for (const index of [0, 1, 2, 3])
    await expect(pane(index).getByRole('log')).toContainText('My order has not arrived');
  if (docs) {
    while ((await themeButton.textContent()) !== 'Switch to system theme') await themeButton.click();
    await ada.mouse.move(0, 0);
    // No toast (other live regions, such as the help requests' announcer, stay).
    await expect(ada.getByRole('region', { name: 'Notifications' }).getByRole('status')).toHaveCount(0, {
      timeout: 15_000,
    });
    await ada.screenshot({ path: 'docs/rooms-side-by-side.png' });
  }

  // Resize with the keyboard: the first pane grows.
  const widthBefore = (await pane(0).boundingBox())!.width;
  await ada.getByRole('separator', { name: 'Resize rooms 1 and 2' }).focus();
  for (let i = 0; i < 3; i++) await ada.keyboard.press('ArrowRight');
  expect((await pane(0).boundingBox())!.width).toBeGreaterThan(widthBefore + 20);

  // Keyboard: Alt+ArrowRight / Alt+ArrowLeft move between panes; Alt+W closes the focused one.
  await pane(0).focus();
  await ada.keyboard.press('Alt+ArrowRight');
  await expect(pane(1)).toBeFocused();
  await ada.keyboard.press('Alt+ArrowLeft');
  await expect(pane(0)).toBeFocused();

  expect(await seriousViolations(ada)).toEqual([]);

  await ada.keyboard.press('Alt+w');
  await expect(panes).toHaveCount(3);
  await ada.getByRole('button', { name: `Close ${visitors[3]}'s room` }).click();
  await expect(panes).toHaveCount(2);
  // Closing a room stops monitoring it.
  await ada.getByRole('searchbox', { name: 'Search visitor or subject' }).fill(visitors[0]!);
  await expect(
    column(ada, 'Handling').getByRole('button', { name: visitors[0], exact: true }),
  ).not.toContainText('Monitored by Ada');
});

test('on a 1366 × 768 screen every room keeps its whole monitor panel and whisper box; more rooms than fit scroll sideways, each readable', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  const visitors = Array.from({ length: 6 }, (_, n) => visitorName(`Small Screen ${n}`));
  const started = [];
  for (const visitor of visitors) started.push(await api.handlingEnquiry(visitor, 'linus@demo.test'));
  // A call line makes the header and the panel taller.
  await api.startCall('linus@demo.test', started[1]!, 'CONFERENCE');
  const ada = await consoleAs('ada@demo.test');
  await ada.setViewportSize({ width: 1366, height: 768 });
  const rooms = ada.getByRole('region', { name: 'Rooms' });
  /**
   * Every open pane: the panel's buttons and the whisper box lie inside the pane, in the
   * window; with `scroll`, once scrolled to (a crowded pane may scroll, never clip).
   */
  const clipped = async (scroll = false) => {
    const found: string[] = [];
    for (const pane of await ada.getByRole('region', { name: /^Room: / }).all()) {
      const box = (await pane.boundingBox())!;
      const controls = {
        Join: pane.getByRole('button', { name: 'Join', exact: true }),
        Proceed: pane.getByRole('button', { name: 'Proceed', exact: true }),
        'whisper box': pane.getByRole('textbox', { name: 'Whisper to the agent' }),
      };
      for (const [name, control] of Object.entries(controls)) {
        if (scroll) await control.scrollIntoViewIfNeeded();
        const inner = (await control.boundingBox())!;
        if (inner.y < box.y || inner.y + inner.height > box.y + box.height || inner.y + inner.height > 768)
          found.push(`${await pane.getAttribute('aria-label')}: ${name}`);
      }
      const transcript = (await pane.getByRole('log').boundingBox())!;
      if (transcript.height < 90)
        found.push(`${await pane.getAttribute('aria-label')}: transcript ${transcript.height}px`);
    }
    return found;
  };

  for (const visitor of visitors.slice(0, 4)) await openRoom(ada, visitor);
  await expect(ada.getByRole('region', { name: /^Room: / })).toHaveCount(4);
  await expect(ada.getByRole('region', { name: `Room: ${visitors[1]}` })).toContainText(
    'Conference call in progress',
  );
  expect(await clipped()).toEqual([]);
  expect(await rooms.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);

  // Six rooms do not fit: each keeps its least width, the row scrolls, the newest is in view.
  for (const visitor of visitors.slice(4)) await openRoom(ada, visitor);
  const panes = await ada.getByRole('region', { name: /^Room: / }).all();
  expect(panes).toHaveLength(6);
  for (const pane of panes) expect((await pane.boundingBox())!.width).toBeGreaterThanOrEqual(300);
  expect(await clipped(true)).toEqual([]);
  expect(await rooms.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
  await expect(ada.getByRole('heading', { name: visitors[5], exact: true })).toBeInViewport();
  // Every room at its least width: a resize handle moves nothing (and keeps nothing).
  const handle = ada.getByRole('separator', { name: 'Resize rooms 5 and 6' });
  const before = await handle.getAttribute('aria-valuenow');
  await handle.focus();
  for (let i = 0; i < 3; i++) await ada.keyboard.press('ArrowRight');
  await expect(handle).toHaveAttribute('aria-valuenow', before!);
  // Alt+ArrowLeft to the first room brings it into view.
  await ada.getByRole('region', { name: `Room: ${visitors[5]}`, exact: true }).focus();
  for (let i = 0; i < 5; i++) await ada.keyboard.press('Alt+ArrowLeft');
  await expect(ada.getByRole('region', { name: `Room: ${visitors[0]}`, exact: true })).toBeFocused();
  await expect(ada.getByRole('heading', { name: visitors[0], exact: true })).toBeInViewport();
});

// axe on the sign-in page, the board and the confirmations, in both themes, is
// tests/e2e/axe-themes.spec.ts; here only the confirmation's focus.
test('a confirmation takes the focus on OK, and Escape gives it back to the button that opened it', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  const visitor = visitorName('Focus Visitor');
  await api.handlingEnquiry(visitor, 'grace@demo.test');
  const ada = await consoleAs('ada@demo.test');
  const pane = await openRoom(ada, visitor);
  await pane.getByRole('button', { name: 'Join', exact: true }).click();
  const dialog = ada.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'OK' })).toBeFocused();
  await ada.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(pane.getByRole('button', { name: 'Join', exact: true })).toBeFocused();
});

test('a streaming transcript keeps the newest message in view; a reader scrolled up stays where they are', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  const visitor = visitorName('Chatty Visitor');
  const { enquiryId, visitorToken } = await api.startEnquiry(visitor);
  await api.pickUp('grace@demo.test', enquiryId);
  const ada = await consoleAs('ada@demo.test');
  const pane = await openRoom(ada, visitor);
  const log = pane.getByRole('log');

  for (let i = 1; i <= 20; i++) await api.visitorSays(visitorToken, `Line ${i} of a long story`);
  await expect(log).toContainText('Line 20 of a long story');
  await expect(log.getByText('Line 20 of a long story')).toBeInViewport();
  await expect(log.getByText('Line 1 of a long story')).not.toBeInViewport();

  // Scrolled up to read, the reader is not pulled down by new messages.
  await log.getByText('Line 1 of a long story').scrollIntoViewIfNeeded();
  await log.dispatchEvent('scroll');
  await api.visitorSays(visitorToken, 'Line 21, while you read above');
  await expect(log).toContainText('Line 21, while you read above');
  await expect(log.getByText('Line 1 of a long story')).toBeInViewport();
  await expect(log.getByText('Line 21, while you read above')).not.toBeInViewport();

  // Posting something yourself brings you back to the newest message.
  await pane.getByRole('textbox', { name: 'Whisper to the agent' }).fill('Reading along, all good.');
  await pane.getByRole('button', { name: 'Whisper', exact: true }).click();
  await expect(log.getByText('Reading along, all good.')).toBeInViewport();
  await api.visitorSays(visitorToken, 'Line 22, followed again');
  await expect(log.getByText('Line 22, followed again')).toBeInViewport();
});

test('a long transcript keeps only the latest messages mounted, follows the newest, and shows earlier ones on request', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  const visitor = visitorName('Long Talker');
  const { enquiryId, visitorToken } = await api.startEnquiry(visitor);
  await api.pickUp('grace@demo.test', enquiryId);
  const ada = await consoleAs('ada@demo.test');
  const pane = await openRoom(ada, visitor);
  const log = pane.getByRole('log');

  // Past the mounted window (150) and a trim step (50): older rows leave in steps.
  for (let i = 1; i <= 230; i++) await api.visitorSays(visitorToken, `Note ${i}.`);
  await expect(log.getByText('Note 230.', { exact: true })).toBeInViewport();
  const mounted = await log.getByRole('listitem').count();
  expect(mounted).toBeGreaterThanOrEqual(150);
  expect(mounted).toBeLessThan(230);
  await expect(log.getByText('Note 1.', { exact: true })).toHaveCount(0);

  // A reader who scrolled up keeps what they read, even past the next trim step.
  await log.getByText('Note 60.', { exact: true }).scrollIntoViewIfNeeded();
  await log.dispatchEvent('scroll');
  for (let i = 231; i <= 270; i++) await api.visitorSays(visitorToken, `Note ${i}.`);
  await expect(log.getByText('Note 270.', { exact: true })).toHaveCount(1);
  await expect(log.getByText('Note 60.', { exact: true })).toBeInViewport();

  // Earlier messages come back above, and the reader's place stays put.
  await log.evaluate((element) => element.scrollTo({ top: 0 }));
  const firstShown = log.getByRole('listitem').first();
  const firstText = (await firstShown.textContent()) ?? '';
  const earlier = log.getByRole('button', { name: /Show earlier messages/ });
  await earlier.click();
  await expect(log.getByText('Note 1.', { exact: true })).toHaveCount(1);
  await expect(earlier).toHaveCount(0);
  await expect(log.getByRole('listitem').filter({ hasText: firstText }).first()).toBeInViewport();
  await expect(log.getByText('Note 1.', { exact: true })).not.toBeInViewport();

  // Back at the end, new messages are followed again.
  await log.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  await log.dispatchEvent('scroll');
  await api.visitorSays(visitorToken, 'Note 271.');
  await expect(log.getByText('Note 271.', { exact: true })).toBeInViewport();
});

test('toasts never cover the column headings: with the board dragged minimal, the newest shows and "+N more" lists the rest', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  const visitors = ['Toast Ines', 'Toast Kwame', 'Toast Priya'].map(visitorName);
  for (const visitor of visitors) await api.handlingEnquiry(visitor, 'grace@demo.test');
  const ada = await consoleAs('ada@demo.test');
  const panes = [];
  for (const visitor of visitors) panes.push(await openRoom(ada, visitor));

  // Drag the split right up: the board keeps only its minimum.
  const split = ada.getByRole('separator', { name: 'Resize board and rooms' });
  const handle = (await split.boundingBox())!;
  await ada.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await ada.mouse.down();
  await ada.mouse.move(handle.x + handle.width / 2, 0, { steps: 5 });
  await ada.mouse.up();
  await expect(split).toHaveAttribute('aria-valuenow', '15');
  // The toasts (other live regions, such as the Help requests region's, are not toasts).
  const toasts = ada.getByRole('region', { name: 'Notifications' }).getByRole('status');

  // Three toasts, the last one newest.
  for (const pane of panes.slice(0, 2)) {
    await pane.getByRole('button', { name: 'Join', exact: true }).click();
    await answerDialog(ada, 'OK');
  }
  await panes[2]!.getByRole('button', { name: 'Take over', exact: true }).click();
  await answerDialog(ada, 'OK');
  const newest = toast(ada, 'You have taken over the enquiry.');
  await expect(newest).toBeVisible();
  await expect(newest).toContainText(visitors[2]!);

  // Only the newest fits (on one line), beneath the Closed heading; the others wait behind "+2 more".
  const more = ada.getByRole('button', { name: 'Show 2 more notifications' });
  await expect(more).toBeVisible();
  await expect(toasts).toHaveCount(1);
  expect(await coveredHeadings(ada)).toEqual([]);
  const closedHeading = (await column(ada, 'Closed').getByRole('heading').boundingBox())!;
  for (const box of [await newest.boundingBox(), await more.boundingBox()])
    expect(box!.y).toBeGreaterThanOrEqual(closedHeading.y + closedHeading.height);
  const title = (await newest.locator('strong').boundingBox())!;
  expect(
    await newest.evaluate(
      (element, [x, y]) => element.contains(document.elementFromPoint(x!, y!)),
      [title.x + 8, title.y + title.height / 2],
    ),
  ).toBe(true);

  // With room again (the board dragged tall), all three show in full, as before.
  await split.focus();
  await ada.keyboard.press('End');
  await expect(split).toHaveAttribute('aria-valuenow', '80');
  await expect(toasts).toHaveCount(3);
  await expect(ada.getByRole('button', { name: /more notifications?$/ })).toHaveCount(0);
  expect(await coveredHeadings(ada)).toEqual([]);
  await ada.keyboard.press('Home');
  await expect(split).toHaveAttribute('aria-valuenow', '15');

  // "+2 more" lists all three over the board, still beneath the headings (and while listed,
  // none times out); Escape closes the list.
  await more.click();
  const fewer = ada.getByRole('button', { name: 'Show fewer notifications' });
  await expect(fewer).toHaveAttribute('aria-expanded', 'true');
  await expect(toasts).toHaveCount(3);
  for (const visitor of visitors) await expect(toast(ada, visitor)).toBeVisible();
  expect(await coveredHeadings(ada)).toEqual([]);
  expect(await seriousViolations(ada)).toEqual([]);
  await ada.keyboard.press('Escape');
  await expect(more).toBeFocused();
  await expect(toasts).toHaveCount(1);
  await expect(newest).toBeVisible();

  // Dismissed from the keyboard in the list, a toast hands focus to the Dismiss button of the
  // one that took its place, else of the one before; with the last gone (and the toggle with
  // it), focus goes back to where it was before it entered the stack.
  await ada.keyboard.press('Enter');
  await expect(fewer).toBeFocused();
  const dismiss = (visitor: string) => toast(ada, visitor).getByRole('button', { name: 'Dismiss' });
  await dismiss(visitors[1]!).focus();
  await ada.keyboard.press('Enter');
  await expect(toasts).toHaveCount(2);
  await expect(dismiss(visitors[2]!)).toBeFocused();
  expect(await ada.evaluate(() => document.activeElement?.tagName)).toBe('BUTTON');
  await ada.keyboard.press('Space');
  await expect(toasts).toHaveCount(1);
  await expect(dismiss(visitors[0]!)).toBeFocused();
  await ada.keyboard.press('Enter');
  await expect(toasts).toHaveCount(0);
  await expect(fewer).toHaveCount(0);
  await expect(split).toBeFocused();

  // A focused toast that a newer one pushes behind "+1 more" hands focus to the newer one.
  // Alan takes over two more enquiries Ada monitors; she hears of each.
  const watched = ['Toast Olga', 'Toast Pavel'].map(visitorName);
  const watchedIds = [];
  for (const visitor of watched) {
    watchedIds.push(await api.handlingEnquiry(visitor, 'grace@demo.test'));
    await openRoom(ada, visitor);
  }
  await api.takeOver('alan@demo.test', watchedIds[0]!);
  await expect(toast(ada, watched[0]!)).toBeVisible();
  await dismiss(watched[0]!).focus();
  await api.takeOver('alan@demo.test', watchedIds[1]!);
  await expect(toast(ada, watched[1]!)).toBeVisible();
  await expect(ada.getByRole('button', { name: 'Show 1 more notification' })).toBeVisible();
  await expect(dismiss(watched[1]!)).toBeFocused();
});
