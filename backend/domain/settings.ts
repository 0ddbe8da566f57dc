import type { SqlExecutor } from '../storage/store';
import type { Actor } from './actor';
import { refusal } from './errors';
import { supervisionBlock } from './rules';
import { writeForTenant, type TenantWrite, type WriteDeps } from './tenant-write';
import type { StaffRef } from './types';

/**
 * Tenant settings (issue 13, item 5): administrators change them, the server checks every
 * value, and every change is a SETTINGS_CHANGED event of the tenant's log (actor, setting,
 * from, to, time), which is what the audit trail shows. Written in the tenant's write, so the
 * change and its record commit together.
 */

export interface TenantSettingValues {
  waitLimitSeconds: number;
  waitWarningSeconds: number;
  slaThresholdSeconds: number;
  defaultAgentCapacity: number;
  /** Whether agents are told who monitors their enquiries (the "silent monitoring" engineer's setting). */
  agentsSeeMonitors: boolean;
}

export interface AgentCapacity {
  agent: StaffRef & { tenantId: string };
  capacity: number;
  custom: boolean;
}

export interface TenantSettings extends TenantSettingValues {
  agentCapacities: AgentCapacity[];
}

export interface TenantSettingsChange {
  waitLimitSeconds?: number | null;
  waitWarningSeconds?: number | null;
  slaThresholdSeconds?: number | null;
  defaultAgentCapacity?: number | null;
  agentsSeeMonitors?: boolean | null;
  agentCapacities?: { staffId: string; capacity?: number | null }[] | null;
}

/** Each scalar setting: its column, its name in the audit trail, and whether it needs the monitoring plan. */
const SCALARS: Record<keyof TenantSettingValues, { column: string; label: string; needsPlan: boolean }> = {
  waitLimitSeconds: { column: 'wait_limit_seconds', label: 'wait limit (s)', needsPlan: false },
  waitWarningSeconds: { column: 'wait_warning_seconds', label: 'wait warning (s)', needsPlan: false },
  slaThresholdSeconds: { column: 'sla_threshold_seconds', label: 'SLA threshold (s)', needsPlan: true },
  defaultAgentCapacity: {
    column: 'default_agent_capacity',
    label: 'default agent capacity',
    needsPlan: true,
  },
  agentsSeeMonitors: { column: 'agents_see_monitors', label: 'agents see monitors', needsPlan: false },
};
const KEYS = Object.keys(SCALARS) as (keyof TenantSettingValues)[];

export const MAX_CAPACITY = 50;

/** The tenant's settings as stored now (not the cached actor's). */
export async function readTenantSettingValues(db: SqlExecutor, tenantId: string): Promise<TenantSettings> {
  const rows = await db.query<Record<string, number | boolean>>(
    `select ${KEYS.map((key) => SCALARS[key].column).join(', ')} from tenants where id = $1`,
    [tenantId],
  );
  const row = rows[0];
  if (!row) throw refusal('NOT_FOUND', 'Your organisation no longer exists.');
  const values = Object.fromEntries(
    KEYS.map((key) => [key, row[SCALARS[key].column]]),
  ) as unknown as TenantSettingValues;
  const agents = await db.query<{ id: string; name: string; email: string; capacity: number | null }>(
    `select id, name, email, capacity from staff where tenant_id = $1 and role = 'AGENT' order by name, id`,
    [tenantId],
  );
  return {
    ...values,
    agentCapacities: agents.map((a) => ({
      agent: { id: a.id, name: a.name, email: a.email, role: 'AGENT', tenantId },
      capacity: a.capacity ?? values.defaultAgentCapacity,
      custom: a.capacity !== null,
    })),
  };
}

const wholeBetween = (value: number, min: number, max: number): boolean =>
  Number.isInteger(value) && value >= min && value <= max;

/** The settings after `change`, checked; refuses a value that makes no sense, saying which. */
function nextValues(current: TenantSettingValues, change: TenantSettingsChange): TenantSettingValues {
  const limit = change.waitLimitSeconds ?? current.waitLimitSeconds;
  const next: TenantSettingValues = {
    waitLimitSeconds: limit,
    waitWarningSeconds: change.waitWarningSeconds ?? Math.min(current.waitWarningSeconds, limit),
    slaThresholdSeconds: change.slaThresholdSeconds ?? current.slaThresholdSeconds,
    defaultAgentCapacity: change.defaultAgentCapacity ?? current.defaultAgentCapacity,
    agentsSeeMonitors: change.agentsSeeMonitors ?? current.agentsSeeMonitors,
  };
  if (!wholeBetween(next.waitLimitSeconds, 5, 86_400))
    throw refusal('BAD_USER_INPUT', 'The wait limit must be between 5 seconds and 24 hours.');
  if (!wholeBetween(next.waitWarningSeconds, 1, next.waitLimitSeconds - 1))
    throw refusal(
      'BAD_USER_INPUT',
      'The warning threshold must be at least 1 second and below the wait limit.',
    );
  if (!wholeBetween(next.slaThresholdSeconds, 1, 86_400))
    throw refusal(
      'BAD_USER_INPUT',
      'The SLA threshold must be a whole number of seconds between 1 and 86,400 (24 hours).',
    );
  if (!wholeBetween(next.defaultAgentCapacity, 0, MAX_CAPACITY))
    throw refusal(
      'BAD_USER_INPUT',
      `An agent's capacity must be a whole number between 0 and ${MAX_CAPACITY}.`,
    );
  return next;
}

function assertMayChange(actor: Actor, change: TenantSettingsChange): void {
  if (actor.staff.role !== 'ADMINISTRATOR')
    throw refusal('FORBIDDEN', 'Only administrators can change tenant settings.');
  const supervisionSetting =
    KEYS.some((key) => SCALARS[key].needsPlan && change[key] != null) || change.agentCapacities != null;
  if (supervisionSetting && supervisionBlock(actor.viewer)) {
    throw refusal(
      'PLAN_REQUIRED',
      'Your plan does not include enquiry monitoring, and the SLA threshold and agents’ capacity come with it. The wait limit and warning can still be changed.',
    );
  }
}

/** The per-agent capacities of the change, checked: agents of the tenant, each once, in range. */
async function agentCapacityChanges(
  write: TenantWrite,
  tenantId: string,
  wanted: NonNullable<TenantSettingsChange['agentCapacities']>,
): Promise<{ agent: StaffRef; from: number | null; to: number | null }[]> {
  if (wanted.length > 1000) throw refusal('BAD_USER_INPUT', 'At most 1,000 agents’ capacities at once.');
  const ids = wanted.map((w) => w.staffId);
  if (new Set(ids).size !== ids.length)
    throw refusal('BAD_USER_INPUT', 'Each agent may appear once in agentCapacities.');
  for (const w of wanted) {
    if (w.capacity != null && !wholeBetween(w.capacity, 0, MAX_CAPACITY))
      throw refusal(
        'BAD_USER_INPUT',
        `An agent's capacity must be a whole number between 0 and ${MAX_CAPACITY}.`,
      );
  }
  const rows = await write.tx.query<{ id: string; name: string; email: string; capacity: number | null }>(
    `select id, name, email, capacity from staff where tenant_id = $1 and role = 'AGENT' and id = any($2::text[])`,
    [tenantId, ids],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  const unknown = ids.find((id) => !byId.has(id));
  if (unknown !== undefined)
    throw refusal('BAD_USER_INPUT', `${unknown.slice(0, 64)} is not an agent of your organisation.`);
  return wanted.flatMap((w) => {
    const row = byId.get(w.staffId)!;
    const to = w.capacity ?? null;
    return row.capacity === to
      ? []
      : [
          {
            agent: { id: row.id, name: row.name, email: row.email, role: 'AGENT' as const },
            from: row.capacity,
            to,
          },
        ];
  });
}

/**
 * An administrator changes tenant settings (any of them; what is left out stays). The wait
 * limit and warning are any plan's; the SLA threshold and agents' capacities come with
 * enquiry monitoring (PLAN_REQUIRED without it). Each setting that changed is recorded in
 * the audit trail; the tenant's cached actors on this instance are dropped at once.
 */
export async function updateTenantSettings(
  deps: WriteDeps & { actors: { invalidate(scope: { tenantId: string }): void } },
  actor: Actor,
  change: TenantSettingsChange,
): Promise<TenantSettings> {
  assertMayChange(actor, change);
  const tenantId = actor.tenant.id;
  await writeForTenant(deps, tenantId, async (write) => {
    const current = await readTenantSettingValues(write.tx, tenantId);
    const next = nextValues(current, change);
    const capacities = change.agentCapacities
      ? await agentCapacityChanges(write, tenantId, change.agentCapacities)
      : [];
    const changed = KEYS.filter((key) => next[key] !== current[key]);
    if (changed.length > 0) {
      await write.tx.query(
        `update tenants set ${changed.map((key, i) => `${SCALARS[key].column} = $${i + 2}`).join(', ')} where id = $1`,
        [tenantId, ...changed.map((key) => next[key])],
      );
    }
    for (const c of capacities) {
      await write.tx.query('update staff set capacity = $2 where id = $1', [c.agent.id, c.to]);
    }
    for (const key of changed) {
      write.appendTenantEvent('SETTINGS_CHANGED', actor.staff, {
        setting: SCALARS[key].label,
        from: String(current[key]),
        to: String(next[key]),
      });
    }
    for (const c of capacities) {
      write.appendTenantEvent('SETTINGS_CHANGED', actor.staff, {
        setting: 'capacity',
        agent: c.agent,
        from: c.from === null ? null : String(c.from),
        to: c.to === null ? null : String(c.to),
      });
    }
  });
  deps.actors.invalidate({ tenantId });
  return readTenantSettingValues(deps.store, tenantId);
}

/** A staff member's own settings (`mySettings`), kept server-side so they follow her. */
export interface MySettings {
  notificationKinds: { kind: string; enabled: boolean }[];
  doNotDisturb: boolean;
  theme: 'SYSTEM' | 'LIGHT' | 'DARK';
}

interface StoredMySettings {
  kinds?: Record<string, boolean>;
  doNotDisturb?: boolean;
  theme?: MySettings['theme'];
}

function mySettingsOf(stored: StoredMySettings, kinds: readonly string[]): MySettings {
  return {
    notificationKinds: kinds.map((kind) => ({ kind, enabled: stored.kinds?.[kind] ?? true })),
    doNotDisturb: stored.doNotDisturb ?? false,
    theme: stored.theme ?? 'SYSTEM',
  };
}

async function readStored(db: SqlExecutor, staffId: string): Promise<StoredMySettings> {
  const rows = await db.query<{ settings: StoredMySettings | string }>(
    'select settings from staff_settings where staff_id = $1',
    [staffId],
  );
  const value = rows[0]?.settings;
  return typeof value === 'string' ? (JSON.parse(value) as StoredMySettings) : (value ?? {});
}

/** The caller's own settings; `kinds` are the notification kinds there are (from the schema). */
export async function readMySettings(
  db: SqlExecutor,
  actor: Actor,
  kinds: readonly string[],
): Promise<MySettings> {
  return mySettingsOf(await readStored(db, actor.staff.id), kinds);
}

/** Changes the caller's own settings (there is no one else's to change); what is left out stays. */
export async function updateMySettings(
  db: SqlExecutor,
  actor: Actor,
  kinds: readonly string[],
  change: {
    notificationKinds?: { kind: string; enabled: boolean }[] | null;
    doNotDisturb?: boolean | null;
    theme?: MySettings['theme'] | null;
  },
): Promise<MySettings> {
  const list = change.notificationKinds ?? [];
  if (list.length > kinds.length * 2) throw refusal('BAD_USER_INPUT', 'Name each notification kind once.');
  if (new Set(list.map((k) => k.kind)).size !== list.length)
    throw refusal('BAD_USER_INPUT', 'Name each notification kind once.');
  const stored = await readStored(db, actor.staff.id);
  const next: StoredMySettings = {
    kinds: { ...stored.kinds, ...Object.fromEntries(list.map((k) => [k.kind, k.enabled])) },
    doNotDisturb: change.doNotDisturb ?? stored.doNotDisturb ?? false,
    theme: change.theme ?? stored.theme ?? 'SYSTEM',
  };
  await db.query(
    `insert into staff_settings (staff_id, settings, updated_at) values ($1, $2::jsonb, now())
     on conflict (staff_id) do update set settings = excluded.settings, updated_at = excluded.updated_at`,
    [actor.staff.id, JSON.stringify(next)],
  );
  return mySettingsOf(next, kinds);
}
