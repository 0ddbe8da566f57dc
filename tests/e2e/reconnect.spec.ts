/**
 * Lossless under reconnects, as a person sees it: the enquiry backend goes away while an
 * admin watches a room, and comes back on the same address and data. The console says it
 * is offline, keeps the transcript, pauses the monitor panel's actions, then goes live
 * again by itself and shows what happened meanwhile.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { startBackend, type RunningBackend } from '../../backend/index';
import { BUILT_RENDERER } from './support/global-setup';
import { startBrowserHost, type BrowserHost } from '../../main/browser-host/server';
import { BackendApi } from './support/backend-api';
import { openRoom, signIn } from './support/fixtures';

const test = base;

test('the backend restarts while an admin watches a room: offline, actions paused, then live with nothing lost', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'console-reconnect-'));
  let backend: RunningBackend | null = await startBackend({
    port: 0,
    dataDir,
    demo: true,
    simulator: false,
    quiet: true,
  });
  const port = backend.port;
  let host: BrowserHost | null = null;
  try {
    host = await startBrowserHost({
      port: 0,
      backendUrl: backend.url,
      rendererDir: BUILT_RENDERER,
      quiet: true,
    });
    const api = new BackendApi(backend.url);
    const visitor = 'Reconnect Rosa';
    const { enquiryId, visitorToken } = await api.startEnquiry(visitor);
    await api.pickUp('grace@demo.test', enquiryId);

    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    await page.goto(host.url);
    await signIn(page, 'ada@demo.test');
    const pane = await openRoom(page, visitor);
    const transcript = pane.getByRole('log');
    await expect(transcript).toContainText('My order has not arrived');
    const join = pane.getByRole('button', { name: 'Join', exact: true });
    await expect(join).toBeEnabled();

    await backend.stop();
    backend = null;
    await expect(page.locator('.connection-label')).toHaveText(/Offline|Reconnecting/, { timeout: 20_000 });
    await expect(transcript).toContainText('My order has not arrived');
    await expect(join).toBeDisabled();
    await expect(pane).toContainText('Reconnecting to the enquiry backend');

    backend = await startBackend({ port, dataDir, demo: true, simulator: false, quiet: true });
    await new BackendApi(backend.url).visitorSays(visitorToken, 'Are you still there after the restart?');
    await expect(page.locator('.connection-label')).toHaveText('Live', { timeout: 30_000 });
    await expect(transcript).toContainText('Are you still there after the restart?');
    await expect(join).toBeEnabled();
    await context.close();
  } finally {
    await host?.stop();
    await backend?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
