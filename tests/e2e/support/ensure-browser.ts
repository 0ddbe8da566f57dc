/**
 * Makes sure Playwright has a Chromium to drive: Debian's /usr/bin/chromium where it exists
 * (playwright.config.ts uses it), otherwise Playwright's own build, fetched once here so
 * that `npm test` needs no manual step on a user's machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

if (!existsSync(SYSTEM_CHROMIUM) && !existsSync(chromium.executablePath())) {
  process.stderr.write("Fetching Playwright's Chromium for the end-to-end tests…\n");
  const result = spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(
      `No Chromium for the end-to-end tests: install one at ${SYSTEM_CHROMIUM} or let Playwright fetch its own.\n`,
    );
    process.exit(result.status ?? 1);
  }
}
