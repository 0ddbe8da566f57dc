import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEnquiry } from '../../backend/domain/visitors';
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

/**
 * Help requests (issue 13, item 3): an agent's "Ask for help" is a lasting record, listed for
 * administrators with its agent, note and age, marked on the enquiry, streamed on the board,
 * and ended (saying how and by whom) when an administrator joins, takes over or dismisses it,
 * or the enquiry closes. Each test works on enquiries of its own in the demo tenant.
 */

const HELP = `id note createdAt updatedAt endedAt endReason agent { name } endedBy { name } enquiry { id visitor { name } }`;
const ASK = `mutation ($id: ID!, $note: String) { requestAssistance(enquiryId: $id, note: $note) }`;
const LIST = `{ helpRequests { ${HELP} } }`;
const MARKER = `query ($id: ID!) { enquiry(id: $id) { id helpRequest { id note agent { name } createdAt } } }`;
const DISMISS = `mutation ($id: ID!) { dismissHelpRequest(id: $id) { ${HELP} } }`;
const AUDIT = `query ($id: ID) { auditTrail(enquiryId: $id, first: 50) { edges { node { action actor { name } enquiryId at detail } } } }`;

let backend: RunningBackend;
let url: string;
let ada: Session;
let alan: Session;
let grace: Session;
let linus: Session;
let basil: Session;
let visitors = 0;

beforeAll(async () => {
  backend = await startTestBackend();
  url = backend.url;
  [ada, alan, grace, linus, basil] = await Promise.all([
    login(url, 'demo', 'ada@demo.test'),
    login(url, 'demo', 'alan@demo.test'),
    login(url, 'demo', 'grace@demo.test'),
    login(url, 'demo', 'linus@demo.test'),
    login(url, 'basic', 'basil@basic.test'),
  ]);
});

afterAll(async () => {
  await backend?.stop();
});

/** A new demo enquiry picked up by `owner`; returns its id and visitor's name. */
async function handledBy(owner: Session): Promise<{ id: string; visitor: string }> {
  const visitor = `Help visitor ${++visitors}`;
  const session = await startEnquiry(backend.services, backend.services.tokens, {
    tenant: 'demo',
    visitorName: visitor,
    text: 'I need help with my order',
  });
  await gqlData(
    url,
    `mutation ($id: ID!) { pickUpEnquiry(enquiryId: $id) { enquiry { id } } }`,
    { id: session.enquiry.id },
    owner.token,
  );
  return { id: session.enquiry.id, visitor };
}

async function openRequests(who: Session = ada): Promise<any[]> {
  return (await gqlData(url, LIST, {}, who.token)).helpRequests;
}

async function auditOf(enquiryId: string): Promise<any[]> {
  const data = await gqlData(url, AUDIT, { id: enquiryId }, ada.token);
  return data.auditTrail.edges.map((e: { node: unknown }) => e.node);
}

describe('a help request', () => {
  it('is listed with agent, note and age, marks the card, streams on the board, and ends when an administrator joins', async () => {
    const { id, visitor } = await handledBy(grace);
    const cursor = (
      await gqlData(url, `query ($id: ID!) { room(enquiryId: $id) { cursor } }`, { id }, ada.token)
    ).room.cursor;
    const socket = wsClient(url, () => ada.token);
    try {
      const board = collect(
        socket,
        `subscription ($after: String) { boardEvents(after: $after) { type actor { name } enquiry { id helpRequest { id note agent { name } } } } }`,
        { after: cursor },
        (d) => d.boardEvents,
      );
      const toasts = collect(
        socket,
        `subscription ($after: String) { notifications(after: $after) { kind enquiryId body } }`,
        { after: cursor },
        (d) => d.notifications,
      );
      const before = Date.now();
      expect(
        (await gqlData(url, ASK, { id, note: 'Customer wants a refund over the limit' }, grace.token))
          .requestAssistance,
      ).toBe(true);

      const listed = (await openRequests()).filter((r) => r.enquiry.id === id);
      expect(listed).toHaveLength(1);
      const request = listed[0];
      expect(request).toMatchObject({
        note: 'Customer wants a refund over the limit',
        agent: { name: 'Grace Hopper' },
        enquiry: { id, visitor: { name: visitor } },
        endedAt: null,
        endedBy: null,
        endReason: null,
      });
      expect(Date.parse(request.createdAt)).toBeGreaterThanOrEqual(before - 1000);
      const marker = (await gqlData(url, MARKER, { id }, ada.token)).enquiry.helpRequest;
      expect(marker).toMatchObject({ id: request.id, agent: { name: 'Grace Hopper' } });

      // Asking again while it is open changes its note: still one request, the same age.
      await gqlData(url, ASK, { id, note: 'Refund of 900 EUR' }, grace.token);
      const again = (await openRequests()).filter((r) => r.enquiry.id === id);
      expect(again).toHaveLength(1);
      expect(again[0]).toMatchObject({
        id: request.id,
        note: 'Refund of 900 EUR',
        createdAt: request.createdAt,
      });

      await gqlData(url, `mutation ($id: ID!) { joinEnquiry(enquiryId: $id) { cursor } }`, { id }, ada.token);
      expect((await openRequests()).filter((r) => r.enquiry.id === id)).toEqual([]);
      expect((await gqlData(url, MARKER, { id }, ada.token)).enquiry.helpRequest).toBeNull();

      // The board carried it all, in order: requested (marker on), asked again, joined, ended (marker off).
      await board.until(4);
      expect(board.items.slice(0, 4)).toEqual([
        {
          type: 'ASSISTANCE_REQUESTED',
          actor: { name: 'Grace Hopper' },
          enquiry: {
            id,
            helpRequest: {
              id: request.id,
              note: 'Customer wants a refund over the limit',
              agent: { name: 'Grace Hopper' },
            },
          },
        },
        {
          type: 'ASSISTANCE_REQUESTED',
          actor: { name: 'Grace Hopper' },
          enquiry: {
            id,
            helpRequest: { id: request.id, note: 'Refund of 900 EUR', agent: { name: 'Grace Hopper' } },
          },
        },
        {
          type: 'ADMIN_JOINED',
          actor: { name: 'Ada Lovelace' },
          enquiry: {
            id,
            helpRequest: { id: request.id, note: 'Refund of 900 EUR', agent: { name: 'Grace Hopper' } },
          },
        },
        { type: 'HELP_REQUEST_ENDED', actor: { name: 'Ada Lovelace' }, enquiry: { id, helpRequest: null } },
      ]);
      // The administrator was told (twice: she asked twice).
      await toasts.until(2);
      expect(toasts.items.slice(0, 2).map((t) => [t.kind, t.enquiryId])).toEqual([
        ['ASSISTANCE_REQUESTED', id],
        ['ASSISTANCE_REQUESTED', id],
      ]);
      board.dispose();
      toasts.dispose();
    } finally {
      await socket.dispose();
    }

    const audit = await auditOf(id);
    const ended = audit.find((e) => e.action === 'HELP_REQUEST_ENDED');
    expect(ended).toMatchObject({
      actor: { name: 'Ada Lovelace' },
      enquiryId: id,
      detail: 'help request of Grace Hopper answered by joining',
    });
    expect(Number.isNaN(Date.parse(ended.at))).toBe(false);
    const asked = audit.filter((e) => e.action === 'ASSISTANCE_REQUESTED');
    expect(asked.map((e) => [e.actor.name, e.detail])).toEqual([
      ['Grace Hopper', 'help requested: Refund of 900 EUR'],
      ['Grace Hopper', 'help requested: Customer wants a refund over the limit'],
    ]);
  });

  it('ends on a take-over, saying who; a later request is a new one', async () => {
    const { id } = await handledBy(grace);
    await gqlData(url, ASK, { id, note: null }, grace.token);
    const first = (await openRequests()).find((r) => r.enquiry.id === id);
    expect(first).toMatchObject({ note: null, agent: { name: 'Grace Hopper' } });
    await gqlData(
      url,
      `mutation ($id: ID!) { takeOverEnquiry(enquiryId: $id) { cursor } }`,
      { id },
      alan.token,
    );
    expect((await openRequests()).some((r) => r.enquiry.id === id)).toBe(false);
    // Dismissing what a take-over ended says who ended it and how.
    const late = await gql(url, DISMISS, { id: first.id }, ada.token);
    expect(errorCode(late)).toBe('INVALID_STATE');
    expect(late.errors?.[0]?.message).toMatch(/answered by taking over \(Alan Turing\)/);

    // Grace, still in the room, asks again: a new request.
    await gqlData(url, ASK, { id, note: 'Still stuck' }, grace.token);
    const second = (await openRequests()).find((r) => r.enquiry.id === id);
    expect(second.id).not.toBe(first.id);
    const audit = await auditOf(id);
    expect(audit.find((e) => e.action === 'HELP_REQUEST_ENDED')).toMatchObject({
      actor: { name: 'Alan Turing' },
      detail: 'help request of Grace Hopper answered by taking over',
    });
  });

  it('is dismissed by an administrator (once), and ends when the enquiry closes', async () => {
    const { id } = await handledBy(grace);
    await gqlData(url, ASK, { id, note: 'Quick question' }, grace.token);
    const open = (await openRequests()).find((r) => r.enquiry.id === id);
    const dismissed = (await gqlData(url, DISMISS, { id: open.id }, ada.token)).dismissHelpRequest;
    expect(dismissed).toMatchObject({
      id: open.id,
      endReason: 'DISMISSED',
      endedBy: { name: 'Ada Lovelace' },
      agent: { name: 'Grace Hopper' },
      enquiry: { id },
    });
    expect(dismissed.endedAt).not.toBeNull();
    const twice = await gql(url, DISMISS, { id: open.id }, alan.token);
    expect(errorCode(twice)).toBe('INVALID_STATE');
    expect(twice.errors?.[0]?.message).toMatch(/dismissed \(Ada Lovelace\)/);
    expect((await auditOf(id)).find((e) => e.action === 'HELP_REQUEST_ENDED')).toMatchObject({
      actor: { name: 'Ada Lovelace' },
      detail: 'help request of Grace Hopper dismissed',
    });

    await gqlData(url, ASK, { id, note: 'Never mind' }, grace.token);
    expect((await openRequests()).some((r) => r.enquiry.id === id)).toBe(true);
    await gqlData(url, `mutation ($id: ID!) { closeEnquiry(enquiryId: $id) { id } }`, { id }, grace.token);
    expect((await openRequests()).some((r) => r.enquiry.id === id)).toBe(false);
    const closedEnd = (await auditOf(id)).find((e) => e.action === 'HELP_REQUEST_ENDED');
    expect(closedEnd).toMatchObject({
      actor: { name: 'Grace Hopper' },
      detail: 'help request of Grace Hopper ended when the enquiry closed',
    });
  });

  it('lists oldest first', async () => {
    const a = await handledBy(grace);
    const b = await handledBy(grace);
    await gqlData(url, ASK, { id: a.id, note: 'first' }, grace.token);
    await gqlData(url, ASK, { id: b.id, note: 'second' }, grace.token);
    const ids = (await openRequests()).map((r) => r.enquiry.id);
    expect(ids.indexOf(a.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(a.id)).toBeLessThan(ids.indexOf(b.id));
  });
});

describe('who may', () => {
  it('list and dismiss: administrators with the plan of the tenant only', async () => {
    const { id } = await handledBy(grace);
    await gqlData(url, ASK, { id, note: 'rights' }, grace.token);
    const open = (await openRequests()).find((r) => r.enquiry.id === id);
    expect(errorCode(await gql(url, LIST, {}, grace.token))).toBe('FORBIDDEN');
    expect(errorCode(await gql(url, LIST, {}, basil.token))).toBe('PLAN_REQUIRED');
    expect(errorCode(await gql(url, DISMISS, { id: open.id }, grace.token))).toBe('FORBIDDEN');
    expect(errorCode(await gql(url, DISMISS, { id: open.id }, linus.token))).toBe('FORBIDDEN');
    expect(errorCode(await gql(url, DISMISS, { id: open.id }, basil.token))).toBe('PLAN_REQUIRED');
    // Another tenant's administrator with the plan: no such request.
    await backend.services.store.query(
      `insert into tenants (id, name, plan, enquiry_monitoring) values ('help-other', 'Other', 'enterprise', true)`,
    );
    const { hashPassword } = await import('../../backend/auth/passwords');
    const { newId } = await import('../../backend/domain/ids');
    await backend.services.store.query(
      `insert into staff (id, tenant_id, name, email, role, password_hash) values ($1, 'help-other', 'Olga Other', 'olga@help.test', 'ADMINISTRATOR', $2)`,
      [newId('stf'), await hashPassword('demo-pass-2026')],
    );
    const olga = await login(url, 'help-other', 'olga@help.test');
    expect(errorCode(await gql(url, DISMISS, { id: open.id }, olga.token))).toBe('NOT_FOUND');
    expect((await gqlData(url, LIST, {}, olga.token)).helpRequests).toEqual([]);
    // Still open after all those refusals.
    expect((await openRequests()).some((r) => r.id === open.id)).toBe(true);
    // An agent not in the room may not ask.
    expect(errorCode(await gql(url, ASK, { id, note: 'x' }, linus.token))).toBe('FORBIDDEN');
  });
});
