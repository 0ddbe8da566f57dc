/**
 * The "Audit trail" dialog (issue 13, item 4): an administrator's joins, take-overs and
 * whispers appear newest first with time, actor, action and target; the staff member and
 * enquiry filters narrow them; "Load more" pages with the connection's cursor; "Export CSV"
 * downloads what the filters show. A no-plan administrator is told about the plan once.
 * axe: no serious violations in the dialog, light and dark. The top bar stays one row at
 * 1366 px with its new buttons. With DOCS_SCREENSHOTS=1 it refreshes docs/audit-trail.png.
 */
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

const docs = process.env.DOCS_SCREENSHOTS === '1';

async function seriousViolations(page: Page, selector: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

/** The top bar's parts share one row (it has not wrapped). */
async function topBarIsOneRow(page: Page): Promise<boolean> {
  return page.locator('header.top-bar > *, header.top-bar .top-bar-end > *').evaluateAll((parts) => {
    const boxes = parts.map((part) => part.getBoundingClientRect()).filter((box) => box.height > 0);
    return Math.max(...boxes.map((box) => box.top)) < Math.min(...boxes.map((box) => box.bottom));
  });
}

/** The table's rows as [time (ISO), actor, action, target]. */
async function rowsOf(
  dialog: Locator,
): Promise<{ at: string; actor: string; action: string; target: string }[]> {
  return dialog.locator('tbody tr').evaluateAll((rows) =>
    rows.map((row) => {
      const cells = [...row.querySelectorAll('td')];
      return {
        at: cells[0]?.querySelector('time')?.getAttribute('datetime') ?? '',
        actor: cells[1]?.textContent ?? '',
        action: cells[2]?.textContent ?? '',
        target: cells[3]?.textContent ?? '',
      };
    }),
  );
}

const JOIN = `mutation ($id: ID!) { joinEnquiry(enquiryId: $id) { viewer { isParticipant } } }`;
const WHISPER = `mutation ($id: ID!, $text: String!) { sendWhisper(enquiryId: $id, text: $text) { id } }`;

test('Audit trail: newest first with time, actor, action and target; filters by staff member and enquiry; pages; exports CSV', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  const joined = visitorName('Audit Joined');
  const taken = visitorName('Audit Taken');
  const joinedId = await api.handlingEnquiry(joined, 'grace@demo.test');
  const takenId = await api.handlingEnquiry(taken, 'linus@demo.test');
  const ada = await api.token('ada@demo.test');
  const started = Date.now();
  await api.data(JOIN, { id: joinedId }, ada);
  // Enough entries on one enquiry for two pages (25 a page): the join and 26 whispers.
  for (let n = 1; n <= 26; n++) await api.data(WHISPER, { id: joinedId, text: `Note ${n}` }, ada);
  await api.takeOver('ada@demo.test', takenId);

  const page = await consoleAs('ada@demo.test');
  await page.setViewportSize({ width: 1366, height: 768 });
  expect(await topBarIsOneRow(page)).toBe(true);
  await page.getByRole('button', { name: 'Audit trail' }).click();
  const dialog = page.getByRole('dialog', { name: 'Audit trail' });
  await expect(dialog).toBeVisible();

  // Newest first: the take-over of a moment ago heads the trail, with actor, target and time.
  const rows = dialog.locator('tbody tr');
  await expect(rows.first()).toContainText('Took over');
  await expect(rows.first()).toContainText('Ada Lovelace');
  await expect(rows.first()).toContainText(taken);
  await expect(rows.first()).toContainText('from Linus Torvalds');
  const all = await rowsOf(dialog);
  expect(Date.parse(all[0]!.at)).toBeGreaterThanOrEqual(started - 1000);
  const times = all.map((row) => Date.parse(row.at));
  expect(times).toEqual([...times].sort((a, b) => b - a));

  // By staff member: only Ada's actions.
  await dialog.getByLabel('Staff member').selectOption({ label: 'Ada Lovelace (administrator)' });
  await expect(dialog.getByText(/entries shown/)).toBeVisible();
  await expect
    .poll(async () => (await rowsOf(dialog)).every((row) => row.actor === 'Ada Lovelace'))
    .toBe(true);

  // By enquiry (the visitor's name): the join and the whispers, 25 at first, then the rest.
  await dialog.getByLabel('Enquiry').fill(joined);
  await expect(rows.first()).toContainText('Note 26');
  await expect(rows).toHaveCount(25);
  await expect(dialog.getByText('25 entries shown, more to load')).toBeVisible();
  expect((await rowsOf(dialog)).every((row) => row.target.startsWith(joined))).toBe(true);
  await dialog.getByRole('button', { name: 'Load more' }).click();
  await expect(rows).toHaveCount(27);
  await expect(dialog.getByRole('button', { name: 'Load more' })).toBeHidden();
  const filtered = await rowsOf(dialog);
  expect(filtered.at(-1)!.action).toBe('Joined');
  expect(filtered.filter((row) => row.action === 'Whispered')).toHaveLength(26);
  await expect(rows.first()).toContainText('Note 26');

  // Export CSV: the same 27 entries, newest first, under a header.
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^audit-trail-demo-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
  const csv = (await readFile((await file.path())!, 'utf8')).trimEnd().split('\r\n');
  expect(csv[0]).toBe('time,action,actor,actor id,target,target kind,target id,ended,detail');
  expect(csv).toHaveLength(28);
  const csvRows = csv.slice(1).map((line) => line.split(','));
  expect(csvRows.map((cells) => cells[0])).toEqual(filtered.map((row) => row.at));
  expect(csvRows.every((cells) => cells[2] === 'Ada Lovelace' && cells[4] === joined)).toBe(true);
  expect(csvRows.at(-1)![1]).toBe('ADMIN_JOINED');
  await expect(dialog.getByText('Exported 27 entries.')).toBeVisible();

  // Another staff member on the same enquiry: nothing.
  await dialog.getByLabel('Staff member').selectOption({ label: 'Alan Turing (administrator)' });
  await expect(dialog.getByText('No entries match these filters.')).toBeVisible();
  await expect(rows).toHaveCount(0);

  // A time range that ends before any of it: nothing either; cleared, everything again.
  await dialog.getByRole('button', { name: 'Clear filters' }).click();
  await expect(rows).toHaveCount(25);
  await dialog.getByLabel('To').fill('2020-01-01T00:00:00');
  await expect(dialog.getByText('No entries match these filters.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Clear filters' }).click();
  await expect(rows.first()).toContainText('Took over');

  if (docs) await page.screenshot({ path: 'docs/audit-trail.png' });

  // axe in both themes (the system's preference drives the default theme).
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await seriousViolations(page, 'dialog[open]')).toEqual([]);
  }

  // Escape closes it; focus goes back to the button.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Audit trail' })).toBeFocused();
});

test('Audit trail: an agent has no button; a no-plan administrator is told about the plan once', async ({
  consoleAs,
}) => {
  const grace = await consoleAs('grace@demo.test');
  await expect(grace.getByRole('button', { name: 'Settings' })).toBeVisible();
  await expect(grace.getByRole('button', { name: 'Audit trail' })).toHaveCount(0);

  const basil = await consoleAs('basil@basic.test');
  await basil.getByRole('button', { name: 'Audit trail' }).click();
  const dialog = basil.getByRole('dialog', { name: 'Audit trail' });
  await expect(dialog.getByRole('note')).toHaveText(/audit trail comes with it\. Ask your account owner/);
  await expect(dialog.getByText(/plan does not include/)).toHaveCount(1);
  await expect(dialog.getByRole('table')).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Export CSV' })).toHaveCount(0);
});
