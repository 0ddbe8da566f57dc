import { hashPassword } from '../../backend/auth/passwords';
import type { RunningBackend } from '../../backend/index';
import { DEMO_PASSWORD, gqlData, login, type Session } from '../../tests/support/backend-client';
import { TENANT } from './take-over-setup';

/**
 * The bench's agents: `count` agent accounts of the demo tenant (the demo world has three),
 * each signed in through the `login` mutation and, when asked, owning one Handling enquiry a
 * visitor started (`startEnquiry`) and the agent picked up (`pickUpEnquiry`).
 */

export interface BenchAgent {
  session: Session;
  /** The agent's own Handling enquiry. */
  enquiryId: string;
}

/**
 * Inserts agent accounts `bench-agent-<i>@demo.test` into the backend's own (throwaway) store,
 * with the password hashing the demo seed uses; there is no public sign-up. Existing ones are kept.
 */
async function insertAgents(backend: RunningBackend, count: number): Promise<string[]> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const emails: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const email = `bench-agent-${i}@demo.test`;
    await backend.services.store.query(
      `insert into staff (id, tenant_id, name, email, role, password_hash) values ($1, $2, $3, $4, 'AGENT', $5)
       on conflict (tenant_id, email) do nothing`,
      [`stf_bench_agent_${i}`, TENANT, `Bench Agent ${i}`, email, hash],
    );
    emails.push(email);
  }
  return emails;
}

/** Signs in `count` distinct agents, a few at a time (each sign-in runs scrypt on the libuv pool). */
export async function benchAgentSessions(backend: RunningBackend, count: number): Promise<Session[]> {
  const emails = await insertAgents(backend, count);
  const sessions: Session[] = [];
  for (let i = 0; i < emails.length; i += 4) {
    sessions.push(
      ...(await Promise.all(emails.slice(i, i + 4).map((email) => login(backend.url, TENANT, email)))),
    );
  }
  return sessions;
}

/** A visitor starts an enquiry and `agent` picks it up; returns the enquiry's id. */
export async function handlingEnquiryOf(url: string, agent: Session, visitorName: string): Promise<string> {
  const started = await gqlData<{ startEnquiry: { enquiry: { id: string } } }>(
    url,
    `mutation ($tenant: String!, $name: String!) {
       startEnquiry(tenant: $tenant, visitorName: $name, text: "Hello, is anyone there?") { enquiry { id } }
     }`,
    { tenant: TENANT, name: visitorName },
  );
  const enquiryId = started.startEnquiry.enquiry.id;
  await gqlData(
    url,
    `mutation ($id: ID!) { pickUpEnquiry(enquiryId: $id) { enquiry { id status } } }`,
    { id: enquiryId },
    agent.token,
  );
  return enquiryId;
}

/** `count` signed-in agents, each with its own Handling enquiry. */
export async function benchAgentsWithEnquiries(
  backend: RunningBackend,
  count: number,
): Promise<BenchAgent[]> {
  const sessions = await benchAgentSessions(backend, count);
  const agents: BenchAgent[] = [];
  for (let i = 0; i < sessions.length; i += 8) {
    const batch = sessions.slice(i, i + 8);
    const ids = await Promise.all(
      batch.map((session, j) => handlingEnquiryOf(backend.url, session, `Bench Visitor ${i + j}`)),
    );
    batch.forEach((session, j) => agents.push({ session, enquiryId: ids[j] as string }));
  }
  return agents;
}
