/**
 * Per staff member limits on mutations that reach other people (issue 11, defect 5):
 * requestAssistance (a toast for every administrator), monitor toggling, calls, presence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../../backend/index';
import { MUTATION_LIMITS } from '../../backend/auth/mutation-limits';
import {
  collect,
  errorCode,
  gql,
  gqlData,
  login,
  startTestBackend,
  wsClient,
  type GraphqlResponse,
  type Session,
} from '../support/backend-client';
import { until } from '../support/until';

const NOTIFICATIONS = `subscription ($after: String) { notifications(after: $after) { kind enquiryId actor { name } } }`;
const ASSIST = `mutation ($id: ID!) { requestAssistance(enquiryId: $id, note: "please") }`;

let backend: RunningBackend;
let url: string;
let ada: Session;
let alan: Session;
let grace: Session;
let linus: Session;

/** A new enquiry picked up by `agent`: one they own, in Handling. */
async function ownedBy(agent: Session, visitorName: string): Promise<string> {
  const started = await gqlData(
    url,
    `mutation ($name: String!) { startEnquiry(tenant: "demo", visitorName: $name) { enquiry { id } } }`,
    { name: visitorName },
  );
  const id = started.startEnquiry.enquiry.id as string;
  await gqlData(url, `mutation ($id: ID!) { pickUpEnquiry(enquiryId: $id) { cursor } }`, { id }, agent.token);
  return id;
}

const codes = (results: GraphqlResponse<unknown>[]): Record<string, number> => {
  const tally: Record<string, number> = {};
  for (const result of results) {
    const code = errorCode(result) ?? 'OK';
    tally[code] = (tally[code] ?? 0) + 1;
  }
  return tally;
};

function expectReadable(results: GraphqlResponse<unknown>[], what: RegExp): void {
  const refused = results.filter((r) => errorCode(r) === 'RATE_LIMITED');
  expect(refused.length).toBeGreaterThan(0);
  for (const result of refused) {
    expect(result.errors?.[0]?.message).toMatch(what);
    expect(result.errors?.[0]?.message).toMatch(/Try again in \d+ seconds?\.$/);
    expect(Number(result.errors?.[0]?.extensions?.['retryAfterSeconds'])).toBeGreaterThanOrEqual(1);
  }
}

beforeAll(async () => {
  backend = await startTestBackend();
  url = backend.url;
  [ada, alan, grace, linus] = await Promise.all([
    login(url, 'demo', 'ada@demo.test'),
    login(url, 'demo', 'alan@demo.test'),
    login(url, 'demo', 'grace@demo.test'),
    login(url, 'demo', 'linus@demo.test'),
  ]);
});
afterAll(() => backend?.stop());

describe('mutation limits per staff member', () => {
  it('cuts a flood of requestAssistance off at the limit, and an administrator gets that many toasts at most', async () => {
    const flooded = await ownedBy(grace, 'Flood Florence');
    const sentinel = await ownedBy(linus, 'Sentinel Sam');
    const cursor = (
      await gqlData(url, `{ enquiryOverview(column: OPEN, first: 1) { boardCursor } }`, {}, ada.token)
    ).enquiryOverview.boardCursor;
    const client = wsClient(url, () => ada.token);
    const toasts = collect(client, NOTIFICATIONS, { after: cursor }, (d) => d.notifications);
    try {
      const flood = await Promise.all(
        Array.from({ length: 300 }, () => gql(url, ASSIST, { id: flooded }, grace.token)),
      );
      const tally = codes(flood);
      expect(tally['OK'] ?? 0).toBeGreaterThan(0);
      expect(tally['OK'] ?? 0).toBeLessThanOrEqual(MUTATION_LIMITS.assistance.points);
      expect(tally['RATE_LIMITED']).toBe(300 - (tally['OK'] ?? 0));
      expectReadable(flood, /^Too many requests for help: at most 10 in a minute\./);

      // Linus asks once afterwards (his own budget): once his toast is in, every earlier one is too.
      await gqlData(url, ASSIST, { id: sentinel }, linus.token);
      await until(
        () => toasts.items.some((t) => t.enquiryId === sentinel),
        "Linus's request for help as a toast",
      );
      const fromFlood = toasts.items.filter(
        (t) => t.kind === 'ASSISTANCE_REQUESTED' && t.enquiryId === flooded,
      );
      expect(fromFlood.length).toBe(tally['OK']);
      expect(fromFlood.length).toBeLessThanOrEqual(MUTATION_LIMITS.assistance.points);
    } finally {
      toasts.dispose();
      await client.dispose();
    }
  });

  it('limits monitor toggling per administrator, leaving another administrator and other mutations alone', async () => {
    const id = await ownedBy(grace, 'Toggled Tom');
    const stop = `mutation ($id: ID!) { stopMonitoring(enquiryId: $id) }`;
    const total = MUTATION_LIMITS.monitoring.points + 10;
    const flood = await Promise.all(Array.from({ length: total }, () => gql(url, stop, { id }, alan.token)));
    expect(codes(flood)).toEqual({ OK: MUTATION_LIMITS.monitoring.points, RATE_LIMITED: 10 });
    expectReadable(flood, /^Too many monitor starts and stops: at most 120 in a minute\./);
    const monitor = `mutation ($id: ID!) { monitorEnquiry(enquiryId: $id) { viewer { isMonitoring } } }`;
    expect(errorCode(await gql(url, monitor, { id }, alan.token))).toBe('RATE_LIMITED');
    // Ada's budget is her own; Alan may still do other things.
    expect((await gqlData(url, monitor, { id }, ada.token)).monitorEnquiry.viewer.isMonitoring).toBe(true);
    expect(
      errorCode(await gql(url, `mutation { setPresence(presence: AWAY) { id } }`, {}, alan.token)),
    ).toBeNull();
  });

  it('limits call starts and ends, and presence changes', async () => {
    const id = await ownedBy(linus, 'Calling Cora');
    const calls = await Promise.all(
      Array.from({ length: MUTATION_LIMITS.calls.points + 5 }, (_, i) =>
        gql(
          url,
          i % 2
            ? `mutation ($id: ID!) { endCall(enquiryId: $id) { id } }`
            : `mutation ($id: ID!) { startCall(enquiryId: $id, kind: ONE_TO_ONE) { id } }`,
          { id },
          linus.token,
        ),
      ),
    );
    const tally = codes(calls);
    expect(tally['RATE_LIMITED']).toBe(5);
    expect(calls.length - 5).toBe(MUTATION_LIMITS.calls.points);
    expectReadable(calls, /^Too many call starts and ends: at most 60 in a minute\./);

    const presence = await Promise.all(
      Array.from({ length: MUTATION_LIMITS.presence.points + 3 }, (_, i) =>
        gql(
          url,
          `mutation ($p: Presence!) { setPresence(presence: $p) { id } }`,
          { p: i % 2 ? 'AWAY' : 'ONLINE' },
          grace.token,
        ),
      ),
    );
    expect(codes(presence)).toEqual({ OK: MUTATION_LIMITS.presence.points, RATE_LIMITED: 3 });
    expectReadable(presence, /^Too many presence changes: at most 30 in a minute\./);
  });
});
