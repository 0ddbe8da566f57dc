import { MAX_MESSAGE_LENGTH } from '../../shared/domain';
import type { SqlExecutor } from '../storage/store';
import { refusal, unauthenticated } from './errors';
import type { Viewer } from './rules';
import type { StaffPrincipal, StaffRef, StaffRow, TenantRow } from './types';

/** A signed-in staff member with their tenant (reused for a short time per instance: see ActorCache). */
export interface Actor {
  staff: StaffRef;
  tenant: TenantRow;
  viewer: Viewer;
}

/** Loads the actor behind a verified principal; a deleted account is UNAUTHENTICATED. */
export async function loadActor(db: Pick<SqlExecutor, 'query'>, principal: StaffPrincipal): Promise<Actor> {
  const rows = await db.query<StaffRow & TenantRow & { tenant_name: string }>(
    `select s.id, s.tenant_id, s.name, s.email, s.role, s.presence,
            t.name as tenant_name, t.plan, t.enquiry_monitoring, t.wait_limit_seconds, t.wait_warning_seconds,
            t.agents_see_monitors
       from staff s join tenants t on t.id = s.tenant_id
      where s.id = $1 and s.tenant_id = $2`,
    [principal.staffId, principal.tenantId],
  );
  const row = rows[0];
  if (!row) throw unauthenticated();
  return {
    staff: { id: row.id, name: row.name, email: row.email, role: row.role },
    tenant: {
      id: row.tenant_id,
      name: row.tenant_name,
      plan: row.plan,
      enquiry_monitoring: row.enquiry_monitoring,
      wait_limit_seconds: row.wait_limit_seconds,
      wait_warning_seconds: row.wait_warning_seconds,
      agents_see_monitors: row.agents_see_monitors === true,
    },
    viewer: {
      staffId: row.id,
      role: row.role,
      enquiryMonitoring: row.enquiry_monitoring,
      agentsSeeMonitors: row.agents_see_monitors === true,
    },
  };
}

/** The text of a message or whisper, trimmed; refuses empty or oversized text. */
export function messageText(text: string, max = MAX_MESSAGE_LENGTH): string {
  const trimmed = text.trim();
  if (trimmed.length === 0) throw refusal('BAD_USER_INPUT', 'A message cannot be empty.');
  if (trimmed.length > max)
    throw refusal('BAD_USER_INPUT', `A message can be at most ${max} characters long.`);
  return trimmed;
}

/** Refuses an id that cannot be one of ours before it reaches a query. */
export function checkId(id: string, what = 'enquiry'): string {
  if (id.length === 0 || id.length > 128) throw refusal('BAD_USER_INPUT', `That is not a valid ${what} id.`);
  return id;
}
