/**
 * Reloading the console keeps its rooms: the same panes come back in the same order,
 * widths and modes, with the same pane focused, and monitoring carries on. Signing out
 * forgets them: the next sign-in in the tab starts with none. A restored room the admin
 * may no longer open explains why in its pane and can be closed. A page whose connection
 * to the host drops and comes back without a reload opens its rooms again (the host holds
 * them for it only for a while).
 */
import type { Locator, Page, WebSocketRoute } from '@playwright/test';
import { answerDialog, column, expect, openRoom, roomPane, signIn, test, toast } from './support/fixtures';

/** The panes' visitors in their order on screen, left to right. */
async function paneOrder(page: Page): Promise<string[]> {
  const panes = page.getByRole('region', { name: /^Room: / });
  const placed = await Promise.all(
    (await panes.all()).map(async (pane) => ({
      name: (await pane.getAttribute('aria-label')) ?? '',
      x: (await pane.boundingBox())?.x ?? 0,
    })),
  );
  return placed.sort((a, b) => a.x - b.x).map((pane) => pane.name.replace(/^Room: /, ''));
}

async function widthOf(pane: Locator): Promise<number> {
  return (await pane.boundingBox())?.width ?? 0;
}

test('a reload reopens the same rooms, in order, widths and modes, focused as before, still monitoring; sign-out forgets them', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  const watched = visitorName('Reload Watched');
  const joined = visitorName('Reload Joined');
  const watchedEnquiry = await api.startEnquiry(watched);
  await api.pickUp('grace@demo.test', watchedEnquiry.enquiryId);
  await api.handlingEnquiry(joined, 'linus@demo.test');
  const ada = await consoleAs('ada@demo.test');

  const first = await openRoom(ada, watched);
  const second = await openRoom(ada, joined);
  // The second room: Join → OK → Go to Chat Room.
  await second.getByRole('button', { name: 'Join', exact: true }).click();
  await answerDialog(ada, 'OK');
  await expect(toast(ada, 'You have joined the enquiry.')).toBeVisible();
  await second.getByRole('button', { name: 'Go to Chat Room' }).click();
  await expect(second.getByRole('group', { name: 'Chat room' })).toBeVisible();
  // The first room wider, and focused.
  await ada.getByRole('separator', { name: 'Resize rooms 1 and 2' }).focus();
  for (let i = 0; i < 3; i++) await ada.keyboard.press('ArrowRight');
  await first.focus();
  await expect(first).toBeFocused();
  const widths = [await widthOf(first), await widthOf(second)];
  expect(widths[0]).toBeGreaterThan(widths[1]! + 20);

  await ada.reload();

  await expect(ada.getByRole('region', { name: /^Room: / })).toHaveCount(2);
  // Each pane is named after its visitor once its room has loaded again.
  await expect.poll(() => paneOrder(ada)).toEqual([watched, joined]);
  await expect(first.getByRole('group', { name: 'Monitor panel' })).toContainText(
    'You are monitoring this enquiry.',
  );
  await expect(second.getByRole('group', { name: 'Chat room' })).toContainText('Chat room · joined');
  await expect(first).toBeFocused();
  expect(Math.abs((await widthOf(first)) - widths[0]!)).toBeLessThan(2);
  expect(Math.abs((await widthOf(second)) - widths[1]!)).toBeLessThan(2);
  await ada.screenshot({ path: '/tmp/reload-after.png' });

  // Monitoring carries on: the room streams live, and the board lists Ada as monitoring.
  await api.visitorSays(watchedEnquiry.visitorToken, 'Still with me after the reload?');
  await expect(first.getByRole('log')).toContainText('Still with me after the reload?');
  await ada.getByRole('searchbox', { name: 'Search visitor or subject' }).fill(watched);
  const card = column(ada, 'Handling').getByRole('button', { name: watched, exact: true });
  await expect(card).toContainText('Monitored by Ada Lovelace');

  // Signing out forgets the rooms: signing in again (and reloading) brings none back.
  await ada.getByRole('button', { name: 'Sign out' }).click();
  await expect(ada.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await signIn(ada, 'ada@demo.test');
  await expect(ada.getByRole('region', { name: /^Room: / })).toHaveCount(0);
  await ada.reload();
  await expect(column(ada, 'Handling')).toBeVisible();
  await expect(ada.getByRole('region', { name: /^Room: / })).toHaveCount(0);
  await ada.getByRole('searchbox', { name: 'Search visitor or subject' }).fill(watched);
  await expect(card).not.toContainText('Monitored by Ada');
});

test('a restored room the admin can no longer open says so in its pane and can be closed', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  const visitor = visitorName('Reload Kept');
  await api.handlingEnquiry(visitor, 'grace@demo.test');
  const ada = await consoleAs('ada@demo.test');
  await openRoom(ada, visitor);

  // A room that is not (or no longer) visible to Ada, saved beside it, as a reload finds it.
  await ada.evaluate(() => {
    const key = 'supervisor-console/rooms';
    const saved = JSON.parse(sessionStorage.getItem(key) ?? '{}') as {
      state: { panes: { enquiryId: string; mode: string; weight: number }[] };
    };
    saved.state.panes.unshift({ enquiryId: 'enq_not_visible_to_ada', mode: 'monitor', weight: 1 });
    sessionStorage.setItem(key, JSON.stringify(saved));
  });
  await ada.reload();

  const lost = roomPane(ada, 'Enquiry');
  await expect(lost.getByRole('alert')).toContainText('This room cannot be opened');
  await expect(roomPane(ada, visitor).getByRole('group', { name: 'Monitor panel' })).toContainText(
    'You are monitoring this enquiry.',
  );
  await lost.getByRole('button', { name: "Close Enquiry's room" }).click();
  await expect(ada.getByRole('region', { name: /^Room: / })).toHaveCount(1);
  await ada.reload();
  await expect(roomPane(ada, visitor)).toBeVisible();
  await expect(ada.getByRole('region', { name: /^Room: / })).toHaveCount(1);
});

test('a page whose connection to the host comes back without a reload opens its rooms again', async ({
  api,
  browser,
  host,
  visitorName,
}) => {
  const visitor = visitorName('Reattached');
  await api.handlingEnquiry(visitor, 'grace@demo.test');
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  // The page's bridge connections, passed through, with the requests the page sent on each.
  const bridges: { page: WebSocketRoute; host: WebSocketRoute; sent: string[] }[] = [];
  await page.routeWebSocket(/\/bridge/, (socket) => {
    const bridge = { page: socket, host: socket.connectToServer(), sent: [] as string[] };
    socket.onMessage((message) => {
      bridge.sent.push(String(message));
      bridge.host.send(message);
    });
    bridges.push(bridge);
  });
  await page.goto(host.url);
  await signIn(page, 'ada@demo.test');
  const pane = await openRoom(page, visitor);

  const dropped = bridges.at(-1)!;
  await dropped.host.close();
  await dropped.page.close();
  await expect.poll(() => bridges.length).toBeGreaterThan(1);
  await expect.poll(() => bridges.at(-1)!.sent.some((message) => message.includes('"room/open"'))).toBe(true);
  await expect(pane.getByRole('group', { name: 'Monitor panel' })).toContainText(
    'You are monitoring this enquiry.',
  );
  await context.close();
});
