/**
 * Playwright: the real renderer in Chromium through the browser host, against a real
 * in-memory demo backend started per worker (tests/e2e/support/fixtures.ts). Debian's
 * Chromium is used where it exists: its headless shell (package chromium-headless-shell,
 * what Playwright's own headless runs use; it took about 35% less time than the full browser
 * in headless mode on 2 cores) or else /usr/bin/chromium; Playwright's own browser elsewhere.
 * PW_CHROMIUM picks another binary.
 * The 'electron' project runs the shell's _electron specs (they skip without a binary).
 */
import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

const systemChromium =
  process.env.PW_CHROMIUM ??
  ['/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium'].find((path) => existsSync(path));
const launchOptions = systemChromium
  ? {
      executablePath: systemChromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    }
  : {};

export default defineConfig({
  globalSetup: './tests/e2e/support/global-setup.ts',
  fullyParallel: false,
  workers: process.env.CI ? 2 : Math.min(2, Number(process.env.PW_WORKERS ?? 2)),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : [['list']],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1600, height: 1000 },
    actionTimeout: 10_000,
  },
  projects: [
    {
      name: 'chromium',
      testDir: 'tests/e2e',
      use: { ...devices['Desktop Chrome'], viewport: { width: 1600, height: 1000 }, launchOptions },
    },
    {
      name: 'electron',
      testDir: 'tests/electron',
    },
  ],
});
