/**
 * Toasts wait for their reader: one under the pointer, or holding keyboard focus, does not
 * time out; once the reader moves on it goes shortly after. The page runs on Playwright's
 * clock, so the test jumps over the 8 s a toast lasts instead of waiting for it. It has a
 * world of its own: in the worker's, older enquiries start to be missed after a minute, and
 * their toasts would push the one under the pointer away from it.
 */
import type { BrowserContext } from '@playwright/test';
import { startBrowserHost } from '../../main/browser-host/server';
import { BackendApi } from './support/backend-api';
import { answerDialog, expect, openRoom, signIn, test, toast } from './support/fixtures';
import { BUILT_RENDERER } from './support/global-setup';

/** A toast's lifetime (toast-store's TOAST_MS) and a little more. */
const PAST_ITS_TIME_MS = 9_000;
/** Long past it: the reader lingers. */
const LONG_PAST_ITS_TIME_MS = 60_000;
/** How soon a timed-out toast goes once the reader left (TOAST_RELEASE_MS), and a little more. */
const AFTER_THE_READER_LEFT_MS = 2_500;

test('a toast under the pointer or holding focus stays past its time, and goes soon after the reader leaves', async ({
  browser,
  visitorName,
}) => {
  const host = await startBrowserHost({
    port: 0,
    demo: true,
    simulator: false,
    inMemory: true,
    rendererDir: BUILT_RENDERER,
    quiet: true,
  });
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  try {
    await readingToasts(new BackendApi(host.backendUrl), context, host.url, visitorName);
  } finally {
    await context.close();
    await host.stop();
  }
});

/** The test proper, in its own world at `url`. */
async function readingToasts(
  api: BackendApi,
  context: BrowserContext,
  url: string,
  visitorName: (label: string) => string,
): Promise<void> {
  const visitors = ['Reader One', 'Reader Two', 'Reader Three'].map(visitorName);
  for (const visitor of visitors) await api.handlingEnquiry(visitor, 'grace@demo.test');
  await context.clock.install();
  const ada = await context.newPage();
  await ada.goto(url);
  await signIn(ada, 'ada@demo.test');
  const panes = [];
  for (const visitor of visitors) panes.push(await openRoom(ada, visitor));
  const search = ada.getByRole('searchbox', { name: 'Search visitor or subject' });

  // Unread, a toast goes after its time (the control).
  await panes[0]!.getByRole('button', { name: 'Join', exact: true }).click();
  await answerDialog(ada, 'OK');
  const unread = toast(ada, visitors[0]!);
  await expect(unread).toBeVisible();
  await ada.mouse.move(5, 995);
  await search.focus();
  await ada.clock.fastForward(PAST_ITS_TIME_MS);
  await expect(unread).toHaveCount(0);

  // Under the pointer it stays, however long; the pointer gone, it goes soon after.
  await panes[1]!.getByRole('button', { name: 'Join', exact: true }).click();
  await answerDialog(ada, 'OK');
  const pointed = toast(ada, visitors[1]!);
  await expect(pointed).toBeVisible();
  await search.focus();
  await pointed.hover();
  await ada.clock.fastForward(LONG_PAST_ITS_TIME_MS);
  await expect(pointed).toBeVisible();
  await ada.mouse.move(5, 995);
  await ada.clock.fastForward(AFTER_THE_READER_LEFT_MS);
  await expect(pointed).toHaveCount(0);

  // Holding keyboard focus (its Dismiss button) it stays; focus gone, it goes soon after.
  await panes[2]!.getByRole('button', { name: 'Take over', exact: true }).click();
  await answerDialog(ada, 'OK');
  const focused = toast(ada, visitors[2]!);
  await expect(focused).toBeVisible();
  await ada.mouse.move(5, 995);
  await focused.getByRole('button', { name: 'Dismiss' }).focus();
  await ada.keyboard.press('Shift'); // a keyboard user: the focus is visible
  await ada.clock.fastForward(LONG_PAST_ITS_TIME_MS);
  await expect(focused).toBeVisible();
  await search.focus();
  await ada.clock.fastForward(AFTER_THE_READER_LEFT_MS);
  await expect(focused).toHaveCount(0);

  // Focus that a mouse click leaves in the stack is not reading: Dismiss clicked on one
  // toast hands focus to the next one's Dismiss, and that toast still goes in its time.
  for (const pane of panes.slice(0, 2)) {
    await pane.getByRole('button', { name: 'Take over', exact: true }).click();
    await answerDialog(ada, 'OK');
  }
  const [older, newer] = [toast(ada, visitors[0]!), toast(ada, visitors[1]!)];
  await expect(newer).toBeVisible();
  await older.getByRole('button', { name: 'Dismiss' }).click();
  await expect(newer.getByRole('button', { name: 'Dismiss' })).toBeFocused();
  await ada.mouse.move(5, 995);
  await ada.clock.fastForward(PAST_ITS_TIME_MS);
  await expect(newer).toHaveCount(0);
}
