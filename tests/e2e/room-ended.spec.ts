/**
 * A room pane whose live events the backend ended (issue 11, defect 3: the viewer lost the
 * right to the room) says so instead of silently going stale: an alert with the server's
 * reason, the monitor panel's actions disabled, and a way to close it; opened again once the
 * right is back, it streams afresh. This spec has its own backend (accounts re-read every
 * second), because it takes monitoring off the demo tenant's plan for a while.
 * With ROOM_ENDED_SHOTS=<dir> it saves screenshots of the ended pane at 1600×1000 and 1366×768.
 */
import AxeBuilder from '@axe-core/playwright';
import { join } from 'node:path';
import type { RunningBackend } from '../../backend/index';
import { startBrowserHost } from '../../main/browser-host/server';
import { test as base, expect, openRoom, roomPane } from './support/fixtures';
import { BUILT_RENDERER } from './support/global-setup';

const shots = process.env.ROOM_ENDED_SHOTS;

const test = base.extend<object, { backend: RunningBackend }>({
  backend: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const { startBackend } = await import('../../backend/index');
      const backend = await startBackend({
        port: 0,
        inMemory: true,
        demo: true,
        simulator: false,
        quiet: true,
        // Accounts (role, plan) are read again every second, so a lost right ends streams soon.
        actorCacheTtlMs: 1_000,
        messagesPer10Seconds: 1_000,
      });
      await use(backend);
      await backend.stop();
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  host: [
    async ({ backend }, use) => {
      const host = await startBrowserHost({
        port: 0,
        rendererDir: BUILT_RENDERER,
        backendUrl: backend.url,
        quiet: true,
      });
      await use(host);
      await host.stop();
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

test('a room whose stream ends with the plan says so, disables its actions, closes, and reopens live once the plan is back', async ({
  api,
  backend,
  consoleAs,
  visitorName,
}) => {
  const setPlan = async (monitoring: boolean) => {
    await backend.services.store.query(`update tenants set enquiry_monitoring = $1 where id = 'demo'`, [
      monitoring,
    ]);
    backend.services.actors.invalidate({ tenantId: 'demo' });
  };
  const visitor = visitorName('Ended Edna');
  const { enquiryId, visitorToken } = await api.startEnquiry(visitor);
  await api.pickUp('grace@demo.test', enquiryId);
  const ada = await consoleAs('ada@demo.test');
  let pane = await openRoom(ada, visitor);
  const joinButton = pane.getByRole('button', { name: 'Join', exact: true });
  await expect(joinButton).toBeEnabled();
  await api.visitorSays(visitorToken, 'Still waiting for my parcel.');
  await expect(pane.getByRole('log')).toContainText('Still waiting for my parcel.');
  if (shots) {
    // The same pane live, to compare the layout with.
    await ada.mouse.move(0, 0);
    await ada.setViewportSize({ width: 1366, height: 768 });
    await pane.screenshot({ path: join(shots, 'room-live-pane-1366x768.png') });
    await ada.setViewportSize({ width: 1600, height: 1000 });
  }

  try {
    // An operator takes enquiry monitoring off the tenant's plan.
    await setPlan(false);
    const notice = pane.getByRole('alert').filter({ hasText: 'This room no longer updates' });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('your plan no longer includes enquiry monitoring');
    // What the pane showed stays; every action of the monitor panel is off, with the reason.
    await expect(pane.getByRole('log')).toContainText('Still waiting for my parcel.');
    for (const name of ['Join', 'Take over', 'Go to Chat Room', 'Proceed', 'Whisper'])
      await expect(pane.getByRole('button', { name, exact: true })).toBeDisabled();
    await expect(pane.getByRole('textbox', { name: 'Whisper to the agent' })).toBeDisabled();
    await expect(
      pane.getByText('This room no longer updates, so its actions are unavailable.'),
    ).toBeVisible();
    await expect(pane.getByText('Not monitoring', { exact: true })).toBeVisible();
    const violations = (await new AxeBuilder({ page: ada }).include('[data-room-pane]').analyze()).violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => violation.id);
    expect(violations).toEqual([]);

    if (shots) {
      await ada.mouse.move(0, 0);
      await ada.screenshot({ path: join(shots, 'room-ended-1600x1000.png') });
      await ada.setViewportSize({ width: 1366, height: 768 });
      await expect(notice).toBeVisible();
      await ada.screenshot({ path: join(shots, 'room-ended-1366x768.png') });
      await pane.screenshot({ path: join(shots, 'room-ended-pane-1366x768.png') });
      await ada.setViewportSize({ width: 1600, height: 1000 });
    }

    // The pane closes from the notice.
    await notice.getByRole('button', { name: 'Close room' }).click();
    await expect(roomPane(ada, visitor)).toBeHidden();
  } finally {
    await setPlan(true);
  }

  // Monitoring is back in the plan: the room opens afresh and streams again.
  pane = await openRoom(ada, visitor);
  await expect(pane.getByRole('alert')).toHaveCount(0);
  await expect(pane.getByRole('button', { name: 'Join', exact: true })).toBeEnabled();
  await api.visitorSays(visitorToken, 'Any news?');
  await expect(pane.getByRole('log')).toContainText('Any news?');
});
