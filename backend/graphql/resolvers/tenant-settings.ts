import type { Actor } from '../../domain/actor';
import * as settings from '../../domain/settings';
import type { Services } from '../../services';

/** A tenant's settings, as the schema's TenantSettings (see backend/domain/settings.ts). */
export type TenantSettings = settings.TenantSettings;

/**
 * The tenant's settings read from the store, not from the cached actor: the Settings
 * dialog shows, and a partial change builds on, what is stored now (another instance may
 * have changed it within the actor cache's time).
 */
export function readTenantSettings(services: Services, tenantId: string): Promise<TenantSettings> {
  return settings.readTenantSettingValues(services.store, tenantId);
}

/**
 * An administrator changes tenant settings (any of them); checked, audited and applied in
 * the tenant's write. The tenant's cached actors on this instance are dropped at once; other
 * instances pick the change up within the actor cache's time.
 */
export function updateTenantSettings(
  services: Services,
  actor: Actor,
  args: settings.TenantSettingsChange,
): Promise<TenantSettings> {
  return settings.updateTenantSettings(services, actor, args);
}
