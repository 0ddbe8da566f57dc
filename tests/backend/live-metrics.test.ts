import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveMetricsTiming } from '../../backend/events/live-metrics';
import type { RunningBackend } from '../../backend/index';
import {
  collect,
  errorCode,
  gql,
  gqlData,
  login,
  startTestBackend,
  wsClient,
  type Session,
} from '../support/backend-client';
import { createTenant, insertEnquiry } from '../support/tenant-world';

/**
 * Live metrics (issue 13, item 1) against a world built here, with known waits: every figure
 * exact, the same for two administrators, pushed when an enquiry arrives or is picked up.
 * The clock-driven refresh is turned off in this file, so every push comes from an event.
 */

const FIGURES = `waitingNow longestWaitSeconds oldestWaitingSince answeredLastHour averageWaitSeconds
  slaThresholdSeconds slaPercent handling missedLastHour agentsOnline waitingSeries seriesStepSeconds at
  agents { agent { id name } presence chatsInHand capacity }`;
const QUERY = `{ liveMetrics { ${FIGURES} } }`;
const SUBSCRIPTION = `subscription { liveMetrics { ${FIGURES} } }`;

let backend: RunningBackend;
let url: string;
let mia: Session;
let max: Session;
let ann: Session;
let ben: Session;
let ids: Map<string, string>;
/** Each wait of the world: when it started and ended (null: still Open). */
const waits: { since: Date; ended: Date | null }[] = [];
let oldestOpen: Date;

const minutes = (n: number) => n * 60_000;

beforeAll(async () => {
  liveMetricsTiming.refreshMs = 3_600_000;
  backend = await startTestBackend();
  url = backend.url;
  ids = await createTenant(backend, 'metrics', [
    { name: 'Mia Admin', email: 'mia@metrics.test', role: 'ADMINISTRATOR' },
    { name: 'Max Admin', email: 'max@metrics.test', role: 'ADMINISTRATOR' },
    { name: 'Ann Agent', email: 'ann@metrics.test', role: 'AGENT' },
    { name: 'Ben Agent', email: 'ben@metrics.test', role: 'AGENT' },
    { name: 'Cat Agent', email: 'cat@metrics.test', role: 'AGENT' },
  ]);
  const annId = ids.get('ann@metrics.test')!;
  const benId = ids.get('ben@metrics.test')!;
  const catId = ids.get('cat@metrics.test')!;
  const t0 = Date.now();
  const at = (ms: number) => new Date(t0 - ms);
  oldestOpen = at(330_000);
  const world = [
    // Waiting now: 330 s and 30 s.
    { status: 'OPEN', waitingSince: oldestOpen },
    { status: 'OPEN', waitingSince: at(30_000) },
    // Answered in the last hour after 30, 50, 90 and 200 s (threshold 60: two within).
    {
      status: 'HANDLING',
      waitingSince: at(minutes(20) + 30_000),
      pickedUpAt: at(minutes(20)),
      ownerId: annId,
    },
    {
      status: 'CLOSED',
      waitingSince: at(minutes(25) + 50_000),
      pickedUpAt: at(minutes(25)),
      closedAt: at(minutes(22)),
      ownerId: annId,
    },
    {
      status: 'HANDLING',
      waitingSince: at(minutes(30) + 90_000),
      pickedUpAt: at(minutes(30)),
      ownerId: catId,
    },
    {
      status: 'CLOSED',
      waitingSince: at(minutes(40) + 200_000),
      pickedUpAt: at(minutes(40)),
      closedAt: at(minutes(35)),
      ownerId: benId,
    },
    // Missed in the last hour; and one missed, then picked up later (still a miss, now handled).
    { status: 'MISSED', waitingSince: at(minutes(16)), missedAt: at(minutes(15)) },
    {
      status: 'HANDLING',
      waitingSince: at(minutes(51)),
      missedAt: at(minutes(50)),
      pickedUpAt: at(minutes(45)),
      ownerId: annId,
    },
    // Outside the hour: neither answered nor missed "in the last hour".
    {
      status: 'CLOSED',
      waitingSince: at(minutes(121)),
      pickedUpAt: at(minutes(120)),
      closedAt: at(minutes(110)),
      ownerId: benId,
    },
    { status: 'MISSED', waitingSince: at(minutes(131)), missedAt: at(minutes(130)) },
  ] as const;
  for (const e of world) {
    await insertEnquiry(backend, 'metrics', e);
    const ended = 'missedAt' in e ? e.missedAt : 'pickedUpAt' in e ? e.pickedUpAt : null;
    waits.push({ since: e.waitingSince, ended });
  }
  [mia, max, ann, ben] = await Promise.all([
    login(url, 'metrics', 'mia@metrics.test'),
    login(url, 'metrics', 'max@metrics.test'),
    login(url, 'metrics', 'ann@metrics.test'),
    login(url, 'metrics', 'ben@metrics.test'),
  ]);
  await gqlData(url, `mutation { setPresence(presence: AWAY) { id } }`, {}, ben.token);
});

afterAll(async () => {
  liveMetricsTiming.refreshMs = 5_000;
  await backend?.stop();
});

/** How many of the world's waits (plus `extra`) were going on at each minute up to `at`, by hand. */
function expectedSeries(at: string, extra: { since: Date; ended: Date | null }[] = []): number[] {
  const end = Date.parse(at);
  return Array.from({ length: 60 }, (_, i) => {
    const point = end - (59 - i) * 60_000;
    return [...waits, ...extra].filter(
      (w) => w.since.getTime() <= point && (w.ended === null || w.ended.getTime() > point),
    ).length;
  });
}

describe('live metrics', () => {
  it('computes every figure of the world exactly', async () => {
    const m = (await gqlData(url, QUERY, {}, mia.token)).liveMetrics;
    expect(m).toMatchObject({
      waitingNow: 2,
      oldestWaitingSince: oldestOpen.toISOString(),
      answeredLastHour: 4,
      averageWaitSeconds: 93, // (30 + 50 + 90 + 200) / 4 = 92.5
      slaThresholdSeconds: 60,
      slaPercent: 33.3, // 2 within 60 s of 4 answered + 2 missed
      handling: 3,
      missedLastHour: 2,
      agentsOnline: 2, // Ann and Cat; Ben is away
      seriesStepSeconds: 60,
    });
    expect(m.longestWaitSeconds).toBe(Math.floor((Date.parse(m.at) - oldestOpen.getTime()) / 1000));
    expect(m.waitingSeries).toEqual(expectedSeries(m.at));
    expect(m.waitingSeries.at(-1)).toBe(2);
    expect(m.agents.map((a: any) => [a.agent.name, a.presence, a.chatsInHand, a.capacity])).toEqual([
      ['Ann Agent', 'ONLINE', 2, 3],
      ['Ben Agent', 'AWAY', 0, 3],
      ['Cat Agent', 'ONLINE', 1, 3],
    ]);
  });

  it('gives two administrators the same figures', async () => {
    const [a, b] = await Promise.all([
      gqlData(url, QUERY, {}, mia.token),
      gqlData(url, QUERY, {}, max.token),
    ]);
    const figures = (m: any) => ({ ...m.liveMetrics, at: undefined, longestWaitSeconds: undefined });
    expect(figures(a)).toEqual(figures(b));
  });

  it('is for administrators with the monitoring plan', async () => {
    expect(errorCode(await gql(url, QUERY, {}, ann.token))).toBe('FORBIDDEN');
    const basil = await login(url, 'basic', 'basil@basic.test');
    expect(errorCode(await gql(url, QUERY, {}, basil.token))).toBe('PLAN_REQUIRED');
    expect(errorCode(await gql(url, QUERY))).toBe('UNAUTHENTICATED');
    const socket = wsClient(url, () => ann.token);
    const refused = collect(socket, SUBSCRIPTION, {}, (d) => d.liveMetrics);
    await expect(refused.until(1)).rejects.toBeTruthy();
    await socket.dispose();
  });

  it('pushes one shared snapshot to every administrator when an enquiry arrives and is picked up', async () => {
    const miaSocket = wsClient(url, () => mia.token);
    const maxSocket = wsClient(url, () => max.token);
    const miaSees = collect(miaSocket, SUBSCRIPTION, {}, (d) => d.liveMetrics);
    const maxSees = collect(maxSocket, SUBSCRIPTION, {}, (d) => d.liveMetrics);
    try {
      await Promise.all([miaSees.until(1), maxSees.until(1)]);
      expect(miaSees.items[0].waitingNow).toBe(2);

      const started = await gqlData(
        url,
        `mutation { startEnquiry(tenant: "metrics", visitorName: "Vera Live", text: "hello") { enquiry { id waitingSince } } }`,
      );
      const arrived = (m: any) => m.waitingNow === 3;
      await Promise.all([
        waitFor(miaSees, arrived, 'Mia sees the new enquiry'),
        waitFor(maxSees, arrived, 'Max sees the new enquiry'),
      ]);
      const miaArrived = miaSees.items.find(arrived);
      // One computation for both: the very same snapshot, to the millisecond.
      expect(maxSees.items.find(arrived)).toEqual(miaArrived);
      expect(miaArrived.waitingSeries.at(-1)).toBe(3);

      const enquiryId = started.startEnquiry.enquiry.id;
      const room = await gqlData(
        url,
        `mutation ($id: ID!) { pickUpEnquiry(enquiryId: $id) { enquiry { waitingSince pickedUpAt } } }`,
        { id: enquiryId },
        ann.token,
      );
      const picked = (m: any) => m.waitingNow === 2 && m.handling === 4 && m.answeredLastHour === 5;
      await waitFor(miaSees, picked, 'Mia sees the pick-up');
      const after = miaSees.items.find(picked);
      expect(after.agents.find((a: any) => a.agent.name === 'Ann Agent').chatsInHand).toBe(3);
      // Picked up within a second or so: within the SLA, 3 of 5 answered + 2 missed.
      expect(after.slaPercent).toBe(42.9);
      const { waitingSince, pickedUpAt } = room.pickUpEnquiry.enquiry;
      expect(after.waitingSeries).toEqual(
        expectedSeries(after.at, [{ since: new Date(waitingSince), ended: new Date(pickedUpAt) }]),
      );
    } finally {
      miaSees.dispose();
      maxSees.dispose();
      await Promise.all([miaSocket.dispose(), maxSocket.dispose()]);
    }
  });

  it('pushes a new SLA percentage when the threshold changes', async () => {
    const socket = wsClient(url, () => mia.token);
    const seen = collect(socket, SUBSCRIPTION, {}, (d) => d.liveMetrics);
    try {
      await seen.until(1);
      await gqlData(
        url,
        `mutation { updateTenantSettings(slaThresholdSeconds: 100) { slaThresholdSeconds } }`,
        {},
        mia.token,
      );
      // 30, 50, 90 s and the live pick-up are within 100 s now: 4 of 5 answered + 2 missed.
      await waitFor(seen, (m) => m.slaThresholdSeconds === 100, 'the new threshold');
      expect(seen.items.find((m) => m.slaThresholdSeconds === 100).slaPercent).toBe(57.1);
    } finally {
      seen.dispose();
      await socket.dispose();
    }
  });
});

/** Waits until a collected stream holds an item that passes `test`. */
async function waitFor(
  stream: { items: any[]; until(n: number, timeoutMs?: number): Promise<void> },
  test: (item: any) => boolean,
  what: string,
): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!stream.items.some(test)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await stream.until(stream.items.length + 1, Math.max(1, deadline - Date.now())).catch(() => undefined);
  }
}
