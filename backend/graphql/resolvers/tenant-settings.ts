import type { Actor } from '../../domain/actor';
import { refusal } from '../../domain/errors';
import type { Services } from '../../services';

/** A tenant's wait-time settings, as the schema's TenantSettings. */
export interface TenantSettings {
  waitLimitSeconds: number;
  waitWarningSeconds: number;
  /** Whether agents are told who monitors their enquiries (silent monitoring when false). */
  agentsSeeMonitors: boolean;
}

/**
 * The tenant's settings read from the store, not from the cached actor: the Settings
 * dialog shows, and a partial change builds on, what is stored now (another instance may
 * have changed it within the actor cache's time).
 */
export async function readTenantSettings(services: Services, tenantId: string): Promise<TenantSettings> {
  const rows = await services.store.query<{
    wait_limit_seconds: number;
    wait_warning_seconds: number;
    agents_see_monitors: boolean;
  }>('select wait_limit_seconds, wait_warning_seconds, agents_see_monitors from tenants where id = $1', [
    tenantId,
  ]);
  const row = rows[0];
  if (!row) throw refusal('NOT_FOUND', 'Your organisation no longer exists.');
  return {
    waitLimitSeconds: row.wait_limit_seconds,
    waitWarningSeconds: row.wait_warning_seconds,
    agentsSeeMonitors: row.agents_see_monitors === true,
  };
}

/**
 * An administrator changes the tenant's wait limit and warning threshold (either or both).
 * The tenant's cached actors on this instance are dropped at once; other instances pick
 * the change up within the actor cache's time.
 */
export async function updateTenantSettings(
  services: Services,
  actor: Actor,
  args: {
    waitLimitSeconds?: number | null;
    waitWarningSeconds?: number | null;
    agentsSeeMonitors?: boolean | null;
  },
): Promise<TenantSettings> {
  if (actor.staff.role !== 'ADMINISTRATOR')
    throw refusal('FORBIDDEN', 'Only administrators can change tenant settings.');
  const current = await readTenantSettings(services, actor.tenant.id);
  const limitSeconds = args.waitLimitSeconds ?? current.waitLimitSeconds;
  const warningSeconds = args.waitWarningSeconds ?? Math.min(current.waitWarningSeconds, limitSeconds);
  if (!Number.isInteger(limitSeconds) || limitSeconds < 5 || limitSeconds > 86_400) {
    throw refusal('BAD_USER_INPUT', 'The wait limit must be between 5 seconds and 24 hours.');
  }
  if (!Number.isInteger(warningSeconds) || warningSeconds < 1 || warningSeconds >= limitSeconds) {
    throw refusal(
      'BAD_USER_INPUT',
      'The warning threshold must be at least 1 second and below the wait limit.',
    );
  }
  const agentsSeeMonitors = args.agentsSeeMonitors ?? current.agentsSeeMonitors;
  await services.store.query(
    'update tenants set wait_limit_seconds = $2, wait_warning_seconds = $3, agents_see_monitors = $4 where id = $1',
    [actor.tenant.id, limitSeconds, warningSeconds, agentsSeeMonitors],
  );
  services.actors.invalidate({ tenantId: actor.tenant.id });
  return { waitLimitSeconds: limitSeconds, waitWarningSeconds: warningSeconds, agentsSeeMonitors };
}
