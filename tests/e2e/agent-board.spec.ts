/**
 * An agent's board (issue 13, items 7 and 8): she sees the Open queue and her own enquiries,
 * never another agent's; an Open enquiry someone else picks up leaves her board (the server
 * sends a removal). Monitoring her enquiries is silent by default: no "Monitored by" on her
 * card, no "Monitoring" in her room's header; a join is still announced.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { answerDialog, column, expect, openRoom, test, toast } from './support/fixtures';

/** Narrows the board to one visitor. */
async function search(page: Page, visitor: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search visitor or subject' }).fill(visitor);
}

/** Every card of this visitor, in any column. */
const cards = (page: Page, visitor: string) =>
  page.locator('.enquiry-card').filter({ has: page.getByText(visitor, { exact: true }) });

/** Serious or critical axe violations on the page. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

/** Switches the console's theme until the page shows `theme`. */
async function useTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  const button = page.getByRole('button', { name: /^Switch to .* theme$/ });
  for (let tries = 0; tries < 4; tries++) {
    if ((await page.locator('html').getAttribute('data-theme')) === theme) return;
    await button.click();
  }
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

/** The count in a column's heading ("Open 3 enquiries"). */
async function columnCount(page: Page, name: 'Open' | 'Handling'): Promise<number> {
  const heading = column(page, name).getByRole('heading');
  return Number((await heading.textContent())?.match(/\d+/)?.[0]);
}

test('an agent sees the Open queue and her own enquiries; one another agent picks up leaves her board, and his are never there', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  const hisBefore = visitorName('His Visitor');
  await api.handlingEnquiry(hisBefore, 'linus@demo.test');
  const grace = await consoleAs('grace@demo.test');

  const queued = visitorName('Queue Visitor');
  const { enquiryId } = await api.startEnquiry(queued);
  await search(grace, queued);
  await expect(column(grace, 'Open').getByRole('button', { name: queued, exact: true })).toBeVisible();
  await search(grace, '');
  const openBefore = await columnCount(grace, 'Open');
  const handlingBefore = await columnCount(grace, 'Handling');

  // Linus picks it up: it leaves Grace's board altogether (not moved to her Handling column).
  await api.pickUp('linus@demo.test', enquiryId);
  await expect.poll(() => columnCount(grace, 'Open')).toBe(openBefore - 1);
  await search(grace, queued);
  await expect(cards(grace, queued)).toHaveCount(0);
  await search(grace, '');
  expect(await columnCount(grace, 'Handling')).toBe(handlingBefore);

  // Another of his, picked up while she watches, never reaches her board either. A later
  // Open enquiry seen on her board shows that the events before it were applied.
  const hisLive = visitorName('His Live Visitor');
  await api.handlingEnquiry(hisLive, 'linus@demo.test');
  const marker = visitorName('Marker Visitor');
  await api.startEnquiry(marker);
  await search(grace, marker);
  await expect(column(grace, 'Open').getByRole('button', { name: marker, exact: true })).toBeVisible();
  for (const visitor of [hisBefore, hisLive]) {
    await search(grace, visitor);
    await expect(cards(grace, visitor)).toHaveCount(0);
  }
  await search(grace, '');
  expect(await columnCount(grace, 'Handling')).toBe(handlingBefore);

  // Her board, Open queue included, in both themes.
  for (const theme of ['light', 'dark'] as const) {
    await useTheme(grace, theme);
    expect(await seriousViolations(grace), theme).toEqual([]);
  }
});

test('monitoring an agent’s enquiry is silent by default: no monitor on her card or in her room; a join is announced', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  const visitor = visitorName('Silent Visitor');
  const { enquiryId, visitorToken } = await api.startEnquiry(visitor);
  await api.pickUp('grace@demo.test', enquiryId);
  const grace = await consoleAs('grace@demo.test');
  const graceRoom = await openRoom(grace, visitor);
  const header = graceRoom.locator('header');
  await expect(header).toContainText('OwnerGrace Hopper');

  const ada = await consoleAs('ada@demo.test');
  const adaRoom = await openRoom(ada, visitor);
  await expect(adaRoom.getByRole('group', { name: 'Monitor panel' })).toContainText(
    'You are monitoring this enquiry.',
  );
  // The server knows Ada monitors it, and tells another administrator.
  const monitors = await api.data<{ enquiry: { monitors: { name: string }[] } }>(
    `query ($id: ID!) { enquiry(id: $id) { monitors { name } } }`,
    { id: enquiryId },
    await api.token('alan@demo.test'),
  );
  expect(monitors.enquiry.monitors.map((m) => m.name)).toContain('Ada Lovelace');

  // A visitor message after the monitor started: once Grace sees it, anything the monitor
  // would have changed on her screen has arrived too.
  await api.visitorSays(visitorToken, 'Is anyone watching this?');
  await expect(graceRoom.getByRole('log')).toContainText('Is anyone watching this?');
  await search(grace, visitor);
  const card = column(grace, 'Handling').getByRole('button', { name: visitor, exact: true });
  await expect(card).toBeVisible();
  await expect(card).not.toContainText('Monitored');
  await expect(card).not.toContainText('Ada Lovelace');
  await expect(header).not.toContainText('Monitoring');
  await expect(header).not.toContainText('Ada Lovelace');
  await expect(grace.locator('.badge.monitor')).toHaveCount(0);

  // Joining is never silent: a toast and a system message, and the header lists her as joined.
  await adaRoom.getByRole('button', { name: 'Join', exact: true }).click();
  await answerDialog(ada, 'OK');
  await expect(toast(grace, 'Ada Lovelace joined the enquiry')).toBeVisible();
  await expect(graceRoom.locator('[data-kind="SYSTEM"]', { hasText: 'joined the enquiry' })).toBeVisible();
  await expect(header).toContainText('JoinedAda Lovelace');
  await expect(header).not.toContainText('Monitoring');
});
