import type { Presence } from '../../shared/domain';
import type { AgentStatus as SharedAgentStatus } from '../../shared/live-metrics';
import type { SqlExecutor } from '../storage/store';
import type { Actor } from './actor';
import { iso } from './enquiry-repo';
import { refusal } from './errors';
import { supervisionBlock, type Viewer } from './rules';
import { writeForTenant, type WriteDeps } from './tenant-write';
import type { StaffRef } from './types';

/** The agent as resolved: her staff row, so that the GraphQL Staff fields resolve from it. */
export type AgentRef = StaffRef & { presence: Presence; tenantId: string };

/** The agents region: who is there, how busy, since when (issue 13, item 2). */
export type AgentStatus = SharedAgentStatus<AgentRef>;

const PRESENCES: readonly Presence[] = ['ONLINE', 'AWAY', 'BUSY', 'OFFLINE'];

/**
 * Why the viewer may not watch the agents or the live metrics, or null: they come with
 * supervision (administrator role, monitoring plan), like the board's other supervisor regions.
 */
export function supervisorViewBlock(
  viewer: Viewer,
  what: string,
): { code: 'FORBIDDEN' | 'PLAN_REQUIRED'; reason: string } | null {
  const block = supervisionBlock(viewer);
  if (!block) return null;
  return block.code === 'FORBIDDEN'
    ? { code: 'FORBIDDEN', reason: `Only administrators can see ${what}.` }
    : {
        code: 'PLAN_REQUIRED',
        reason: `Your plan does not include enquiry monitoring, and ${what} come with it. Ask your account owner to upgrade the plan.`,
      };
}

/** Refuses a viewer who may not see `what` (see supervisorViewBlock). */
export function assertSupervisorView(actor: Actor, what: string): void {
  const block = supervisorViewBlock(actor.viewer, what);
  if (block) throw refusal(block.code, block.reason);
}

/**
 * Every agent of the tenant, by name: presence and since when, Handling enquiries she owns
 * and her capacity (her own, or the tenant's default). Two index reads: the tenant's staff,
 * and its Handling enquiries grouped by owner.
 */
export async function readAgents(db: SqlExecutor, tenantId: string): Promise<AgentStatus[]> {
  const rows = await db.query<{
    id: string;
    name: string;
    email: string;
    presence: Presence;
    presence_since: Date | string;
    capacity: number;
    chats: number | string;
  }>(
    `select s.id, s.name, s.email, s.presence, s.presence_since,
            coalesce(s.capacity, t.default_agent_capacity) as capacity, coalesce(h.chats, 0) as chats
       from staff s
       join tenants t on t.id = s.tenant_id
       left join (select owner_id, count(*) as chats from enquiries
                   where tenant_id = $1 and status = 'HANDLING' group by owner_id) h on h.owner_id = s.id
      where s.tenant_id = $1 and s.role = 'AGENT'
      order by s.name, s.id`,
    [tenantId],
  );
  return rows.map((row) => ({
    agent: {
      id: row.id,
      name: row.name,
      email: row.email,
      role: 'AGENT',
      presence: row.presence,
      tenantId,
    },
    presence: row.presence,
    presenceSince: iso(row.presence_since),
    chatsInHand: Number(row.chats),
    capacity: row.capacity,
  }));
}

/**
 * A staff member sets her own presence (there is no one else's to set). A change records
 * when it happened and is a PRESENCE_CHANGED event of the tenant's log, which is how the
 * agents region and the live metrics learn of it on every instance; the same presence again
 * changes nothing.
 */
export async function setOwnPresence(
  deps: WriteDeps,
  actor: Actor,
  presence: string,
): Promise<{ presence: Presence; presenceSince: string }> {
  if (!PRESENCES.includes(presence as Presence))
    throw refusal('BAD_USER_INPUT', `Presence must be one of ${PRESENCES.join(', ')}.`);
  return writeForTenant(deps, actor.tenant.id, async (write) => {
    const [current] = await write.tx.query<{ presence: Presence; presence_since: Date | string }>(
      'select presence, presence_since from staff where id = $1 and tenant_id = $2',
      [actor.staff.id, actor.tenant.id],
    );
    if (!current) throw refusal('NOT_FOUND', 'Your account no longer exists.');
    if (current.presence === presence)
      return { presence: current.presence, presenceSince: iso(current.presence_since) };
    const since = write.now.toISOString();
    await write.tx.query('update staff set presence = $2, presence_since = $3 where id = $1', [
      actor.staff.id,
      presence,
      since,
    ]);
    write.appendTenantEvent('PRESENCE_CHANGED', actor.staff, { presence, previous: current.presence });
    return { presence: presence as Presence, presenceSince: since };
  });
}
