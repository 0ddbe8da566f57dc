/**
 * The supervisor's live metrics and help requests through main (issue 13, items 1–3), against
 * a real in-process backend: an administrator with the monitoring plan gets a 'metrics/live'
 * snapshot after sign-in and a new one when a figure changes (no polling); 'metrics/get'
 * answers the latest; agents get no stream and are refused the figures; 'helpRequests/list'
 * lists an open request. A stream that drops resumes with a fresh snapshot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../../backend/index';
import type { LiveMetrics, OpenHelpRequest } from '../../shared/ipc/contract';
import { createRequestHandler } from '../../main/core/request-handler';
import { LiveMetricsFeed } from '../../main/core/live-metrics';
import { BackendClient } from '../../main/core/graphql-client';
import { enquiryHandledBy, gqlData, login, startTestBackend } from '../support/backend-client';
import { recordingSession, signInLive, until, visitorStartsEnquiry, type RecordingSession } from './helpers';

let backend: RunningBackend;
const sessions: RecordingSession[] = [];

beforeAll(async () => {
  backend = await startTestBackend();
  // The seeded Open enquiries would be missed mid-file (the demo's wait limit), taking one
  // off "waiting now" just as a test adds one: the world holds still for the counts.
  const { token } = await login(backend.url, 'demo', 'ada@demo.test');
  await gqlData(
    backend.url,
    'mutation { updateTenantSettings(waitWarningSeconds: 3600, waitLimitSeconds: 7200) { waitLimitSeconds } }',
    {},
    token,
  );
});

afterAll(async () => {
  for (const r of sessions) await r.session.signOut().catch(() => undefined);
  await backend?.stop();
});

async function signedIn(email: string): Promise<RecordingSession> {
  const r = recordingSession(backend.url);
  sessions.push(r);
  return signInLive(r, email);
}

describe('live metrics over IPC', () => {
  it('pushes a snapshot after sign-in and a new one when an enquiry starts waiting; metrics/get answers the latest', async () => {
    const ada = await signedIn('ada@demo.test');
    await until(() => ada.of('metrics/live').length > 0, 'first snapshot');
    const first = ada.of('metrics/live').at(-1)!;
    expect(first.agents.length).toBeGreaterThan(0);
    expect(first.waitingSeries.length).toBeGreaterThan(1);

    await visitorStartsEnquiry(backend.url, 'Metrics Visitor');
    await until(
      () => (ada.of('metrics/live').at(-1)?.waitingNow ?? 0) === first.waitingNow + 1,
      'waitingNow raised live',
    );
    const handle = createRequestHandler(ada.session);
    const latest = await handle('metrics/get', {});
    expect(latest.ok && (latest.value as LiveMetrics).waitingNow).toBe(first.waitingNow + 1);
  });

  it('an agent gets no metrics stream and is refused the figures', async () => {
    const grace = await signedIn('grace@demo.test');
    const refused = await createRequestHandler(grace.session)('metrics/get', {});
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.code).toBe('FORBIDDEN');
    expect(grace.of('metrics/live')).toEqual([]);
  });

  it('lists an open help request with its enquiry and agent', async () => {
    const ada = await signedIn('ada@demo.test');
    const graceLogin = await login(backend.url, 'demo', 'grace@demo.test');
    const { id } = await enquiryHandledBy(backend.url, graceLogin, 'Help List Visitor');
    await gqlData(
      backend.url,
      'mutation ($id: ID!) { requestAssistance(enquiryId: $id, note: "Stuck") }',
      { id },
      graceLogin.token,
    );
    const listed = await createRequestHandler(ada.session)('helpRequests/list', {});
    if (!listed.ok) throw new Error(listed.error.message);
    const mine = (listed.value as OpenHelpRequest[]).filter((h) => h.enquiry.id === id);
    expect(mine.map((h) => ({ visitor: h.enquiry.visitor.name, agent: h.agent.name, note: h.note }))).toEqual(
      [{ visitor: 'Help List Visitor', agent: 'Grace Hopper', note: 'Stuck' }],
    );
  });

  it('a feed whose socket drops resumes with a fresh snapshot', async () => {
    const { token } = await login(backend.url, 'demo', 'ada@demo.test');
    const client = new BackendClient({
      backendUrl: backend.url,
      accessToken: async () => token,
      onTokenRejected: () => undefined,
      onStatus: () => undefined,
      backoff: { baseMs: 50, maxMs: 200 },
    });
    const snapshots: LiveMetrics[] = [];
    const feed = new LiveMetricsFeed({
      client,
      onSnapshot: (m) => snapshots.push(m),
      backoff: { baseMs: 50, maxMs: 200 },
    });
    try {
      feed.start();
      await until(() => snapshots.length > 0, 'first snapshot');
      // The count as committed now: the first snapshot may predate the previous test's last
      // change by the hub's 100 ms gap (the change's own snapshot follows it).
      const overview = await gqlData<{ enquiryOverview: { totalCount: number } }>(
        backend.url,
        '{ enquiryOverview(column: OPEN, first: 1) { totalCount } }',
        {},
        token,
      );
      const before = overview.enquiryOverview.totalCount;
      await until(() => snapshots.at(-1)?.waitingNow === before, 'the snapshot to settle');
      client.reconnect();
      await visitorStartsEnquiry(backend.url, 'After Drop Visitor');
      await until(() => snapshots.at(-1)?.waitingNow === before + 1, 'snapshot after the drop');
      expect(feed.latest?.waitingNow).toBe(before + 1);
    } finally {
      feed.stop();
      await client.dispose();
    }
  });
});
