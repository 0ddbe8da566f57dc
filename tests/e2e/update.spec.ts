/**
 * The console's update status, through the browser host with its fake release channel
 * (`--fake-update`: the real update policy over a fake updater): progress, then "Restart to
 * update"; a restart asked while work is pending (unsent text in a whisper box, a
 * confirmation open in another tab) waits, says for what, and happens by itself once the work
 * is done; a problem from a check a person asked for shows and can be dismissed. axe: no
 * serious violations in the top bar in any of these states, and the top bar never wraps at
 * 1366 px. With DOCS_SCREENSHOTS=1 it also refreshes docs/update.png and
 * docs/update-progress.png.
 */
import AxeBuilder from '@axe-core/playwright';
import { test, expect, type Browser, type Page } from '@playwright/test';
import { startBrowserHost, type BrowserHost } from '../../main/browser-host/server';
import type { FakeUpdateSource } from '../../main/browser-host/fake-updates';
import { BackendApi } from './support/backend-api';
import { openRoom, signIn, test as fixtureTest } from './support/fixtures';
import { BUILT_RENDERER } from './support/global-setup';

const docs = process.env.DOCS_SCREENSHOTS === '1';
/** The README's pictures: the top bar and the top of the board, at 1366 px. */
const DOCS_CLIP = { x: 0, y: 0, width: 1366, height: 240 };

test.describe.configure({ mode: 'serial' });

let host: BrowserHost;
let fake: FakeUpdateSource;
let api: BackendApi;
const pages: Page[] = [];

test.beforeAll(async () => {
  host = await startBrowserHost({
    port: 0,
    rendererDir: BUILT_RENDERER,
    demo: true,
    simulator: false,
    inMemory: true,
    quiet: true,
    fakeUpdate: { version: '0.2.0', stepMs: 250 },
  });
  fake = host.fakeUpdates!;
  api = new BackendApi(host.backendUrl);
});

test.afterAll(async () => {
  for (const page of pages) await page.context().close();
  await host?.stop();
});

async function consoleAs(browser: Browser, email: string, width = 1366, height = 768): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  pages.push(page);
  await page.goto(host.url);
  await signIn(page, email);
  return page;
}

function updateRegion(page: Page) {
  return page.getByRole('status', { name: 'Update', exact: true });
}

/** Serious or critical axe violations in the top bar. */
async function topBarViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include('header.top-bar').analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

/** The top bar has not wrapped: all its parts (brand, connection, update, the rest) share one row. */
async function expectOneRow(page: Page): Promise<void> {
  const rows = await page.locator('header.top-bar > *').evaluateAll((parts) => {
    const boxes = parts.map((part) => part.getBoundingClientRect()).filter((box) => box.height > 0);
    return {
      lowestTop: Math.max(...boxes.map((box) => box.top)),
      highestBottom: Math.min(...boxes.map((box) => box.bottom)),
    };
  });
  expect(rows.lowestTop).toBeLessThan(rows.highestBottom);
}

test('the update downloads with its progress shown, then offers "Restart to update"', async ({ browser }) => {
  // Held before anything starts: the first check begins once a console asks (after sign-in).
  fake.pause();
  const ada = await consoleAs(browser, 'ada@demo.test');
  const region = updateRegion(ada);

  await expect(region).toHaveText('Checking for updates…');
  expect(await topBarViolations(ada)).toEqual([]);
  await expectOneRow(ada);
  fake.resume();

  const progress = region.getByRole('progressbar');
  await expect(progress).toBeVisible();
  await expect
    .poll(async () => Number(await progress.getAttribute('aria-valuenow')))
    .toBeGreaterThanOrEqual(docs ? 40 : 1);
  fake.pause();
  // Held: what the fake last said (an event may still be on its way) is what the page shows.
  const held = fake.status();
  expect(held.state).toBe('downloading');
  const percent = held.state === 'downloading' ? held.percent : -1;
  await expect(region).toContainText(`Downloading update 0.2.0 — ${percent} %`);
  await expect(progress).toHaveAttribute('aria-valuenow', String(percent));
  expect(await topBarViolations(ada)).toEqual([]);
  await expectOneRow(ada);
  if (docs) await ada.screenshot({ path: 'docs/update-progress.png', clip: DOCS_CLIP });
  fake.resume();

  await expect(region).toContainText('Update 0.2.0 is ready');
  await expect(region.getByRole('button', { name: 'Restart to update' })).toBeVisible();
  await expect(progress).toHaveCount(0);
  expect(await topBarViolations(ada)).toEqual([]);
  if (docs) await ada.screenshot({ path: 'docs/update.png', clip: DOCS_CLIP });

  await expectOneRow(ada);

  // A second tab (another administrator) is told the same.
  const alan = await consoleAs(browser, 'alan@demo.test');
  await expect(updateRegion(alan)).toContainText('Update 0.2.0 is ready');
});

test('a restart waits for unsent text and an open confirmation, says so, and happens once both are done', async () => {
  const [ada, alan] = pages as [Page, Page];
  const visitor = `Update Una ${Date.now().toString(36)}`;
  await api.handlingEnquiry(visitor);

  // Ada has typed a whisper she has not sent.
  const adaPane = await openRoom(ada, visitor);
  const whisper = adaPane.getByRole('textbox', { name: 'Whisper to the agent' });
  await whisper.fill('Offer the customer a refund');
  // Alan, in another tab, has a Join confirmation open.
  const alanPane = await openRoom(alan, visitor);
  await alanPane.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(alan.getByRole('dialog')).toBeVisible();

  const region = updateRegion(ada);
  await region.getByRole('button', { name: 'Restart to update' }).click();
  await expect(region).toHaveText('Restarts when you finish: the open confirmation and the unsent message');
  await expect(updateRegion(alan)).toHaveText(
    'Restarts when you finish: the open confirmation and the unsent message',
  );
  // Asked, and held back: nothing restarted, the text is still there.
  expect(fake.status()).toMatchObject({
    state: 'ready',
    restartRequested: true,
    waitingFor: ['confirmation', 'draft'],
  });
  await expect(whisper).toHaveValue('Offer the customer a refund');
  expect(await topBarViolations(ada)).toEqual([]);
  await expectOneRow(ada);

  // Alan cancels: the restart still waits for Ada's message.
  await alan.getByRole('dialog').getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(region).toHaveText('Restarts when you finish: the unsent message');
  expect(fake.status()).toMatchObject({ state: 'ready', waitingFor: ['draft'] });

  // Ada clears it: the restart happens by itself (held at "Restarting…" for a look).
  fake.pause();
  await whisper.fill('');
  await expect(region).toHaveText('Restarting…');
  await expect(updateRegion(alan)).toHaveText('Restarting…');
  expect(await topBarViolations(ada)).toEqual([]);
  await expectOneRow(ada);
  fake.resume();

  // The fake app "restarted" as 0.2.0, checked, found nothing newer: nothing to say.
  await expect.poll(() => fake.runningVersion).toBe('0.2.0');
  await expect(region).toBeEmpty();
  await expect.poll(() => fake.status().state).toBe('idle');
  await expect(region).toBeEmpty();
  expect(await topBarViolations(ada)).toEqual([]);
  await expectOneRow(ada);
});

test('a failed check a person asked for shows a problem that can be dismissed', async () => {
  const ada = pages[0]!;
  const region = updateRegion(ada);
  fake.failNextCheck();
  // The desktop app's menu asks through the same request ("Check for Updates…").
  await ada.evaluate(() => window.supervisor.invoke('update/check', {}));
  await expect(region).toContainText('The update server could not be reached.');
  await expect(region).toContainText('The console keeps working');
  expect(await topBarViolations(ada)).toEqual([]);
  await expectOneRow(ada);
  await region.getByRole('button', { name: 'Dismiss' }).click();
  await expect(region).toBeEmpty();
});

fixtureTest(
  'where updates do not run (no --fake-update), the Update region stays out of the way',
  async ({ consoleAs: signedInConsole }) => {
    const page = await signedInConsole('ada@demo.test');
    const status = await page.evaluate(() => window.supervisor.invoke('update/get', {}));
    expect(status).toMatchObject({ ok: true, value: { state: 'unavailable' } });
    // Present, but hidden: not announced, not counted among the toasts (role=status too).
    await expect(page.locator('.update-status')).toHaveCount(1);
    await expect(page.locator('.update-status')).toBeHidden();
    await expect(updateRegion(page)).toHaveCount(0);
  },
);
