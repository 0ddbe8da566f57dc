import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../../backend/index';
import { pickUpEnquiry } from '../../backend/domain/handling';
import { startEnquiry } from '../../backend/domain/visitors';
import { DOCUMENT_LIMITS } from '../../backend/graphql/document-limits';
import type { StaffPrincipal } from '../../backend/domain/types';
import { ENQUIRY_OVERVIEW } from '../../shared/graphql/documents';
import {
  errorCode,
  gql,
  login,
  overSocket,
  startTestBackend,
  wsClient,
  type Session,
} from '../support/backend-client';

/** Issue 11, defect 2: limits count variables' values; ordinary pages pass, abuse does not. */

let backend: RunningBackend;
let url: string;
let grace: Session;
let ada: Session;
let ws: Client;

const PAGE = `query ($n: Int) { enquiryOverview(column: HANDLING, first: $n) {
  edges { cursor node { id visitor { name } owner { id name email role } participants { id name email role } monitors { id name } } }
  pageInfo { hasNextPage endCursor } totalCount } }`;

beforeAll(async () => {
  backend = await startTestBackend();
  url = backend.url;
  [grace, ada] = await Promise.all([
    login(url, 'demo', 'grace@demo.test'),
    login(url, 'demo', 'ada@demo.test'),
  ]);
  // At least 100 enquiries in Handling, so that a page of 100 is a real one.
  const principal = (await backend.services.tokens.verify(grace.token)) as StaffPrincipal;
  const agent = await backend.services.actors.actorOf(principal);
  for (let i = 0; i < 100; i += 20) {
    await Promise.all(
      Array.from({ length: 20 }, async (_, j) => {
        const session = await startEnquiry(backend.services, backend.services.tokens, {
          tenant: 'demo',
          visitorName: `Paged visitor ${i + j}`,
          text: 'Hello',
        });
        await pickUpEnquiry(backend.services, agent, session.enquiry.id);
      }),
    );
  }
  ws = wsClient(url, () => ada.token);
}, 60_000);

afterAll(async () => {
  await ws?.dispose();
  await backend?.stop();
});

describe('page size and cost with variables', () => {
  it('refuses first: $n = 1000 as it refuses first: 1000, saying the maximum', async () => {
    const literal = await gql(
      url,
      PAGE.replace('($n: Int)', '').replace('first: $n', 'first: 1000'),
      {},
      grace.token,
    );
    const variable = await gql(url, PAGE, { n: 1000 }, grace.token);
    const byDefault = await gql(url, PAGE.replace('$n: Int', '$n: Int = 1000'), {}, grace.token);
    for (const result of [literal, variable, byDefault]) {
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toContain(`at most ${DOCUMENT_LIMITS.pageSize}`);
      expect(result.data ?? null).toBeNull();
    }
  });

  it('refuses the same over graphql-ws', async () => {
    const result = await overSocket(ws, PAGE, { n: 1000 });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain(`at most ${DOCUMENT_LIMITS.pageSize}`);
  });

  it('serves a page of 100 Handling enquiries with owner, participants, monitors and visitor (the console’s own document too)', async () => {
    const result = await gql<{ enquiryOverview: { edges: unknown[] } }>(url, PAGE, { n: 100 }, grace.token);
    expect(result.errors).toBeUndefined();
    expect(result.data?.enquiryOverview.edges).toHaveLength(100);
    const consoles = await gql<{ enquiryOverview: { edges: unknown[] } }>(
      url,
      ENQUIRY_OVERVIEW,
      { column: 'HANDLING', first: 100, after: null, filter: null },
      ada.token,
    );
    expect(consoles.errors).toBeUndefined();
    expect(consoles.data?.enquiryOverview.edges).toHaveLength(100);
  });

  it('refuses expensive shapes within the page size, saying the limit and how to stay under it', async () => {
    const perParticipantReads = `query ($n: Int) { enquiryOverview(column: HANDLING, first: $n) {
      edges { node { id participants { id presence tenant { id name } } } } } }`;
    const aliases = `query ($n: Int) { ${Array.from(
      { length: 6 },
      (_, i) => `p${i}: enquiryOverview(column: HANDLING, first: $n) {
      edges { node { id owner { id } participants { id } monitors { id } } } }`,
    ).join('\n')} }`;
    for (const query of [perParticipantReads, aliases]) {
      const result = await gql(url, query, { n: 100 }, grace.token);
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      const message = result.errors?.[0]?.message ?? '';
      expect(message).toContain('over the limit of 5,000');
      expect(message).toMatch(/fewer items per page \(first\)/);
      expect(message).not.toMatch(/Syntax Error/);
      // The same document with a small page is an ordinary request.
      expect((await gql(url, query, { n: 5 }, grace.token)).errors).toBeUndefined();
    }
  });

  it('answers three concurrent $n = 1000 requests from an agent with refusals, not work', async () => {
    const results = await Promise.all([1, 2, 3].map(() => gql(url, PAGE, { n: 1000 }, grace.token)));
    expect(results.map(errorCode)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT']);
  });
});

describe('document limits say what the limit is', () => {
  it('tokens, depth and aliases: the limit and what to do, never "Syntax Error"', async () => {
    const tokens = await gql(url, `{ ${'me { id } '.repeat(1100)} }`, {}, grace.token);
    expect(errorCode(tokens)).toBe('BAD_USER_INPUT');
    expect(tokens.errors?.[0]?.message).toMatch(/more than 4,000 tokens.*Send a shorter document/);
    const aliases = await gql(
      url,
      `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: me { id }`).join(' ')} }`,
      {},
      grace.token,
    );
    expect(errorCode(aliases)).toBe('BAD_USER_INPUT');
    expect(aliases.errors?.[0]?.message).toMatch(/uses 20 aliases; the limit is 15/);
    // No real path of the schema nests 12 deep; the depth rule reads the document alone.
    const deep = await gql(url, `{ me ${'{ tenant '.repeat(11)}{ id }${' }'.repeat(11)} }`, {}, grace.token);
    expect(errorCode(deep)).toBe('BAD_USER_INPUT');
    expect(deep.errors?.map((e) => e.message)).toContainEqual(
      expect.stringMatching(/nests 13 levels deep; the depth limit is 10/),
    );
    for (const result of [tokens, aliases, deep]) {
      for (const error of result.errors ?? []) expect(error.message).not.toMatch(/Syntax Error/);
    }
  });
});
