/**
 * Refreshing an open room is a read. The first opening of a room by a monitoring
 * administrator takes this window's monitor lease (`monitorEnquiry`); every later opening
 * while its stream runs (the renderer refreshing the monitor panel after a join, a
 * take-over, a call) is the `room` query, and the room stream keeps the lease alive, so
 * the administrator stays listed as monitoring for as long as the room is open.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningBackend } from '../../backend/index';
import { startTestBackend } from '../support/backend-client';
import { BackendClient } from '../../main/core/graphql-client';
import {
  accessTokenOf,
  gql,
  monitorsOf,
  PASSWORD,
  recordingSession,
  until,
  visitorStartsEnquiry,
  signInLive,
} from './helpers';

let backend: RunningBackend;
let alan: string;

beforeAll(async () => {
  backend = await startTestBackend({ monitorLeaseTtlMs: 600 });
  alan = await accessTokenOf(backend.url, 'alan@demo.test');
});

afterAll(async () => {
  await backend?.stop();
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** Which operations the console sent, by their root field. */
function watchOperations() {
  const sent: string[] = [];
  const record = (document: string) => {
    const field = /\{\s*(\w+)/.exec(document.slice(document.indexOf('{')))?.[1] ?? '?';
    sent.push(field);
  };
  const mutate = BackendClient.prototype.mutate;
  const query = BackendClient.prototype.query;
  vi.spyOn(BackendClient.prototype, 'mutate').mockImplementation(function (
    this: BackendClient,
    document,
    variables,
  ) {
    record(document);
    return mutate.call(this, document, variables) as never;
  });
  vi.spyOn(BackendClient.prototype, 'query').mockImplementation(function (
    this: BackendClient,
    document,
    variables,
  ) {
    record(document);
    return query.call(this, document, variables) as never;
  });
  return {
    sent,
    clear: () => sent.splice(0),
  };
}

const signedInAda = () => signInLive(recordingSession(backend.url), 'ada@demo.test');

describe('refreshing an open room', () => {
  it('monitors on the first opening only; refreshes are queries and the admin stays listed', async () => {
    const { id } = await visitorStartsEnquiry(backend.url, 'Refreshing Rhea');
    const ada = await signedInAda();
    const operations = watchOperations();

    const opened = await ada.session.openRoom(id);
    expect(opened.viewer.isMonitoring).toBe(true);
    expect(operations.sent).toEqual(['monitorEnquiry']);
    operations.clear();

    // Another admin starts and stops watching (events the renderer refreshes the room on).
    await gql(
      backend.url,
      `mutation ($id: ID!) { monitorEnquiry(enquiryId: $id, monitorKey: "alan-window") { cursor } }`,
      { id },
      alan,
    );
    for (let i = 0; i < 3; i++) {
      const refreshed = await ada.session.openRoom(id);
      expect(refreshed.viewer.isMonitoring).toBe(true);
      expect(refreshed.enquiry.monitors.map((m) => m.name)).toContain('Ada Lovelace');
    }
    expect(operations.sent).toEqual(['room', 'room', 'room']);

    // Alan's lease, with no room stream, runs out: a lease period has passed. Ada's room
    // stream has renewed hers all along, with refreshes that wrote nothing.
    await until(
      async () => !(await monitorsOf(backend.url, alan, id)).includes('alan@demo.test'),
      "Alan's lease to run out",
    );
    expect(await monitorsOf(backend.url, alan, id)).toEqual(['ada@demo.test']);
    expect((await ada.session.openRoom(id)).viewer.isMonitoring).toBe(true);
    expect(operations.sent.filter((field) => field === 'monitorEnquiry')).toEqual([]);

    // Closed, the room stops being monitored; opened again, it is monitored again.
    await ada.session.closeRoom(id);
    expect(await monitorsOf(backend.url, alan, id)).toEqual([]);
    operations.clear();
    expect((await ada.session.openRoom(id)).viewer.isMonitoring).toBe(true);
    expect(operations.sent).toEqual(['monitorEnquiry']);
    expect(await monitorsOf(backend.url, alan, id)).toEqual(['ada@demo.test']);
    await ada.session.signOut();
  });

  it('reads an agent’s room with the query every time', async () => {
    const { id } = await visitorStartsEnquiry(backend.url, 'Agent Room Arlo');
    const graceToken = await accessTokenOf(backend.url, 'grace@demo.test');
    await gql(
      backend.url,
      `mutation ($id: ID!) { pickUpEnquiry(enquiryId: $id) { cursor } }`,
      { id },
      graceToken,
    );
    const grace = recordingSession(backend.url);
    await grace.session.signIn({ tenant: 'demo', email: 'grace@demo.test', password: PASSWORD });
    const operations = watchOperations();
    await grace.session.openRoom(id);
    await grace.session.openRoom(id);
    expect(operations.sent).toEqual(['room', 'room']);
    await grace.session.signOut();
  });
});
