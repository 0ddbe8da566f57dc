import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../../backend/index';
import { refusal } from '../../backend/domain/errors';
import { writeForTenant } from '../../backend/domain/tenant-write';
import { readEventsAfter, currentSeq } from '../../backend/events/event-log';
import { freshDatabase, type FreshDatabase } from '../support/postgres';
import { enquiryByVisitor, gql, gqlData, login, startTestBackend } from '../support/backend-client';

/**
 * Group commit (backend/domain/write-batch.ts): writes queued together share one
 * transaction, yet each is settled on its own. These tests queue writes in the same tick
 * so that they land in one batch.
 */

const SEND = `mutation ($id: ID!, $text: String!, $key: String) {
  sendMessage(enquiryId: $id, text: $text, idempotencyKey: $key) { id seq text }
}`;

function batchSuite(
  name: string,
  open: () => Promise<{ backend: RunningBackend; done: () => Promise<void> }>,
): void {
  describe(`write batches (${name})`, () => {
    let backend: RunningBackend;
    let done: () => Promise<void>;

    beforeAll(async () => {
      ({ backend, done } = await open());
    });
    afterAll(async () => {
      await done();
    });

    const marker = (n: number) => async (write: Parameters<Parameters<typeof writeForTenant>[2]>[0]) => {
      const event = await write.append('WAIT_WARNING', enquiryIdOf, null);
      return { n, seq: event.seq };
    };
    let enquiryIdOf = '';

    it('settles each write of a batch on its own: a refusal fails alone, the rest commit in order', async () => {
      const admin = await login(backend.url, 'demo', 'ada@demo.test');
      enquiryIdOf = (await enquiryByVisitor(backend.url, admin.token, 'OPEN', 'Emma Wilson')).id;
      const deps = backend.services;
      const before = await currentSeq(deps.store, 'demo');
      const settled = await Promise.allSettled([
        writeForTenant(deps, 'demo', marker(1)),
        writeForTenant(deps, 'demo', async () => {
          throw refusal('INVALID_STATE', 'refused before any change');
        }),
        writeForTenant(deps, 'demo', marker(3)),
        writeForTenant(deps, 'demo', async (write) => {
          await write.append('WAIT_WARNING', enquiryIdOf, null);
          throw refusal('CONFLICT', 'refused after a change');
        }),
        writeForTenant(deps, 'demo', marker(5)),
      ]);
      expect(settled.map((s) => s.status)).toEqual([
        'fulfilled',
        'rejected',
        'fulfilled',
        'rejected',
        'fulfilled',
      ]);
      const reasons = settled.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []));
      expect(reasons).toEqual([
        expect.stringContaining('before any change'),
        expect.stringContaining('after a change'),
      ]);
      const seqs = settled.flatMap((s) =>
        s.status === 'fulfilled' ? [(s.value as { seq: number }).seq] : [],
      );
      // The three that went ahead hold the next three positions, in queue order; the event of
      // the write taken back is not in the log.
      expect(seqs).toEqual([before + 1, before + 2, before + 3]);
      expect(await currentSeq(deps.store, 'demo')).toBe(before + 3);
      const logged = await readEventsAfter(deps.store, 'demo', before, 10);
      expect(logged.map((e) => e.seq)).toEqual(seqs);
    });

    it('answers a retried message key in the same batch with the first message, once', async () => {
      const agent = await login(backend.url, 'demo', 'grace@demo.test');
      const handling = await gqlData<{
        enquiryOverview: { edges: { node: { id: string; owner: { id: string } | null } }[] };
      }>(
        backend.url,
        `{ enquiryOverview(column: HANDLING, first: 50) { edges { node { id owner { id } } } } }`,
        {},
        agent.token,
      );
      const own = handling.enquiryOverview.edges.find((e) => e.node.owner?.id === agent.staffId);
      if (!own) throw new Error('grace owns no Handling enquiry in the demo world');
      const variables = { id: own.node.id, text: 'Said once', key: 'batch-retry-0001' };
      const answers = await Promise.all(
        [1, 2, 3].map(() =>
          gql<{ sendMessage: { id: string; seq: number } }>(backend.url, SEND, variables, agent.token),
        ),
      );
      const ids = new Set(answers.map((a) => a.data?.sendMessage.id));
      expect(answers.every((a) => !a.errors)).toBe(true);
      expect(ids.size).toBe(1);
      const room = await gqlData<{ room: { messages: { text: string }[] } }>(
        backend.url,
        `query ($id: ID!) { room(enquiryId: $id) { messages(last: 20) { text } } }`,
        { id: own.node.id },
        agent.token,
      );
      expect(room.room.messages.filter((m) => m.text === 'Said once')).toHaveLength(1);
    });
  });
}

batchSuite('embedded', async () => {
  const backend = await startTestBackend();
  return { backend, done: () => backend.stop() };
});

let database: FreshDatabase | null = null;
batchSuite('PostgreSQL', async () => {
  database = await freshDatabase();
  const backend = await startTestBackend({ inMemory: false, databaseUrl: database.url });
  return {
    backend,
    done: async () => {
      await backend.stop();
      await database?.drop();
    },
  };
});
