import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../../backend/index';
import { startEnquiry } from '../../backend/domain/visitors';
import { errorCode, gql, gqlData, login, startTestBackend, type Session } from '../support/backend-client';

/**
 * Issue 11, defect 9: rules the viewer states must be the rules the server keeps. The audit
 * trail is refused where supervision is (a no-plan administrator read whisper text there),
 * and every `RoomViewer.can*` flag agrees with the mutation it stands for (leaveEnquiry went
 * ahead for a taken-over agent and on a closed enquiry where canLeave was false).
 */

const ROOM = `viewer { canJoin canTakeOver canSendMessage canWhisper canLeave }
  enquiry { id status version owner { id } participants { id } }
  messages(last: 50) { kind text }`;
const ROOM_QUERY = `query ($id: ID!) { room(enquiryId: $id) { ${ROOM} } }`;
const JOIN = `mutation ($id: ID!, $key: String) { joinEnquiry(enquiryId: $id, idempotencyKey: $key) { ${ROOM} } }`;
const TAKE_OVER = `mutation ($id: ID!) { takeOverEnquiry(enquiryId: $id) { ${ROOM} } }`;
const LEAVE = `mutation ($id: ID!) { leaveEnquiry(enquiryId: $id) { ${ROOM} } }`;
const SEND = `mutation ($id: ID!, $text: String!) { sendMessage(enquiryId: $id, text: $text) { id } }`;
const WHISPER = `mutation ($id: ID!, $text: String!) { sendWhisper(enquiryId: $id, text: $text) { id } }`;
const PICK_UP = `mutation ($id: ID!) { pickUpEnquiry(enquiryId: $id) { enquiry { id } } }`;
const CLOSE = `mutation ($id: ID!) { closeEnquiry(enquiryId: $id) { id } }`;
const START_CALL = `mutation ($id: ID!) { startCall(enquiryId: $id, kind: ONE_TO_ONE) { id } }`;
const AUDIT = `query ($id: ID) { auditTrail(enquiryId: $id, first: 100) { edges { node { action detail actor { name } } } } }`;

interface RoomView {
  viewer: Record<'canJoin' | 'canTakeOver' | 'canSendMessage' | 'canWhisper' | 'canLeave', boolean>;
  enquiry: {
    id: string;
    status: string;
    version: number;
    owner: { id: string } | null;
    participants: { id: string }[];
  };
  messages: { kind: string; text: string }[];
}

let backend: RunningBackend;
let url: string;
let s: Record<'ada' | 'alan' | 'grace' | 'linus' | 'basil' | 'bea', Session>;
let visitors = 0;

beforeAll(async () => {
  backend = await startTestBackend({ messagesPer10Seconds: 100_000 });
  url = backend.url;
  const [ada, alan, grace, linus, basil, bea] = await Promise.all([
    login(url, 'demo', 'ada@demo.test'),
    login(url, 'demo', 'alan@demo.test'),
    login(url, 'demo', 'grace@demo.test'),
    login(url, 'demo', 'linus@demo.test'),
    login(url, 'basic', 'basil@basic.test'),
    login(url, 'basic', 'bea@basic.test'),
  ]);
  s = { ada: ada!, alan: alan!, grace: grace!, linus: linus!, basil: basil!, bea: bea! };
});
afterAll(() => backend?.stop());

/** A new Open enquiry of a tenant (made in-process: the visitor limit per address is not under test here). */
async function openEnquiry(tenant: string): Promise<string> {
  const session = await startEnquiry(backend.services, backend.services.tokens, {
    tenant,
    visitorName: `Rules visitor ${++visitors}`,
    text: 'Hello?',
  });
  return session.enquiry.id;
}

const room = async (id: string, who: Session): Promise<RoomView | null> => {
  const result = await gql<{ room: RoomView | null }>(url, ROOM_QUERY, { id }, who.token);
  return result.errors?.length ? null : (result.data?.room ?? null);
};
const must = async (query: string, id: string, who: Session, extra: Record<string, unknown> = {}) =>
  gqlData(url, query, { id, ...extra }, who.token);

describe('audit trail (defect 9)', () => {
  it('refuses a no-plan administrator PLAN_REQUIRED, as every other supervision read does, and shows her no whisper', async () => {
    const gwen = (
      await gqlData(
        url,
        `{ enquiryOverview(column: HANDLING, filter: { text: "Gwen Stacy" }) { edges { node { id } } } }`,
        {},
        s.bea.token,
      )
    ).enquiryOverview.edges[0].node.id as string;
    // Bea owns the room, so she may whisper in it (a staff-only note).
    await must(WHISPER, gwen, s.bea, { text: 'AUDIT-WHISPER-basic: keep it short' });

    for (const variables of [{}, { id: gwen }]) {
      const refused = await gql(url, AUDIT, variables, s.basil.token);
      expect(errorCode(refused)).toBe('PLAN_REQUIRED');
      expect(refused.errors?.[0]?.message).toMatch(/plan does not include enquiry monitoring/);
      expect(JSON.stringify(refused)).not.toContain('AUDIT-WHISPER');
      expect(refused.data ?? null).toBeNull();
    }
    // The same refusal as the room itself, which she may not read either.
    expect(errorCode(await gql(url, ROOM_QUERY, { id: gwen }, s.basil.token))).toBe('PLAN_REQUIRED');
    // Agents are FORBIDDEN in either tenant; an administrator with the plan reads her own tenant's trail.
    expect(errorCode(await gql(url, AUDIT, {}, s.bea.token))).toBe('FORBIDDEN');
    expect(errorCode(await gql(url, AUDIT, {}, s.grace.token))).toBe('FORBIDDEN');
    const id = await openEnquiry('demo');
    await must(PICK_UP, id, s.grace);
    await must(JOIN, id, s.ada);
    await must(WHISPER, id, s.ada, { text: 'AUDIT-WHISPER-demo' });
    const trail = (await gqlData(url, AUDIT, { id }, s.ada.token)).auditTrail.edges.map((e: any) => e.node);
    expect(trail.map((n: any) => n.action)).toEqual(['WHISPER_POSTED', 'ADMIN_JOINED']);
    expect(trail[0].detail).toBe('AUDIT-WHISPER-demo');
    // Another tenant's enquiry filters to nothing, never its entries.
    expect((await gqlData(url, AUDIT, { id: gwen }, s.ada.token)).auditTrail.edges).toEqual([]);
  });
});

describe('leaveEnquiry keeps the rule of canLeave (defect 9)', () => {
  it('refuses the agent who was taken over (FORBIDDEN): no version bump, no system message', async () => {
    const id = await openEnquiry('demo');
    await must(PICK_UP, id, s.grace);
    await must(TAKE_OVER, id, s.ada);
    const before = (await room(id, s.grace))!;
    expect(before.enquiry.participants.map((p) => p.id)).toContain(s.grace.staffId);
    expect(before.viewer.canLeave).toBe(false);

    const refused = await gql(url, LEAVE, { id }, s.grace.token);
    expect(errorCode(refused)).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toMatch(/Only an administrator who joined/);
    const after = (await room(id, s.grace))!;
    expect(after.enquiry.version).toBe(before.enquiry.version);
    expect(after.messages).toEqual(before.messages);
    expect(after.enquiry.participants).toEqual(before.enquiry.participants);
  });

  it('refuses a joined administrator once the enquiry is CLOSED (INVALID_STATE): the closed transcript stays as it was', async () => {
    const id = await openEnquiry('demo');
    await must(PICK_UP, id, s.grace);
    await must(JOIN, id, s.ada);
    await must(CLOSE, id, s.grace);
    const before = (await room(id, s.ada))!;
    expect(before.enquiry.status).toBe('CLOSED');
    expect(before.viewer.canLeave).toBe(false);

    const refused = await gql(url, LEAVE, { id }, s.ada.token);
    expect(errorCode(refused)).toBe('INVALID_STATE');
    expect(refused.errors?.[0]?.message).toMatch(/no longer being handled/);
    const after = (await room(id, s.ada))!;
    expect(after.enquiry.version).toBe(before.enquiry.version);
    expect(after.messages).toEqual(before.messages);
    expect(after.messages.at(-1)?.text).toBe('Grace Hopper closed the enquiry.');
  });

  it('lets a joined administrator leave while the enquiry is handled, as canLeave says', async () => {
    const id = await openEnquiry('demo');
    await must(PICK_UP, id, s.grace);
    await must(JOIN, id, s.ada);
    expect((await room(id, s.ada))!.viewer.canLeave).toBe(true);
    const left = (await must(LEAVE, id, s.ada)).leaveEnquiry as RoomView;
    expect(left.messages.at(-1)?.text).toBe('Ada Lovelace (administrator) left the enquiry.');
    expect(left.viewer.canLeave).toBe(false);
  });
});

describe('joinEnquiry keeps the rule of canJoin', () => {
  it('refuses joining twice without a key (INVALID_STATE) and answers a retried key with the room', async () => {
    const id = await openEnquiry('demo');
    await must(PICK_UP, id, s.grace);
    const joined = (await must(JOIN, id, s.ada, { key: 'rules-join-0001' })).joinEnquiry as RoomView;
    expect(joined.viewer.canJoin).toBe(false);
    const again = await gql(url, JOIN, { id }, s.ada.token);
    expect(errorCode(again)).toBe('INVALID_STATE');
    expect(again.errors?.[0]?.message).toMatch(/already joined/);
    const retried = (await must(JOIN, id, s.ada, { key: 'rules-join-0001' })).joinEnquiry as RoomView;
    expect(retried.enquiry.version).toBe(joined.enquiry.version);
    expect(retried.messages.filter((m) => m.text.includes('joined the enquiry'))).toHaveLength(1);
  });
});

/** A situation a room can be in, built fresh on a new enquiry. */
interface Scenario {
  name: string;
  tenant: 'demo' | 'basic';
  viewers: (keyof typeof s)[];
  /** What is done to the new enquiry, in order: each mutation and who sends it. */
  steps: [mutation: string, by: keyof typeof s][];
}

const SCENARIOS: Scenario[] = [
  { name: 'Open, nobody picked it up', tenant: 'demo', viewers: ['ada'], steps: [] },
  {
    name: 'Handling, owned by an agent',
    tenant: 'demo',
    viewers: ['ada', 'alan', 'grace'],
    steps: [[PICK_UP, 'grace']],
  },
  {
    name: 'Handling, an administrator joined',
    tenant: 'demo',
    viewers: ['ada', 'alan', 'grace'],
    steps: [
      [PICK_UP, 'grace'],
      [JOIN, 'ada'],
    ],
  },
  {
    name: 'Handling, taken over from the agent',
    tenant: 'demo',
    viewers: ['ada', 'alan', 'grace'],
    steps: [
      [PICK_UP, 'grace'],
      [TAKE_OVER, 'ada'],
    ],
  },
  {
    name: 'Handling, a call in progress',
    tenant: 'demo',
    viewers: ['ada', 'grace'],
    steps: [
      [PICK_UP, 'grace'],
      [START_CALL, 'grace'],
    ],
  },
  {
    name: 'Closed, an administrator had joined',
    tenant: 'demo',
    viewers: ['ada', 'grace'],
    steps: [
      [PICK_UP, 'grace'],
      [JOIN, 'ada'],
      [CLOSE, 'grace'],
    ],
  },
  {
    name: 'Handling on a plan without monitoring, owned by its administrator',
    tenant: 'basic',
    viewers: ['basil'],
    steps: [[PICK_UP, 'basil']],
  },
  {
    name: 'Handling on a plan without monitoring, owned by an agent',
    tenant: 'basic',
    viewers: ['bea'],
    steps: [[PICK_UP, 'bea']],
  },
];

/** Each flag and the mutation it answers for; `changes` ones need a fresh room each. */
const FLAGS: {
  flag: keyof RoomView['viewer'];
  query: string;
  extra?: Record<string, unknown>;
  changes: boolean;
}[] = [
  { flag: 'canSendMessage', query: SEND, extra: { text: 'flag check' }, changes: false },
  { flag: 'canWhisper', query: WHISPER, extra: { text: 'flag check' }, changes: false },
  { flag: 'canJoin', query: JOIN, changes: true },
  { flag: 'canTakeOver', query: TAKE_OVER, changes: true },
  { flag: 'canLeave', query: LEAVE, changes: true },
];

describe('every RoomViewer.can* flag agrees with its mutation', () => {
  it('in every scenario, for every viewer who can read the room: allowed exactly where the flag is true', async () => {
    const disagreements: string[] = [];
    let checked = 0;
    for (const scenario of SCENARIOS) {
      for (const who of scenario.viewers) {
        const fresh = async (): Promise<{ id: string; view: RoomView }> => {
          const id = await openEnquiry(scenario.tenant);
          for (const [mutation, by] of scenario.steps) await must(mutation, id, s[by]);
          const view = await room(id, s[who]);
          if (!view) throw new Error(`${who} cannot read the room in "${scenario.name}"`);
          return { id, view };
        };
        let shared: { id: string; view: RoomView } | null = null;
        for (const { flag, query, extra, changes } of FLAGS) {
          const { id, view } = changes ? await fresh() : (shared ??= await fresh());
          const result = await gql(url, query, { id, ...extra }, s[who].token);
          const allowed = !result.errors?.length;
          checked++;
          if (allowed !== view.viewer[flag]) {
            disagreements.push(
              `${scenario.name} / ${who}: ${flag} = ${view.viewer[flag]} but the mutation was ${allowed ? 'allowed' : errorCode(result)}`,
            );
          }
        }
      }
    }
    expect(disagreements).toEqual([]);
    expect(checked).toBe(SCENARIOS.reduce((n, sc) => n + sc.viewers.length, 0) * FLAGS.length);
  });
});
