/**
 * Driving pages for the bench with Playwright: the console (sign in through the form, open
 * rooms from the Handling column the way a person does) and the floor page; reading the
 * probe, DOM rows, column counts and the JS heap.
 */
import type { Browser, BrowserContext, CDPSession, Page } from '@playwright/test';
import type { ProbeState } from './page-probe';

export const VIEWPORT = { width: 1600, height: 1000 };
const DEMO_PASSWORD = 'demo-pass-2026';

export interface ProbedPage {
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  close(): Promise<void>;
}

/** A page in its own browser context (own renderer process, its own visible window) with the probe installed. */
export async function probedPage(browser: Browser, probeScript: string): Promise<ProbedPage> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript({ content: probeScript });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  return { context, page, cdp, close: () => context.close() };
}

/** Fills the sign-in form (tenant, email, password). */
export async function fillSignIn(page: Page, email: string, tenant = 'demo'): Promise<void> {
  await page.getByLabel('Tenant').fill(tenant);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
}

/** Clicks "Sign in"; resolves when the Handling column shows an enquiry. */
export async function submitSignIn(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page
    .getByRole('region', { name: 'Handling', exact: true })
    .getByRole('button')
    .first()
    .waitFor({ state: 'visible', timeout: timeoutMs });
}

/** Signs in through the form, the way a person does. */
export async function signIn(page: Page, email: string, tenant = 'demo'): Promise<void> {
  await fillSignIn(page, email, tenant);
  await submitSignIn(page);
}

/** Opens a Handling enquiry's room by searching for its visitor and clicking the card; waits for its transcript. */
export async function openRoom(page: Page, visitor: string, expectText: string): Promise<void> {
  const search = page.getByRole('searchbox', { name: 'Search visitor or subject' });
  await search.fill(visitor);
  await page
    .getByRole('region', { name: 'Handling', exact: true })
    .getByRole('button', { name: visitor, exact: true })
    .click();
  await search.fill('');
  const pane = page.getByRole('region', { name: `Room: ${visitor}`, exact: true });
  await pane.getByRole('log').getByText(expectText).first().waitFor({ state: 'visible', timeout: 15_000 });
}

/** The probe's state (marks, frames, long tasks) from the page. */
export async function readProbe(page: Page): Promise<ProbeState> {
  const state = await page.evaluate(() => {
    const probe = window.__benchProbe;
    if (!probe) return null;
    return {
      offset: probe.offset,
      marks: probe.marks,
      frames: probe.frames,
      longTasks: probe.longTasks,
      signInClickedAt: probe.signInClickedAt,
      boardShownAt: probe.boardShownAt,
    };
  });
  if (!state) throw new Error('the bench probe is not installed in this page');
  return state;
}

/** Re-aligns the page's clock with the system clock; returns the offset (ms). */
export function recalibrate(page: Page): Promise<number> {
  return page.evaluate(() => window.__benchProbe?.recalibrate() ?? Number.NaN);
}

/** How many of `texts` the page has painted. */
export function paintedCount(page: Page, texts: readonly string[]): Promise<number> {
  return page.evaluate((wanted) => {
    const marks = window.__benchProbe?.marks ?? {};
    return wanted.filter((text) => (marks[text]?.frameAt ?? 0) > 0).length;
  }, texts as string[]);
}

export interface BoardDom {
  /** Board rows (role=listitem) mounted per column. */
  rowsMounted: Record<string, number>;
  /** Enquiry buttons mounted in the board, all columns. */
  enquiryButtonsMounted: number;
  /** The count each column's heading shows. */
  columnCounts: Record<string, number | string>;
  /** Every element in the document. */
  domElements: number;
}

/** What the board has mounted and shows. */
export function readBoardDom(page: Page): Promise<BoardDom> {
  return page.evaluate(() => {
    const rowsMounted: Record<string, number> = {};
    const columnCounts: Record<string, number | string> = {};
    let enquiryButtonsMounted = 0;
    for (const name of ['Open', 'Handling', 'Missed', 'Closed']) {
      const section = document.querySelector(
        `section[aria-label="${name}"], [role="region"][aria-label="${name}"]`,
      );
      if (!section) continue;
      rowsMounted[name] = section.querySelectorAll('[role="listitem"]').length;
      enquiryButtonsMounted += section.querySelectorAll(
        '[role="listitem"] button, [role="list"] button',
      ).length;
      const heading = (section.querySelector('h2, h3, [role="heading"]')?.textContent ?? '')
        .replace(/\s+/g, ' ')
        .trim();
      const count = heading.slice(name.length).trim();
      columnCounts[name] = /^\d+$/.test(count) ? Number(count) : heading;
    }
    return {
      rowsMounted,
      enquiryButtonsMounted,
      columnCounts,
      domElements: document.getElementsByTagName('*').length,
    };
  });
}

export interface HeapReading {
  /** Runtime.getHeapUsage: V8 heap used by the page's isolate, MB. */
  usedMB: number;
  totalMB: number;
  /** The same after a forced garbage collection (what is retained), MB. */
  usedAfterGcMB: number;
  /** performance.memory.usedJSHeapSize (Chromium, may be bucketed), MB. */
  performanceMemoryMB: number | null;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** The renderer's JS heap, before and after a forced GC. */
export async function readHeap(page: Page, cdp: CDPSession): Promise<HeapReading> {
  const performanceMemory = await page.evaluate(() => {
    const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
    return memory ? memory.usedJSHeapSize : null;
  });
  const before = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
  await cdp.send('HeapProfiler.collectGarbage');
  const after = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
  return {
    usedMB: mb(before.usedSize),
    totalMB: mb(before.totalSize),
    usedAfterGcMB: mb(after.usedSize),
    performanceMemoryMB: performanceMemory === null ? null : mb(performanceMemory),
  };
}

/**
 * Waits until the page has drawn smoothly (no gap between frames over 50 ms) for `quietMs`,
 * or `timeoutMs` passed; resolves to whether it got quiet.
 */
export async function waitQuiet(page: Page, quietMs = 1_000, timeoutMs = 20_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const quiet = await page.evaluate((windowMs) => {
      const frames = window.__benchProbe?.frames ?? [];
      const last = frames[frames.length - 1];
      if (last === undefined) return false;
      const now = performance.timeOrigin + performance.now() + (window.__benchProbe?.offset ?? 0);
      if (now - last > 50) return false;
      let previous = last;
      for (let i = frames.length - 2; i >= 0; i--) {
        const frame = frames[i] as number;
        if (previous - frame > 50) return false;
        if (last - frame >= windowMs) return true;
        previous = frame;
      }
      return false;
    }, quietMs);
    if (quiet) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}
