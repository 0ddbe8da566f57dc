import { loadActor, type Actor } from '../domain/actor';
import * as handling from '../domain/handling';
import { writeForTenant } from '../domain/tenant-write';
import type { Channel } from '../domain/types';
import { openEnquiry, sendVisitorMessage } from '../domain/visitors';
import type { Services } from '../services';
import { DEMO_TENANTS } from './world';

/**
 * Keeps the demo board alive: visitors arrive and write, agents pick up, chat, call and
 * close. It acts through the same domain functions as the API, so every rule applies; and as
 * a contact centre would, only an agent who is online and below her capacity picks up.
 */

const FIRST = [
  'Ava',
  'Ben',
  'Cleo',
  'Dev',
  'Elif',
  'Finn',
  'Gia',
  'Hugo',
  'Ines',
  'Jude',
  'Kai',
  'Lena',
  'Milo',
  'Nia',
  'Otto',
  'Pia',
];
const LAST = [
  'Adams',
  'Bauer',
  'Costa',
  'Dubois',
  'Evans',
  'Fischer',
  'Garcia',
  'Horvat',
  'Ito',
  'Jensen',
  'Khan',
  'Lopez',
];
const CHANNELS: Channel[] = ['WEB_CHAT', 'WEB_CHAT', 'WHATSAPP', 'FACEBOOK', 'EMAIL', 'SMS'];
const VISITOR_LINES = [
  'Any update?',
  'Thanks, that helps.',
  'Could you check again?',
  'I have another question.',
  'Great!',
];
const AGENT_LINES = [
  'Let me check that for you.',
  'Thanks for waiting.',
  'I have updated your account.',
  'Anything else I can do?',
];
const SUBJECTS = ['Billing', 'Delivery', 'Returns', 'Account', 'Technical issue', 'Pricing'];

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;

interface Row {
  id: string;
  status: string;
  owner_id: string | null;
  owner_role: string | null;
  call: string | null;
}

/** The agents of the tenant who are online and handle fewer enquiries than their capacity. */
export async function agentsWithRoom(services: Services, tenantId: string): Promise<Set<string>> {
  const rows = await services.store.query<{ id: string }>(
    `select s.id from staff s join tenants t on t.id = s.tenant_id
      where s.tenant_id = $1 and s.role = 'AGENT' and s.presence = 'ONLINE'
        and (select count(*) from enquiries e
              where e.tenant_id = s.tenant_id and e.status = 'HANDLING' and e.owner_id = s.id)
            < coalesce(s.capacity, t.default_agent_capacity)`,
    [tenantId],
  );
  return new Set(rows.map((row) => row.id));
}

async function step(services: Services, tenantId: string, agents: Actor[]): Promise<void> {
  const rows = await services.store.query<Row>(
    `select e.id, e.status, e.owner_id, s.role as owner_role, e.call
       from enquiries e left join staff s on s.id = e.owner_id
      where e.tenant_id = $1 and e.status in ('OPEN', 'HANDLING') order by e.waiting_since`,
    [tenantId],
  );
  const open = rows.filter((r) => r.status === 'OPEN');
  const agentOwned = rows.filter((r) => r.status === 'HANDLING' && r.owner_role === 'AGENT');
  const ownerOf = (row: Row): Actor | undefined => agents.find((a) => a.staff.id === row.owner_id);
  const roll = Math.random();
  if (open.length < 2 || roll < 0.2) {
    await writeForTenant(services, tenantId, (write) =>
      openEnquiry(write, {
        tenant: tenantId,
        visitorName: `${pick(FIRST)} ${pick(LAST)}`,
        channel: pick(CHANNELS),
        subject: pick(SUBJECTS),
        text: 'Hello, I need some help please.',
      }),
    );
  } else if (roll < 0.4 && open[0]) {
    const free = await agentsWithRoom(services, tenantId);
    const candidates = agents.filter((a) => free.has(a.staff.id));
    if (candidates.length > 0) await handling.pickUpEnquiry(services, pick(candidates), open[0].id);
  } else if (roll < 0.75 && agentOwned.length > 0) {
    const row = pick(agentOwned);
    const owner = ownerOf(row);
    if (Math.random() < 0.5 || !owner) {
      const visitor = await services.store.query<{ visitor_id: string }>(
        'select visitor_id from enquiries where id = $1',
        [row.id],
      );
      const visitorId = visitor[0]?.visitor_id;
      if (visitorId)
        await sendVisitorMessage(
          services,
          { kind: 'visitor', visitorId, tenantId, enquiryId: row.id },
          pick(VISITOR_LINES),
        );
    } else {
      await handling.sendStaffMessage(services, owner, row.id, pick(AGENT_LINES));
    }
  } else if (roll < 0.85 && agentOwned.length > 0) {
    const row = pick(agentOwned);
    const owner = ownerOf(row);
    if (!owner) return;
    if (row.call) await handling.endCall(services, owner, row.id);
    else await handling.startCall(services, owner, row.id, Math.random() < 0.7 ? 'ONE_TO_ONE' : 'CONFERENCE');
  } else if (agentOwned.length > 10 || (roll < 0.95 && agentOwned.length > 6)) {
    const row = agentOwned.find((r) => !r.call) ?? pick(agentOwned);
    const owner = ownerOf(row);
    if (owner) await handling.closeEnquiry(services, owner, row.id);
  } else if (agentOwned.length > 0) {
    const row = pick(agentOwned);
    const owner = ownerOf(row);
    if (owner) await handling.requestAssistance(services, owner, row.id, 'The visitor asks for a manager.');
  }
}

/** Starts the simulator; every `intervalMs` each demo tenant takes one step. */
export function startSimulator(
  services: Services,
  intervalMs: number,
  log: (message: string) => void,
): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  let stopped = false;
  const agentsByTenant = new Map<string, Actor[]>();
  const agentsOf = async (tenantId: string): Promise<Actor[]> => {
    const cached = agentsByTenant.get(tenantId);
    if (cached) return cached;
    const rows = await services.store.query<{ id: string }>(
      `select id from staff where tenant_id = $1 and role = 'AGENT'`,
      [tenantId],
    );
    const agents = await Promise.all(
      rows.map((row) =>
        loadActor(services.store, { kind: 'staff', staffId: row.id, tenantId, role: 'AGENT', expiresAt: 0 }),
      ),
    );
    agentsByTenant.set(tenantId, agents);
    return agents;
  };
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = (async () => {
      for (const tenant of DEMO_TENANTS) {
        try {
          const agents = await agentsOf(tenant.id);
          if (agents.length > 0) await step(services, tenant.id, agents);
        } catch (error) {
          // A refused step (the world moved on meanwhile) is normal; anything else is logged.
          const code = (error as { extensions?: { code?: string } }).extensions?.code;
          if (!code) log(`simulator step failed: ${String(error)}`);
        }
      }
    })().finally(() => {
      running = null;
    });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
