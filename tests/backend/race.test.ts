import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../../backend/index';
import {
  enquiryByVisitor,
  errorCode,
  gql,
  gqlData,
  login,
  startTestBackend,
  type Session,
} from '../support/backend-client';
import { freshDatabase, REDIS_URL } from '../support/postgres';

const TAKE_OVER = `mutation ($id: ID!, $key: String, $v: Int) {
  takeOverEnquiry(enquiryId: $id, idempotencyKey: $key, expectedVersion: $v) { enquiry { owner { id } } messages(last: 50) { text } }
}`;

/** N concurrent take-overs of one enquiry, spread over the given instances and admins. */
async function race(urls: string[], admins: Session[], enquiryId: string, n: number, version?: number) {
  const attempts = Array.from({ length: n }, (_, i) =>
    gql(
      urls[i % urls.length] as string,
      TAKE_OVER,
      { id: enquiryId, key: `race-${enquiryId}-${i}`, v: version },
      admins[i % admins.length]?.token,
    ),
  );
  const results = await Promise.all(attempts);
  return {
    winners: results.filter((r) => !r.errors && r.data),
    conflicts: results.filter((r) => errorCode(r) === 'CONFLICT'),
    others: results.filter((r) => r.errors && errorCode(r) !== 'CONFLICT'),
  };
}

describe('take-over race on the embedded store', () => {
  let backend: RunningBackend;
  let admins: Session[];

  beforeAll(async () => {
    backend = await startTestBackend();
    admins = await Promise.all([
      login(backend.url, 'demo', 'ada@demo.test'),
      login(backend.url, 'demo', 'alan@demo.test'),
    ]);
  });
  afterAll(() => backend?.stop());

  it('lets exactly one of 24 concurrent take-overs win; the rest get CONFLICT naming the owner', async () => {
    const enquiry = await enquiryByVisitor(backend.url, admins[0]!.token, 'HANDLING', 'Tomasz Nowak');
    const { winners, conflicts, others } = await race([backend.url], admins, enquiry.id, 24, enquiry.version);
    expect(others).toEqual([]);
    expect(winners).toHaveLength(1);
    expect(conflicts).toHaveLength(23);
    const owner = winners[0]!.data!.takeOverEnquiry.enquiry.owner.id;
    for (const refused of conflicts)
      expect((refused.errors?.[0]?.extensions?.['owner'] as { id: string }).id).toBe(owner);
    const texts = winners[0]!.data!.takeOverEnquiry.messages.map((m: { text: string }) => m.text);
    expect(texts.filter((t: string) => t.includes('took over'))).toHaveLength(1);
  });

  it('without expectedVersion, still exactly one admin wins', async () => {
    const enquiry = await enquiryByVisitor(backend.url, admins[0]!.token, 'HANDLING', 'Nora Lindqvist');
    const { winners, conflicts } = await race([backend.url], admins, enquiry.id, 20);
    // Both admins race; one wins, and the other admin's attempts see an admin owner: CONFLICT.
    expect(winners).toHaveLength(1);
    expect(conflicts).toHaveLength(19);
  });
});

describe('scale-out: two instances on PostgreSQL and Redis', () => {
  let db: { url: string; drop: () => Promise<void> };
  let a: RunningBackend;
  let b: RunningBackend;

  beforeAll(async () => {
    db = await freshDatabase();
    // Both instances seed the demo world at once: the seed must happen exactly once.
    [a, b] = await Promise.all([
      startTestBackend({ inMemory: false, databaseUrl: db.url, redisUrl: REDIS_URL }),
      startTestBackend({ inMemory: false, databaseUrl: db.url, redisUrl: REDIS_URL }),
    ]);
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await db?.drop();
  });

  it('runs on PostgreSQL and Redis and seeds the demo world once', async () => {
    expect(a.mode).toEqual({ store: 'postgres', pubsub: 'redis' });
    const ada = await login(a.url, 'demo', 'ada@demo.test');
    const handling = await gqlData(
      a.url,
      `{ enquiryOverview(column: HANDLING) { totalCount } }`,
      {},
      ada.token,
    );
    expect(handling.enquiryOverview.totalCount).toBe(12);
    const ready = await fetch(a.url.replace('/graphql', '/readyz'));
    expect(ready.status).toBe(200);
  });

  it('lets exactly one of 30 take-overs spread over both instances win', async () => {
    const admins = await Promise.all([
      login(a.url, 'demo', 'ada@demo.test'),
      login(b.url, 'demo', 'alan@demo.test'),
    ]);
    const enquiry = await enquiryByVisitor(a.url, admins[0]!.token, 'HANDLING', 'Chloe Martin');
    const { winners, conflicts, others } = await race(
      [a.url, b.url],
      admins,
      enquiry.id,
      30,
      enquiry.version,
    );
    expect(others).toEqual([]);
    expect(winners).toHaveLength(1);
    expect(conflicts).toHaveLength(29);
  });

  it('delivers an event committed on one instance to a subscriber on the other', async () => {
    const { collect, wsClient } = await import('../support/backend-client');
    const ada = await login(b.url, 'demo', 'ada@demo.test');
    const cursor = (
      await gqlData(b.url, `{ enquiryOverview(column: OPEN, first: 1) { boardCursor } }`, {}, ada.token)
    ).enquiryOverview.boardCursor as string;
    const client = wsClient(b.url, () => ada.token);
    const board = collect(
      client,
      `subscription ($after: String) { boardEvents(after: $after) { seq enquiry { visitor { name } } } }`,
      { after: cursor },
      (d) => d.boardEvents,
    );
    for (let i = 0; i < 6; i++) {
      await gqlData(
        i % 2 ? a.url : b.url,
        `mutation ($n: String!) { startEnquiry(tenant: "demo", visitorName: $n) { enquiry { id } } }`,
        { n: `Scale ${i}` },
      );
    }
    await board.until(6);
    expect(board.items.map((e) => e.enquiry.visitor.name)).toEqual([
      'Scale 0',
      'Scale 1',
      'Scale 2',
      'Scale 3',
      'Scale 4',
      'Scale 5',
    ]);
    const seqs = board.items.map((e) => e.seq as number);
    expect(seqs).toEqual(seqs.map((_, i) => Number(cursor) + 1 + i));
    board.dispose();
    await client.dispose();
  });
});
