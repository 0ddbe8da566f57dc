import { hashPassword } from '../../backend/auth/passwords';
import type { RunningBackend } from '../../backend/index';
import { DEMO_PASSWORD, gqlData, login, type Session } from '../../tests/support/backend-client';

/** Setting up take-over races: who races (admin sessions) and what they race for (agent-owned enquiries). */

export const TENANT = 'demo';
const DEMO_ADMINS = ['ada@demo.test', 'alan@demo.test'];
const DEMO_AGENTS = ['grace@demo.test', 'linus@demo.test', 'margaret@demo.test'];

/** An enquiry in Handling, owned by an agent, with no call, as read just before a race. */
export interface RaceTarget {
  id: string;
  version: number;
  ownerId: string;
}

/** Logs in `count` sessions spread over the two demo administrators (tokens are independent). */
export async function twoAdminSessions(url: string, count: number): Promise<Session[]> {
  const sessions: Session[] = [];
  for (let i = 0; i < count; i += 1)
    sessions.push(await login(url, TENANT, DEMO_ADMINS[i % DEMO_ADMINS.length] as string));
  return sessions;
}

/**
 * One session per distinct administrator: the two demo admins plus `count - 2` administrators
 * the bench inserts into its own throwaway store (the demo world has only two).
 */
export async function distinctAdminSessions(backend: RunningBackend, count: number): Promise<Session[]> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const emails = [...DEMO_ADMINS];
  for (let i = emails.length; i < count; i += 1) {
    const email = `bench-admin-${i}@demo.test`;
    await backend.services.store.query(
      `insert into staff (id, tenant_id, name, email, role, password_hash) values ($1, $2, $3, $4, 'ADMINISTRATOR', $5)
       on conflict (tenant_id, email) do nothing`,
      [`stf_bench_admin_${i}`, TENANT, `Bench Admin ${i}`, email, hash],
    );
    emails.push(email);
  }
  const sessions: Session[] = [];
  // A few at a time: each sign-in runs scrypt on the libuv pool.
  for (let i = 0; i < emails.length; i += 4) {
    sessions.push(
      ...(await Promise.all(emails.slice(i, i + 4).map((email) => login(backend.url, TENANT, email)))),
    );
  }
  return sessions;
}

/** Agent sessions, one per demo agent, for picking up the race targets. */
export async function agentSessions(url: string): Promise<Session[]> {
  return Promise.all(DEMO_AGENTS.map((email) => login(url, TENANT, email)));
}

/** Keeps Open enquiries from turning Missed (and emitting events) while the bench runs. */
export async function holdWaitLimit(url: string, admin: Session): Promise<void> {
  await gqlData(
    url,
    `mutation { updateTenantSettings(waitLimitSeconds: 86400, waitWarningSeconds: 86000) { waitLimitSeconds } }`,
    {},
    admin.token,
  );
}

/**
 * A fresh race target: a visitor starts an enquiry, an agent picks it up. Fresh targets make
 * every round alike (agent owner, no call, no earlier take-over) and the demo's own Handling
 * enquiries stay as they are.
 */
export async function createRaceTarget(url: string, agent: Session, label: string): Promise<RaceTarget> {
  const started = await gqlData<{ startEnquiry: { enquiry: { id: string } } }>(
    url,
    `mutation ($name: String!) { startEnquiry(tenant: "demo", visitorName: $name, text: "Can someone help me?") { enquiry { id } } }`,
    { name: label },
  );
  const enquiryId = started.startEnquiry.enquiry.id;
  await gqlData(
    url,
    `mutation ($id: ID!) { pickUpEnquiry(enquiryId: $id) { cursor } }`,
    { id: enquiryId },
    agent.token,
  );
  return readTarget(url, agent, enquiryId);
}

/** Reads an enquiry's version and owner (what an admin's monitor panel shows before Take over). */
export async function readTarget(url: string, viewer: Session, enquiryId: string): Promise<RaceTarget> {
  const data = await gqlData<{
    enquiry: {
      id: string;
      version: number;
      status: string;
      call: string | null;
      owner: { id: string } | null;
    };
  }>(
    url,
    `query ($id: ID!) { enquiry(id: $id) { id version status call owner { id } } }`,
    { id: enquiryId },
    viewer.token,
  );
  const enquiry = data.enquiry;
  if (enquiry.status !== 'HANDLING' || enquiry.call !== null || !enquiry.owner) {
    throw new Error(`race target ${enquiryId} is not an agent-owned Handling enquiry without a call`);
  }
  return { id: enquiry.id, version: enquiry.version, ownerId: enquiry.owner.id };
}

/** What the log says happened to a target after its race: take-over events, final owner, system messages. */
export async function raceOutcome(
  url: string,
  admin: Session,
  enquiryId: string,
): Promise<{
  takenOverEvents: number;
  takeOverSystemMessages: number;
  ownerId: string | null;
  version: number;
}> {
  const data = await gqlData<{
    auditTrail: { edges: { node: { action: string } }[] };
    room: {
      enquiry: { version: number; owner: { id: string } | null };
      messages: { kind: string; text: string }[];
    };
  }>(
    url,
    `query ($id: ID!) {
       auditTrail(enquiryId: $id, first: 100) { edges { node { action } } }
       room(enquiryId: $id) { enquiry { version owner { id } } messages(last: 200) { kind text } }
     }`,
    { id: enquiryId },
    admin.token,
  );
  return {
    takenOverEvents: data.auditTrail.edges.filter((e) => e.node.action === 'ENQUIRY_TAKEN_OVER').length,
    takeOverSystemMessages: data.room.messages.filter(
      (m) => m.kind === 'SYSTEM' && m.text.includes('took over'),
    ).length,
    ownerId: data.room.enquiry.owner?.id ?? null,
    version: data.room.enquiry.version,
  };
}
