import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startBackend } from '../../backend/index';
import {
  collect,
  enquiryByVisitor,
  gqlData,
  login,
  startTestBackend,
  wsClient,
} from '../support/backend-client';

describe('embedded data survives a restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'enquiry-backend-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps enquiries, messages and the event sequence, and does not seed the demo twice', async () => {
    const first = await startBackend({ port: 0, dataDir: dir, demo: true, simulator: false, quiet: true });
    const ada = await login(first.url, 'demo', 'ada@demo.test');
    const enquiry = await enquiryByVisitor(first.url, ada.token, 'HANDLING', 'Hannah Schmidt');
    const joined = await gqlData(
      first.url,
      `mutation ($id: ID!) { joinEnquiry(enquiryId: $id) { cursor } }`,
      { id: enquiry.id },
      ada.token,
    );
    const before = (
      await gqlData(first.url, `{ enquiryOverview(column: HANDLING) { totalCount } }`, {}, ada.token)
    ).enquiryOverview;
    await first.stop();

    const second = await startBackend({ port: 0, dataDir: dir, demo: true, simulator: false, quiet: true });
    try {
      const again = await login(second.url, 'demo', 'ada@demo.test');
      const after = (
        await gqlData(
          second.url,
          `{ enquiryOverview(column: HANDLING) { totalCount boardCursor } }`,
          {},
          again.token,
        )
      ).enquiryOverview;
      expect(after.totalCount).toBe(before.totalCount);
      expect(after.boardCursor).toBe(joined.joinEnquiry.cursor);
      const room = await gqlData(
        second.url,
        `query ($id: ID!) { room(enquiryId: $id) { viewer { isParticipant } } }`,
        { id: enquiry.id },
        again.token,
      );
      expect(room.room.viewer.isParticipant).toBe(true);
    } finally {
      await second.stop();
    }
  });
});

describe('wait limit', () => {
  it('warns admins at the threshold and turns an Open enquiry Missed at the limit', async () => {
    const backend = await startTestBackend({ sweepIntervalMs: 100 });
    try {
      const ada = await login(backend.url, 'demo', 'ada@demo.test');
      const grace = await login(backend.url, 'demo', 'grace@demo.test');
      const tooShort = await import('../support/backend-client').then(({ gql }) =>
        gql(
          backend.url,
          `mutation { updateTenantSettings(waitLimitSeconds: 6, waitWarningSeconds: 9) { waitLimitSeconds } }`,
          {},
          ada.token,
        ),
      );
      expect(tooShort.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const agentTry = await import('../support/backend-client').then(({ gql }) =>
        gql(
          backend.url,
          `mutation { updateTenantSettings(waitLimitSeconds: 6) { waitLimitSeconds } }`,
          {},
          grace.token,
        ),
      );
      expect(agentTry.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const cursor = (
        await gqlData(
          backend.url,
          `{ enquiryOverview(column: OPEN, first: 1) { boardCursor } }`,
          {},
          ada.token,
        )
      ).enquiryOverview.boardCursor;
      const client = wsClient(backend.url, () => ada.token);
      const toasts = collect(
        client,
        `subscription ($after: String) { notifications(after: $after) { kind enquiryId body } }`,
        { after: cursor },
        (d) => d.notifications,
      );
      const agentClient = wsClient(backend.url, () => grace.token);
      const agentToasts = collect(
        agentClient,
        `subscription ($after: String) { notifications(after: $after) { kind } }`,
        { after: cursor },
        (d) => d.notifications,
      );
      await gqlData(
        backend.url,
        `mutation { updateTenantSettings(waitLimitSeconds: 6, waitWarningSeconds: 5) { waitLimitSeconds } }`,
        {},
        ada.token,
      );
      const started = await gqlData(
        backend.url,
        `mutation { startEnquiry(tenant: "demo", visitorName: "Patient Pat") { enquiry { id } } }`,
      );
      const id = started.startEnquiry.enquiry.id;
      // The three seeded Open enquiries and Pat's: each warns, then is missed.
      await toasts.until(8, 20_000);
      const pat = toasts.items.filter((t) => t.enquiryId === id).map((t) => t.kind);
      expect(pat).toEqual(['WAIT_WARNING', 'ENQUIRY_MISSED']);
      const warning = toasts.items.find((t) => t.enquiryId === id && t.kind === 'WAIT_WARNING');
      expect(warning.body).toMatch(/^Patient Pat has been waiting \d+ s\.$/);
      const missed = await enquiryByVisitor(backend.url, ada.token, 'MISSED', 'Patient Pat');
      expect(missed.status).toBe('MISSED');
      // The wait stops when the enquiry is missed; picking it up later clears the end again.
      const ended = `query ($id: ID!) { room(enquiryId: $id) { enquiry { status waitingSince closedAt } } }`;
      const asMissed = (await gqlData(backend.url, ended, { id }, ada.token)).room.enquiry;
      expect(Date.parse(asMissed.closedAt)).toBeGreaterThanOrEqual(Date.parse(asMissed.waitingSince) + 6_000);
      await gqlData(
        backend.url,
        `mutation ($id: ID!) { pickUpEnquiry(enquiryId: $id) { cursor } }`,
        { id },
        grace.token,
      );
      const pickedUp = (await gqlData(backend.url, ended, { id }, ada.token)).room.enquiry;
      expect(pickedUp).toMatchObject({ status: 'HANDLING', closedAt: null });
      expect(agentToasts.items).toEqual([]);
      toasts.dispose();
      agentToasts.dispose();
      await client.dispose();
      await agentClient.dispose();
    } finally {
      await backend.stop();
    }
  });
});
