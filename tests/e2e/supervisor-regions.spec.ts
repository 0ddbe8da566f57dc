/**
 * Issue 13, items 1–3 (the supervisor's half): on the board an administrator with the
 * monitoring plan sees "Live metrics", "Agents" and "Help requests", live from the backend's
 * liveMetrics subscription and the board's events (no polling). Agents and no-plan
 * administrators do not see them.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { answerDialog, column, expect, roomPane, test } from './support/fixtures';

interface Metrics {
  liveMetrics: {
    waitingNow: number;
    handling: number;
    missedLastHour: number;
    agentsOnline: number;
    agents: { agent: { name: string }; presence: string; chatsInHand: number; capacity: number }[];
  };
}

const METRICS_QUERY =
  'query { liveMetrics { waitingNow handling missedLastHour agentsOnline agents { agent { name } presence chatsInHand capacity } } }';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

/** A figure of the "Live metrics" region, by its label. */
function figure(region: Locator, label: string): Locator {
  return region
    .locator('.sv-figure')
    .filter({ has: region.page().getByText(label, { exact: true }) })
    .locator('dd');
}

test('ada sees live metrics, agents and help requests, live; clicking an agent filters the board', async ({
  api,
  consoleAs,
  visitorName,
}) => {
  const adaToken = await api.token('ada@demo.test');
  const linusToken = await api.token('linus@demo.test');
  await api.data('mutation { setPresence(presence: ONLINE) { id } }', {}, linusToken);
  const helpVisitor = visitorName('Helpless Visitor');
  const helpEnquiry = await api.handlingEnquiry(helpVisitor, 'grace@demo.test');

  const ada = await consoleAs('ada@demo.test');
  const metrics = ada.getByRole('region', { name: 'Live metrics', exact: true });
  const agents = ada.getByRole('region', { name: 'Agents', exact: true });
  const help = ada.getByRole('region', { name: 'Help requests', exact: true });
  await expect(metrics).toBeVisible();
  await expect(agents).toBeVisible();
  await expect(help).toBeVisible();

  // The figures are the backend's.
  const backend = (await api.data<Metrics>(METRICS_QUERY, {}, adaToken)).liveMetrics;
  await expect(figure(metrics, 'Waiting now')).toHaveText(String(backend.waitingNow));
  await expect(figure(metrics, 'Handling')).toHaveText(String(backend.handling));
  await expect(figure(metrics, 'Missed (1 h)')).toHaveText(String(backend.missedLastHour));
  await expect(figure(metrics, 'Agents online')).toHaveText(String(backend.agentsOnline));
  await expect(metrics.getByRole('img', { name: /^Waiting over the last hour: now \d+/ })).toBeVisible();
  for (const status of backend.agents) {
    const row = agents.getByRole('button', { name: new RegExp(`^${status.agent.name}`) });
    await expect(row).toContainText(`${status.chatsInHand}/${status.capacity}`);
  }

  // A new Open enquiry raises "waiting now" live.
  await api.startEnquiry(visitorName('Waiting Visitor'));
  await expect(figure(metrics, 'Waiting now')).toHaveText(String(backend.waitingNow + 1));
  await expect(figure(metrics, 'Longest wait')).toHaveText(/^\d+:\d\d$/);
  // It counts on by itself between snapshots.
  const longest = (await figure(metrics, 'Longest wait').textContent()) ?? '';
  await expect(figure(metrics, 'Longest wait')).not.toHaveText(longest);

  // Linus's presence shows live.
  const linus = agents.getByRole('button', { name: /^Linus Torvalds/ });
  await expect(linus).toContainText('Online');
  await api.data('mutation { setPresence(presence: AWAY) { id } }', {}, linusToken);
  await expect(linus).toContainText('Away');
  await expect(figure(metrics, 'Agents online')).toHaveText(String(backend.agentsOnline - 1));
  await api.data('mutation { setPresence(presence: ONLINE) { id } }', {}, linusToken);
  await expect(linus).toContainText('Online');

  // Clicking an agent filters the board to her (the Agent filter says so); again: all agents.
  const grace = agents.getByRole('button', { name: /^Grace Hopper/ });
  await grace.click();
  await expect(grace).toHaveAttribute('aria-pressed', 'true');
  await expect(ada.getByRole('combobox', { name: 'Agent' })).toHaveValue(/.+/);
  await expect(ada.getByRole('combobox', { name: 'Agent' }).locator('option:checked')).toHaveText(
    'Grace Hopper',
  );
  await expect(column(ada, 'Open').getByRole('button')).toHaveCount(0);
  // Every card the column shows is hers (a worker's world grows across specs, so hers may be
  // more than fit: her card is found by searching within the filtered board).
  const handlingCards = column(ada, 'Handling').getByRole('button');
  await expect(handlingCards.first()).toBeVisible();
  for (const text of await handlingCards.allTextContents()) expect(text).toContain('Grace Hopper');
  const search = ada.getByRole('searchbox', { name: 'Search visitor or subject' });
  await search.fill(helpVisitor);
  await expect(column(ada, 'Handling').getByRole('button', { name: helpVisitor, exact: true })).toBeVisible();
  await search.fill('');
  await grace.click();
  await expect(grace).toHaveAttribute('aria-pressed', 'false');
  await expect(ada.getByRole('combobox', { name: 'Agent' })).toHaveValue('');

  // Grace asks for help: the request is listed and the card is marked.
  await api.data(
    'mutation ($id: ID!, $note: String) { requestAssistance(enquiryId: $id, note: $note) }',
    { id: helpEnquiry, note: 'Refund above my limit' },
    await api.token('grace@demo.test'),
  );
  const item = help.getByRole('button', { name: new RegExp(`^${helpVisitor}`) });
  await expect(item).toContainText('Grace Hopper');
  await expect(item).toContainText('Refund above my limit');
  // The board sorts by longest wait, and this worker's world has grown: find the card by name.
  await search.fill(helpVisitor);
  const card = column(ada, 'Handling').getByRole('button', { name: helpVisitor, exact: true });
  await expect(card).toContainText('Help requested');
  await search.fill('');

  // Light and dark themes: no serious violations with the regions (and a request) shown.
  const themeButton = ada.getByRole('button', { name: /^Switch to .* theme$/ });
  while ((await themeButton.textContent()) !== 'Switch to system theme') await themeButton.click();
  await expect(ada.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await seriousViolations(ada)).toEqual([]);
  while ((await themeButton.textContent()) !== 'Switch to light theme') await themeButton.click();
  await expect(ada.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await seriousViolations(ada)).toEqual([]);

  if (process.env.SHOTS_DIR) {
    await ada.setViewportSize({ width: 1600, height: 1000 });
    await ada.screenshot({ path: `${process.env.SHOTS_DIR}/board-supervisor-1600x1000.png` });
  }

  // Clicking the request opens the room; ada joins and the request ends everywhere.
  await item.click();
  const pane = roomPane(ada, helpVisitor);
  await expect(pane).toBeVisible();
  if (process.env.SHOTS_DIR) {
    await ada.setViewportSize({ width: 1366, height: 768 });
    await ada.screenshot({ path: `${process.env.SHOTS_DIR}/board-supervisor-1366x768.png` });
    await ada.setViewportSize({ width: 1600, height: 1000 });
  }
  await pane.getByRole('button', { name: 'Join', exact: true }).click();
  await answerDialog(ada, 'OK');
  await expect(item).toHaveCount(0);
  // The ended request stays a moment, saying who answered it and how, then leaves.
  await expect(help).toContainText('Answered by Ada Lovelace (joined)');
  await expect(help).toContainText('No open help requests.', { timeout: 30_000 });
  await ada.getByRole('searchbox', { name: 'Search visitor or subject' }).fill(helpVisitor);
  await expect(card).not.toContainText('Help requested');
});

test('agents and administrators without the monitoring plan do not see the supervisor regions', async ({
  consoleAs,
}) => {
  for (const email of ['grace@demo.test', 'basil@basic.test']) {
    const page = await consoleAs(email);
    await expect(page.getByRole('region', { name: 'Enquiry Overview' })).toBeVisible();
    await expect(page.getByRole('searchbox', { name: 'Search visitor or subject' })).toBeVisible();
    for (const name of ['Live metrics', 'Agents', 'Help requests']) {
      await expect(page.getByRole('region', { name, exact: true })).toHaveCount(0);
    }
    await page.close();
  }
});
