import type { Client } from 'graphql-ws';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../backend/auth/passwords';
import { loadActor } from '../../backend/domain/actor';
import { requestAssistance } from '../../backend/domain/handling';
import { newId } from '../../backend/domain/ids';
import { startEnquiry } from '../../backend/domain/visitors';
import type { RunningBackend } from '../../backend/index';
import { typeDefs } from '../../shared/graphql/schema';
import {
  DEMO_PASSWORD,
  gql,
  gqlData,
  login,
  startTestBackend,
  wsClient,
  type Session,
} from '../support/backend-client';

/**
 * The authorization matrix (issue 11, "Proofs that stay"): every operation of the schema ×
 * eight principals × HTTP and WebSocket, each cell compared with the outcome written in the
 * table below (allowed, or the exact error code), not derived from the implementation.
 * Whisper text is looked for in everything a visitor, a signed-out client, an expired
 * token, another tenant's administrator or an administrator without the monitoring plan
 * receives, and must never be there. (Streams ending after leave, expiry and sign-out are
 * proven by the live-rights test, not repeated here.)
 */

const PRINCIPALS = [
  'admin',
  'owner',
  'outsider',
  'visitor',
  'signedOut',
  'expired',
  'foreign',
  'noPlan',
] as const;
type Principal = (typeof PRINCIPALS)[number];
const TRANSPORTS = ['http', 'ws'] as const;
type Transport = (typeof TRANSPORTS)[number];

/**
 * What a cell may come to: allowed ('ok'), allowed with nothing of the target ('NULL' for a
 * nullable field, 'EMPTY' for an empty audit page), a refusal code, or the WebSocket closed
 * at connection_init with this close code (no staff token: graphql-ws 4403 Forbidden).
 */
type Outcome =
  | 'ok'
  | 'NULL'
  | 'EMPTY'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'PLAN_REQUIRED'
  | 'NOT_FOUND'
  | 'INVALID_STATE'
  | 'BAD_USER_INPUT'
  | 'CLOSED_4403';

const SECRET = 'authorization-matrix-signing-key-0123456789abcdef';
const ISSUER = 'supervisor-console/enquiry-backend';
const MARK = 'WHISPER-MARK';

/** The rooms a cell acts on: `demo` for everyone but the no-plan administrator, who acts in `basic`. */
interface Target {
  enquiryId: string;
  visitorToken: string;
  /** The open help request of a 'help' room (its owner asked for help). */
  helpRequestId?: string;
}
type FixtureState = 'open' | 'handling' | 'joined' | 'call' | 'help';

/** What a principal presents: the bearer it sends, and the refresh token it holds (per transport). */
interface Credentials {
  bearer: string | null;
  refreshToken: string;
}

interface Operation {
  name: string;
  kind: 'query' | 'mutation' | 'subscription';
  document: string;
  variables: (target: Target, principal: Principal, credentials: Credentials) => Record<string, unknown>;
  /** The room the operation needs, made afresh for each cell when the allowed cell changes it. */
  state: FixtureState;
  fresh?: boolean;
  /**
   * The cells run one at a time: sign-ins to one account (concurrent ones from one address
   * are refused by design), and a stream with nothing to replay for some principals, allowed
   * once the server listens to the tenant's feed for it (one at a time tells whose opened).
   */
  oneAtATime?: boolean;
  /** Expected outcome over HTTP, by principal; over WebSocket the same unless `ws` says otherwise. */
  http: Record<Principal, Outcome>;
  ws?: Partial<Record<Principal, Outcome>>;
}

// Shorthands for the rows below: U = UNAUTHENTICATED, F = FORBIDDEN, P = PLAN_REQUIRED, N = NOT_FOUND, I = INVALID_STATE.
const U = 'UNAUTHENTICATED';
const F = 'FORBIDDEN';
const P = 'PLAN_REQUIRED';
const N = 'NOT_FOUND';
const I = 'INVALID_STATE';
/** Over WebSocket a client without a staff token is closed at connection_init, whatever it asks. */
const NO_STAFF_SOCKET: Partial<Record<Principal, Outcome>> = {
  visitor: 'CLOSED_4403',
  signedOut: 'CLOSED_4403',
  expired: 'CLOSED_4403',
};

const row = (
  admin: Outcome,
  owner: Outcome,
  outsider: Outcome,
  visitor: Outcome,
  signedOut: Outcome,
  expired: Outcome,
  foreign: Outcome,
  noPlan: Outcome,
): Record<Principal, Outcome> => ({ admin, owner, outsider, visitor, signedOut, expired, foreign, noPlan });

/** Subscriptions are not served over HTTP (nor Server-Sent Events): every principal is refused. */
const NOT_OVER_HTTP = row(
  'BAD_USER_INPUT',
  'BAD_USER_INPUT',
  'BAD_USER_INPUT',
  'BAD_USER_INPUT',
  'BAD_USER_INPUT',
  'BAD_USER_INPUT',
  'BAD_USER_INPUT',
  'BAD_USER_INPUT',
);

const id = (t: Target) => ({ id: t.enquiryId });
const ROOM_FIELDS = `enquiry { id } messages(last: 100) { kind text } viewer { canLeave }`;

const OPERATIONS: Operation[] = [
  // Queries
  {
    name: 'me',
    kind: 'query',
    document: `{ me { id tenant { id } } }`,
    variables: () => ({}),
    state: 'joined',
    http: row('ok', 'ok', 'ok', U, U, U, 'ok', 'ok'),
  },
  {
    name: 'enquiryOverview',
    kind: 'query',
    document: `{ enquiryOverview(column: HANDLING, first: 100) { totalCount edges { node { id owner { name } participants { name } } } } }`,
    variables: () => ({}),
    state: 'joined',
    http: row('ok', 'ok', 'ok', U, U, U, 'ok', 'ok'),
  },
  {
    name: 'enquiry',
    kind: 'query',
    document: `query ($id: ID!) { enquiry(id: $id) { id owner { name } messageCount } }`,
    variables: id,
    state: 'joined',
    // Another agent's Handling enquiry is not there for the outsider, as another tenant's (issue 13).
    http: row('ok', 'ok', 'NULL', U, U, U, 'NULL', 'ok'),
  },
  {
    name: 'room',
    kind: 'query',
    document: `query ($id: ID!) { room(enquiryId: $id) { ${ROOM_FIELDS} } }`,
    variables: id,
    state: 'joined',
    // The outsider (another agent) is told of no such room, as another tenant's (issue 13).
    http: row('ok', 'ok', 'NULL', U, U, U, 'NULL', P),
  },
  {
    name: 'auditTrail',
    kind: 'query',
    document: `query ($id: ID) { auditTrail(enquiryId: $id, first: 100) { edges { node { action detail enquiryId } } } }`,
    variables: id,
    state: 'joined',
    http: row('ok', F, F, U, U, U, 'EMPTY', P),
  },
  {
    name: 'helpRequests',
    kind: 'query',
    document: `{ helpRequests { id note agent { name } enquiry { id } } }`,
    variables: () => ({}),
    state: 'joined',
    // Supervision's rights: another tenant's administrator gets her own tenant's (none).
    http: row('ok', F, F, U, U, U, 'ok', P),
  },
  {
    name: 'staffMembers',
    kind: 'query',
    document: `{ staffMembers { id email } }`,
    variables: () => ({}),
    state: 'joined',
    http: row('ok', 'ok', 'ok', U, U, U, 'ok', 'ok'),
  },
  {
    name: 'tenantSettings',
    kind: 'query',
    document: `{ tenantSettings { waitLimitSeconds } }`,
    variables: () => ({}),
    state: 'joined',
    http: row('ok', 'ok', 'ok', U, U, U, 'ok', 'ok'),
  },
  // Issue 13: the audit export, live metrics and agents come with supervision (role and plan);
  // another tenant's administrator sees her own tenant's. Her own settings are everyone's.
  {
    name: 'auditTrailCsv',
    kind: 'query',
    document: `query ($id: ID) { auditTrailCsv(enquiryId: $id) }`,
    variables: id,
    state: 'joined',
    http: row('ok', F, F, U, U, U, 'ok', P),
  },
  {
    name: 'liveMetrics',
    kind: 'query',
    document: `{ liveMetrics { waitingNow slaPercent agents { agent { name } chatsInHand } } }`,
    variables: () => ({}),
    state: 'joined',
    http: row('ok', F, F, U, U, U, 'ok', P),
  },
  {
    name: 'agents',
    kind: 'query',
    document: `{ agents { agent { id name } presence presenceSince chatsInHand capacity } }`,
    variables: () => ({}),
    state: 'joined',
    http: row('ok', F, F, U, U, U, 'ok', P),
  },
  {
    name: 'mySettings',
    kind: 'query',
    document: `{ mySettings { theme doNotDisturb notificationKinds { kind enabled } } }`,
    variables: () => ({}),
    state: 'joined',
    http: row('ok', 'ok', 'ok', U, U, U, 'ok', 'ok'),
  },

  // Mutations: signing in, out and refreshing are open to anyone holding the credential.
  {
    name: 'login',
    kind: 'mutation',
    document: `mutation ($t: String!, $e: String!, $p: String!) { login(tenant: $t, email: $e, password: $p) { staff { id } } }`,
    variables: () => ({ t: 'basic', e: 'bea@basic.test', p: DEMO_PASSWORD }),
    state: 'joined',
    oneAtATime: true,
    http: row('ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'),
  },
  {
    name: 'refreshSession',
    kind: 'mutation',
    document: `mutation ($r: String!) { refreshSession(refreshToken: $r) { refreshToken staff { id } } }`,
    variables: (_t, _p, c) => ({ r: c.refreshToken }),
    state: 'joined',
    // The visitor passes their visitor token, the signed-out client the refresh token revoked at
    // sign-out; an expired access token's refresh token is what refreshing is for.
    http: row('ok', 'ok', 'ok', U, U, 'ok', 'ok', 'ok'),
  },
  {
    name: 'logout',
    kind: 'mutation',
    document: `mutation ($r: String!) { logout(refreshToken: $r) }`,
    variables: (_t, _p, c) => ({ r: c.refreshToken }),
    state: 'joined',
    // Revoking a token that is not (or no longer) one is answered false, not refused.
    http: row('ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'),
  },

  // Supervision: administrators with the plan, in their own tenant.
  {
    name: 'monitorEnquiry',
    kind: 'mutation',
    document: `mutation ($id: ID!) { monitorEnquiry(enquiryId: $id) { ${ROOM_FIELDS} } }`,
    variables: id,
    state: 'joined',
    http: row('ok', F, F, U, U, U, N, P),
  },
  {
    name: 'stopMonitoring',
    kind: 'mutation',
    document: `mutation ($id: ID!) { stopMonitoring(enquiryId: $id) }`,
    variables: id,
    state: 'joined',
    // Ending one's own lease is never a privilege: anyone of the tenant may (false when none).
    http: row('ok', 'ok', 'ok', U, U, U, N, 'ok'),
  },
  {
    name: 'joinEnquiry',
    kind: 'mutation',
    document: `mutation ($id: ID!) { joinEnquiry(enquiryId: $id) { ${ROOM_FIELDS} } }`,
    variables: id,
    state: 'handling',
    fresh: true,
    http: row('ok', F, F, U, U, U, N, P),
  },
  {
    name: 'takeOverEnquiry',
    kind: 'mutation',
    document: `mutation ($id: ID!) { takeOverEnquiry(enquiryId: $id) { ${ROOM_FIELDS} } }`,
    variables: id,
    state: 'handling',
    fresh: true,
    http: row('ok', F, F, U, U, U, N, P),
  },
  {
    name: 'leaveEnquiry',
    kind: 'mutation',
    document: `mutation ($id: ID!) { leaveEnquiry(enquiryId: $id) { ${ROOM_FIELDS} } }`,
    variables: id,
    state: 'joined',
    fresh: true,
    // The owner cannot leave; who never joined has nothing to leave.
    http: row('ok', I, I, U, U, U, N, I),
  },
  {
    name: 'transferEnquiry',
    kind: 'mutation',
    document: `mutation ($id: ID!, $to: ID!) { transferEnquiry(enquiryId: $id, toStaffId: $to) { ${ROOM_FIELDS} } }`,
    variables: (t) => ({ id: t.enquiryId, to: staff.linus.staffId }),
    state: 'handling',
    fresh: true,
    // Linus handles 4 of the demo tenant's capacity of 6: the administrator's transfer over
    // HTTP and the one over WebSocket (run together) both fit, and both succeed.
    http: row('ok', F, F, U, U, U, N, P),
  },
  {
    name: 'dismissHelpRequest',
    kind: 'mutation',
    document: `mutation ($id: ID!) { dismissHelpRequest(id: $id) { id endReason endedBy { name } } }`,
    variables: (t) => ({ id: t.helpRequestId }),
    state: 'help',
    fresh: true,
    http: row('ok', F, F, U, U, U, N, P),
  },
  {
    name: 'sendMessage',
    kind: 'mutation',
    document: `mutation ($id: ID!, $text: String!) { sendMessage(enquiryId: $id, text: $text) { id text } }`,
    variables: (t) => ({ id: t.enquiryId, text: 'matrix message' }),
    state: 'joined',
    http: row('ok', 'ok', F, U, U, U, N, F),
  },
  {
    name: 'sendWhisper',
    kind: 'mutation',
    document: `mutation ($id: ID!, $text: String!) { sendWhisper(enquiryId: $id, text: $text) { id text } }`,
    variables: (t, p) => ({ id: t.enquiryId, text: `${MARK} from ${p}` }),
    state: 'joined',
    http: row('ok', 'ok', F, U, U, U, N, P),
  },

  // Handling: the room's participants (the owner for closing).
  {
    name: 'pickUpEnquiry',
    kind: 'mutation',
    document: `mutation ($id: ID!) { pickUpEnquiry(enquiryId: $id) { enquiry { id } } }`,
    variables: id,
    state: 'open',
    fresh: true,
    http: row('ok', 'ok', 'ok', U, U, U, N, 'ok'),
  },
  {
    name: 'closeEnquiry',
    kind: 'mutation',
    document: `mutation ($id: ID!) { closeEnquiry(enquiryId: $id) { id status } }`,
    variables: id,
    state: 'joined',
    fresh: true,
    http: row(F, 'ok', F, U, U, U, N, F),
  },
  {
    name: 'startCall',
    kind: 'mutation',
    document: `mutation ($id: ID!) { startCall(enquiryId: $id, kind: CONFERENCE) { id call } }`,
    variables: id,
    state: 'joined',
    fresh: true,
    http: row('ok', 'ok', F, U, U, U, N, F),
  },
  {
    name: 'endCall',
    kind: 'mutation',
    document: `mutation ($id: ID!) { endCall(enquiryId: $id) { id call } }`,
    variables: id,
    state: 'call',
    fresh: true,
    http: row('ok', 'ok', F, U, U, U, N, F),
  },
  {
    name: 'requestAssistance',
    kind: 'mutation',
    document: `mutation ($id: ID!) { requestAssistance(enquiryId: $id, note: "matrix") }`,
    variables: id,
    state: 'joined',
    http: row('ok', 'ok', F, U, U, U, N, F),
  },
  {
    name: 'setPresence',
    kind: 'mutation',
    document: `mutation { setPresence(presence: ONLINE) { id presence } }`,
    variables: () => ({}),
    state: 'joined',
    http: row('ok', 'ok', 'ok', U, U, U, 'ok', 'ok'),
  },
  {
    name: 'updateTenantSettings',
    kind: 'mutation',
    document: `mutation { updateTenantSettings { waitLimitSeconds } }`,
    variables: () => ({}),
    state: 'joined',
    // Wait limits are not monitoring: an administrator of any plan sets her own tenant's.
    http: row('ok', F, F, U, U, U, 'ok', 'ok'),
  },
  {
    name: 'updateMySettings',
    kind: 'mutation',
    document: `mutation { updateMySettings(input: { theme: DARK }) { theme } }`,
    variables: () => ({}),
    state: 'joined',
    http: row('ok', 'ok', 'ok', U, U, U, 'ok', 'ok'),
  },

  // The visitor side: opening an enquiry is public; writing in one takes its visitor token.
  {
    name: 'startEnquiry',
    kind: 'mutation',
    document: `mutation { startEnquiry(tenant: "demo", visitorName: "Matrix Visitor", text: "hi") { enquiry { id } } }`,
    variables: () => ({}),
    state: 'joined',
    http: row('ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'),
  },
  {
    name: 'sendVisitorMessage',
    kind: 'mutation',
    document: `mutation ($t: String!) { sendVisitorMessage(visitorToken: $t, text: "visitor line") { id text } }`,
    // Each principal passes what it holds as the visitor token: a staff access token is not one.
    variables: (t, p, c) => ({ t: p === 'visitor' ? t.visitorToken : (c.bearer ?? '') }),
    state: 'joined',
    http: row(U, U, U, 'ok', U, U, U, U),
  },

  // Subscriptions: over HTTP (and Server-Sent Events) they are not served at all.
  {
    name: 'boardEvents',
    kind: 'subscription',
    document: `subscription { boardEvents(after: "0") { seq type enquiry { id } } }`,
    variables: () => ({}),
    state: 'joined',
    http: NOT_OVER_HTTP,
    ws: { admin: 'ok', owner: 'ok', outsider: 'ok', foreign: 'ok', noPlan: 'ok', ...NO_STAFF_SOCKET },
  },
  {
    name: 'roomEvents',
    kind: 'subscription',
    document: `subscription ($id: ID!) { roomEvents(enquiryId: $id, after: "0") { seq type message { kind text } } }`,
    variables: id,
    state: 'joined',
    http: NOT_OVER_HTTP,
    // Another agent's room is NOT_FOUND to the outsider, as another tenant's (issue 13).
    ws: { admin: 'ok', owner: 'ok', outsider: N, foreign: N, noPlan: P, ...NO_STAFF_SOCKET },
  },
  {
    name: 'notifications',
    kind: 'subscription',
    document: `subscription { notifications(after: "0") { seq kind body } }`,
    variables: () => ({}),
    state: 'joined',
    oneAtATime: true,
    http: NOT_OVER_HTTP,
    ws: { admin: 'ok', owner: 'ok', outsider: 'ok', foreign: 'ok', noPlan: 'ok', ...NO_STAFF_SOCKET },
  },
  {
    name: 'liveMetrics',
    kind: 'subscription',
    document: `subscription { liveMetrics { waitingNow agents { agent { name } presence } } }`,
    variables: () => ({}),
    state: 'joined',
    http: NOT_OVER_HTTP,
    ws: { admin: 'ok', owner: F, outsider: F, foreign: 'ok', noPlan: P, ...NO_STAFF_SOCKET },
  },
];

/** The expected outcome of a cell, from the table. */
function expected(op: Operation, principal: Principal, transport: Transport): Outcome {
  if (transport === 'http') return op.http[principal];
  if (op.kind === 'subscription') return op.ws?.[principal] ?? op.http[principal];
  return NO_STAFF_SOCKET[principal] ?? op.ws?.[principal] ?? op.http[principal];
}

let backend: RunningBackend;
let url: string;
const staff = {} as Record<'ada' | 'grace' | 'linus' | 'olga' | 'basil' | 'bea', Session>;
let expiredToken: string;
let revokedRefreshToken: string;
const refreshTokens = new Map<string, string>();
let sockets: Map<Principal, Client>;
let streamsOpened = 0;
let visitorCount = 0;
/** Every answer each principal received, to look for whisper text in. */
const received = new Map<Principal, string[]>();
const shared = new Map<string, Promise<Target>>();

beforeAll(async () => {
  backend = await startTestBackend({ tokenSecret: SECRET, messagesPer10Seconds: 100_000 });
  url = backend.url;
  // A third tenant, on the monitoring plan, whose administrator must see nothing of `demo`.
  const { store } = backend.services;
  await store.query(
    `insert into tenants (id, name, plan, enquiry_monitoring) values ('other', 'Other Centre', 'enterprise', true)`,
  );
  await store.query(
    `insert into staff (id, tenant_id, name, email, role, password_hash) values ($1, 'other', 'Olga Other', 'olga@other.test', 'ADMINISTRATOR', $2)`,
    [newId('stf'), await hashPassword(DEMO_PASSWORD)],
  );
  // Its own board has an enquiry, so that its boardEvents replay has something to show.
  await startEnquiry(backend.services, backend.services.tokens, {
    tenant: 'other',
    visitorName: 'Other visitor',
    text: 'Hi',
  });
  // Each staff principal holds a refresh token per transport: refreshSession passes it and
  // keeps the one it gets back, which logout then revokes. The signed-out client holds one
  // revoked at sign-out. Sign-ins to one account go one after another (concurrent ones from
  // one address are RATE_LIMITED by design); accounts sign in side by side.
  const holders = (['admin', 'owner', 'outsider', 'expired', 'foreign', 'noPlan'] as const).flatMap((p) =>
    TRANSPORTS.map((t) => [p, t] as const),
  );
  const sessions = new Map<string, Session>();
  await Promise.all(
    (Object.keys(EMAIL) as (keyof typeof EMAIL)[]).map(async (member) => {
      staff[member] = await login(url, ...EMAIL[member]);
      for (const [p, t] of holders) {
        if ((STAFF_OF[p] ?? 'ada') === member) sessions.set(`${p}/${t}`, await login(url, ...EMAIL[member]));
      }
      if (member === 'ada') sessions.set('signedOut', await login(url, ...EMAIL.ada));
    }),
  );
  for (const [key, session] of sessions) refreshTokens.set(key, session.refreshToken);
  revokedRefreshToken = refreshTokens.get('signedOut')!;
  refreshTokens.delete('signedOut');
  await gqlData(url, `mutation ($r: String!) { logout(refreshToken: $r) }`, { r: revokedRefreshToken });
  expiredToken = await signStaffToken(staff.ada.staffId, -60);

  // A stream counts as opened once the server listens to its tenant's feed for it.
  const feeds = backend.services.feeds;
  const listen = feeds.listen.bind(feeds);
  feeds.listen = async (...args: Parameters<typeof listen>) => {
    const listening = await listen(...args);
    streamsOpened++;
    return listening;
  };
  sockets = new Map(PRINCIPALS.map((p) => [p, wsClient(url, () => bearerOf(p, null) ?? '')]));
});

afterAll(async () => {
  for (const socket of sockets?.values() ?? []) await socket.dispose();
  await backend?.stop();
});

/** An access token as the backend signs them, expiring `inSeconds` from now (negative: already expired). */
async function signStaffToken(staffId: string, inSeconds: number): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ tenant: 'demo', role: 'ADMINISTRATOR', kind: 'staff' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(staffId)
    .setIssuer(ISSUER)
    .setIssuedAt(now - 3600)
    .setExpirationTime(now + inSeconds)
    .sign(new TextEncoder().encode(SECRET));
}

const STAFF_OF: Partial<Record<Principal, keyof typeof staff>> = {
  admin: 'ada',
  owner: 'grace',
  outsider: 'linus',
  foreign: 'olga',
  noPlan: 'basil',
};
const EMAIL: Record<keyof typeof staff, [string, string]> = {
  ada: ['demo', 'ada@demo.test'],
  grace: ['demo', 'grace@demo.test'],
  linus: ['demo', 'linus@demo.test'],
  olga: ['other', 'olga@other.test'],
  basil: ['basic', 'basil@basic.test'],
  bea: ['basic', 'bea@basic.test'],
};

function bearerOf(principal: Principal, target: Target | null): string | null {
  const member = STAFF_OF[principal];
  if (member) return staff[member].token;
  if (principal === 'visitor') return target?.visitorToken ?? null;
  return principal === 'expired' ? expiredToken : null;
}

function credentialsOf(principal: Principal, transport: Transport, target: Target): Credentials {
  const bearer = bearerOf(principal, target);
  const refreshToken =
    refreshTokens.get(`${principal}/${transport}`) ??
    (principal === 'visitor' ? target.visitorToken : revokedRefreshToken);
  return { bearer, refreshToken };
}

/** A new enquiry in `tenant` brought to `state` through the API (its visitor made in-process). */
async function fixture(tenant: 'demo' | 'basic', state: FixtureState): Promise<Target> {
  const session = await startEnquiry(backend.services, backend.services.tokens, {
    tenant,
    visitorName: `Matrix visitor ${++visitorCount}`,
    text: 'Hello, is anyone there?',
  });
  const target = { enquiryId: session.enquiry.id, visitorToken: session.visitorToken };
  const owner = tenant === 'demo' ? staff.grace : staff.bea;
  const run = (document: string) => gqlData(url, document, { id: target.enquiryId }, owner.token);
  if (state === 'open') return target;
  await run(`mutation ($id: ID!) { pickUpEnquiry(enquiryId: $id) { enquiry { id } } }`);
  if (state === 'handling') return target;
  if (state === 'help') {
    // In-process, past the resolver's per-staff limit on requests for help (one room per cell).
    const [row] = await backend.services.store.query<{ tenant_id: string; role: 'AGENT' }>(
      'select tenant_id, role from staff where id = $1',
      [owner.staffId],
    );
    const actor = await loadActor(backend.services.store, {
      kind: 'staff',
      staffId: owner.staffId,
      tenantId: row!.tenant_id,
      role: row!.role,
      expiresAt: Math.floor(Date.now() / 1000) + 600,
    });
    await requestAssistance(backend.services, actor, target.enquiryId, 'matrix help');
    const [open] = await backend.services.store.query<{ id: string }>(
      'select id from help_requests where enquiry_id = $1 and ended_at is null',
      [target.enquiryId],
    );
    return { ...target, helpRequestId: open?.id ?? 'missing' };
  }
  // Demo rooms have the administrator joined and a whisper in them; basic rooms a whisper of their owner.
  if (tenant === 'demo') {
    await gqlData(
      url,
      `mutation ($id: ID!) { joinEnquiry(enquiryId: $id) { cursor } }`,
      { id: target.enquiryId },
      staff.ada.token,
    );
    await gqlData(
      url,
      `mutation ($id: ID!) { sendWhisper(enquiryId: $id, text: "${MARK} setup") { id } }`,
      { id: target.enquiryId },
      staff.ada.token,
    );
  } else {
    await run(`mutation ($id: ID!) { sendWhisper(enquiryId: $id, text: "${MARK} setup") { id } }`);
  }
  if (state === 'call')
    await run(`mutation ($id: ID!) { startCall(enquiryId: $id, kind: ONE_TO_ONE) { id } }`);
  return target;
}

async function targetFor(op: Operation, principal: Principal): Promise<Target> {
  const tenant = principal === 'noPlan' ? 'basic' : 'demo';
  if (op.fresh) return fixture(tenant, op.state);
  const key = `${tenant}/${op.state}`;
  let target = shared.get(key);
  if (!target) {
    target = fixture(tenant, op.state);
    shared.set(key, target);
  }
  return target;
}

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
  closeCode?: number;
}

/** Runs one operation over graphql-ws: the first result, the refusal, the close, or (a stream) its opening. */
function overSocket(
  client: Client,
  query: string,
  variables: Record<string, unknown>,
  op: Operation,
): Promise<Answer> {
  return new Promise((resolve) => {
    const opened = streamsOpened;
    let settled = false;
    let poll: ReturnType<typeof setInterval> | undefined;
    const settle = (answer: Answer): void => {
      if (settled) return;
      settled = true;
      if (poll) clearInterval(poll);
      dispose();
      resolve(answer);
    };
    const dispose = client.subscribe(
      { query, variables },
      {
        next: (result) => settle(result as Answer),
        error: (error) => {
          if (Array.isArray(error)) settle({ errors: error as Answer['errors'] });
          else if (error && typeof error === 'object' && 'code' in error)
            settle({ closeCode: (error as { code: number }).code });
          else settle({ errors: [{ message: String(error) }] });
        },
        complete: () => settle({ data: null }),
      },
    );
    // Notifications may have nothing to replay: the stream is open once its feed is listened to.
    if (op.kind === 'subscription' && op.oneAtATime)
      poll = setInterval(() => streamsOpened > opened && settle({ data: { opened: true } }), 5);
    // A cell that never answers is reported as such rather than holding the whole table.
    setTimeout(() => settle({ errors: [{ message: 'no answer within 10 s' }] }), 10_000).unref();
  });
}

function outcomeOf(op: Operation, answer: Answer): string {
  if (answer.closeCode !== undefined) return `CLOSED_${answer.closeCode}`;
  if (answer.errors?.length)
    return answer.errors[0]?.extensions?.code ?? `no code: ${answer.errors[0]?.message}`;
  const value = answer.data?.[op.name];
  if (value === null) return 'NULL';
  if (op.name === 'auditTrail' && (value as { edges: unknown[] }).edges.length === 0) return 'EMPTY';
  return 'ok';
}

async function runCell(op: Operation, principal: Principal, transport: Transport): Promise<string> {
  const target = await targetFor(op, principal);
  const credentials = credentialsOf(principal, transport, target);
  const variables = op.variables(target, principal, credentials);
  let answer: Answer;
  if (transport === 'http') {
    answer = (await gql(url, op.document, variables, credentials.bearer ?? undefined)) as Answer;
  } else if (principal === 'visitor') {
    // A visitor's socket presents the token of the room at hand.
    const socket = wsClient(url, () => target.visitorToken);
    answer = await overSocket(socket, op.document, variables, op);
    await socket.dispose();
  } else {
    answer = await overSocket(sockets.get(principal)!, op.document, variables, op);
  }
  const refreshed = (answer.data?.['refreshSession'] as { refreshToken?: string } | null | undefined)
    ?.refreshToken;
  if (refreshed) refreshTokens.set(`${principal}/${transport}`, refreshed);
  const text = JSON.stringify(answer);
  received.set(principal, [...(received.get(principal) ?? []), text]);
  return outcomeOf(op, answer);
}

describe('authorization matrix', () => {
  it('covers every operation of the schema', () => {
    const fields = (type: string): string[] => {
      const body = new RegExp(`type ${type} \\{([\\s\\S]*?)\\n  \\}`).exec(typeDefs)?.[1] ?? '';
      return [...body.matchAll(/^\s{4}(\w+)\s*[(:]/gm)].map((m) => m[1] as string);
    };
    const inSchema = [...fields('Query'), ...fields('Mutation'), ...fields('Subscription')].sort();
    expect(inSchema.length).toBeGreaterThan(25);
    expect(OPERATIONS.map((op) => op.name).sort()).toEqual(inSchema);
  });

  it('an expired token is refused for its expiry alone: the same token unexpired is served', async () => {
    expect(
      (await gqlData(url, `{ me { id } }`, {}, await signStaffToken(staff.ada.staffId, 600))).me.id,
    ).toBe(staff.ada.staffId);
    const refused = await gql(url, `{ me { id } }`, {}, expiredToken);
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('every operation × principal × transport comes to the outcome in the table', async () => {
    const wrong: string[] = [];
    let cells = 0;
    for (const op of OPERATIONS) {
      const check = async (principal: Principal, transport: Transport): Promise<void> => {
        const want = expected(op, principal, transport);
        const got = await runCell(op, principal, transport);
        cells++;
        if (got !== want)
          wrong.push(`${op.name} / ${principal} / ${transport}: expected ${want}, got ${got}`);
      };
      const all = PRINCIPALS.flatMap((principal) =>
        TRANSPORTS.map((transport) => [principal, transport] as const),
      );
      // The cells of one operation run together, each on its own room where it changes one.
      if (op.oneAtATime) for (const [principal, transport] of all) await check(principal, transport);
      else await Promise.all(all.map(([principal, transport]) => check(principal, transport)));
    }
    console.log(
      `authorization matrix: ${cells} cells checked (${OPERATIONS.length} operations × ${PRINCIPALS.length} principals × ${TRANSPORTS.length} transports), ${wrong.length} wrong`,
    );
    expect(wrong).toEqual([]);
    expect(cells).toBe(OPERATIONS.length * PRINCIPALS.length * TRANSPORTS.length);
  }, 60_000); // ~5 s on an idle machine, ~17 s with eight test runs sharing two cores

  it('whispers never reach visitors, signed-out or expired clients, other tenants, or administrators without the plan', () => {
    // The rooms these principals asked about hold whispers: the administrator saw them.
    expect((received.get('admin') ?? []).some((text) => text.includes(MARK))).toBe(true);
    for (const principal of ['visitor', 'signedOut', 'expired', 'foreign', 'noPlan'] as const) {
      const answers = received.get(principal) ?? [];
      expect(answers.length).toBe(OPERATIONS.length * TRANSPORTS.length);
      expect(
        answers.filter((text) => text.includes(MARK)),
        principal,
      ).toEqual([]);
    }
    // Nor does anything of `demo` reach the other tenant's administrator.
    expect(
      (received.get('foreign') ?? []).filter((text) => /Grace Hopper|Ada Lovelace|Matrix visitor/.test(text)),
    ).toEqual([]);
  });
});
