/** The notification policy's settings, read once from the settings store and saved on change. */
import type { NotificationSettings } from '../../shared/ipc/contract';
import {
  defaultNotificationSettings,
  mergeNotificationSettings,
  type NotificationPolicy,
} from './notification-policy';
import type { SettingsStore } from './ports';

export class StoredNotificationSettings {
  private loaded = false;

  constructor(
    private readonly policy: NotificationPolicy,
    private readonly store: SettingsStore | undefined,
  ) {}

  /** Configures the policy from the store, the first time only. */
  async load(): Promise<void> {
    if (this.loaded) return;
    this.loaded = true;
    const stored = await this.store?.loadNotificationSettings().catch(() => null);
    this.policy.configure(mergeNotificationSettings(defaultNotificationSettings(), stored));
  }

  async current(): Promise<NotificationSettings> {
    await this.load();
    return this.policy.current;
  }

  /** Applies a change to the policy and saves it (a failed save keeps the change for this run). */
  async update(update: Partial<NotificationSettings>): Promise<NotificationSettings> {
    await this.load();
    const next = mergeNotificationSettings(this.policy.current, update);
    this.policy.configure(next);
    await this.store?.saveNotificationSettings(next).catch(() => undefined);
    return next;
  }
}
