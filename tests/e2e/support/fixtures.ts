/**
 * Fixtures: one browser host per worker, with its own fresh in-memory demo backend (the
 * world holds still: no simulator), so workers never interfere; `consoleAs(email)` opens a
 * signed-in console page (each page is its own supervisor session); `api` speaks to the
 * backend as agents and visitors.
 */
import { test as base, expect, type Browser, type Locator, type Page } from '@playwright/test';
import { startBrowserHost, type BrowserHost } from '../../../main/browser-host/server';
import { BackendApi, DEMO_PASSWORD } from './backend-api';
import { BUILT_RENDERER } from './global-setup';

interface WorkerFixtures {
  host: BrowserHost;
}

interface TestFixtures {
  api: BackendApi;
  /** A new console page (own browser context) signed in as the given demo account. */
  consoleAs(email: string): Promise<Page>;
  /** A unique visitor name for this test. */
  visitorName(label: string): string;
}

/** Signs in through the form, the way a person does. */
export async function signIn(
  page: Page,
  email: string,
  tenant = email.endsWith('@basic.test') ? 'basic' : 'demo',
) {
  await page.getByLabel('Tenant').fill(tenant);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('region', { name: 'Handling', exact: true })).toBeVisible();
}

async function newConsolePage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  host: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const host = await startBrowserHost({
        port: 0,
        // Built once by the global setup: a worker never builds (or swaps it) under another.
        rendererDir: BUILT_RENDERER,
        demo: true,
        simulator: false,
        inMemory: true,
        // Long-transcript specs send a few hundred messages in seconds.
        messagesPer10Seconds: 1_000,
        quiet: true,
      });
      // The seeded Open enquiries would start wait warnings (45 s) and misses mid-test at
      // moments that depend on the machine's load: the world holds still for toasts too.
      const api = new BackendApi(host.backendUrl);
      await api.data(
        'mutation { updateTenantSettings(waitWarningSeconds: 3600, waitLimitSeconds: 7200) { waitWarningSeconds } }',
        {},
        await api.token('ada@demo.test'),
      );
      await use(host);
      await host.stop();
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  api: async ({ host }, use) => {
    await use(new BackendApi(host.backendUrl));
  },
  consoleAs: async ({ browser, host }, use) => {
    const pages: Page[] = [];
    await use(async (email) => {
      const page = await newConsolePage(browser, host.url);
      pages.push(page);
      await signIn(page, email);
      return page;
    });
    for (const page of pages) await page.context().close();
  },
  // eslint-disable-next-line no-empty-pattern
  visitorName: async ({}, use, testInfo) => {
    let n = 0;
    await use(
      (label) =>
        `${label} ${testInfo.workerIndex}${testInfo.repeatEachIndex}${Date.now().toString(36).slice(-4)}${n++}`,
    );
  },
});

export { expect };

/** A board column (a region named after it). */
export function column(page: Page, name: 'Open' | 'Handling' | 'Missed' | 'Closed'): Locator {
  return page.getByRole('region', { name, exact: true });
}

/** Narrows the board to one visitor and clicks their enquiry in a column; returns the room pane. */
export async function openRoom(
  page: Page,
  visitor: string,
  inColumn: 'Open' | 'Handling' | 'Missed' | 'Closed' = 'Handling',
) {
  await page.getByRole('searchbox', { name: 'Search visitor or subject' }).fill(visitor);
  await column(page, inColumn).getByRole('button', { name: visitor, exact: true }).click();
  await page.getByRole('searchbox', { name: 'Search visitor or subject' }).fill('');
  const pane = roomPane(page, visitor);
  await expect(pane).toBeVisible();
  return pane;
}

/** The pane of a room, by its visitor. */
export function roomPane(page: Page, visitor: string): Locator {
  return page.getByRole('region', { name: `Room: ${visitor}`, exact: true });
}

/** A toast (role=status) with this text. */
export function toast(page: Page, text: string | RegExp): Locator {
  return page.getByRole('status').filter({ hasText: text });
}

/** Confirms the open dialog with OK (or Cancel). */
export async function answerDialog(page: Page, answer: 'OK' | 'Cancel'): Promise<void> {
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: answer, exact: true }).click();
  await expect(dialog).toBeHidden();
}
