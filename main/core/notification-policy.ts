/**
 * Which notifications become native alerts. Every notification the backend sends the
 * signed-in staff member reaches the renderer as an in-app toast; this policy decides
 * which of them also raise an OS (or Web) notification: per-kind settings, do-not-disturb,
 * and coalescing of bursts (the first alert shows at once, the rest of a burst become one
 * summary). It also keeps the unseen-alert count for the tray badge.
 */
import type { Notification, NotificationKind, Role } from '../../shared/domain';
import type { NotificationSettings } from '../../shared/ipc/contract';
import type { NativeAlert } from './ports';

/** Kinds that concern an administrator (supervisor) and an agent respectively. */
export const ADMIN_KINDS: readonly NotificationKind[] = [
  'ASSISTANCE_REQUESTED',
  'WAIT_WARNING',
  'ENQUIRY_MISSED',
  'MONITORED_ENQUIRY_TAKEN_OVER',
];
export const AGENT_KINDS: readonly NotificationKind[] = ['ADMIN_JOINED', 'TAKEN_OVER', 'ENQUIRY_TRANSFERRED'];

/** Every kind on, do-not-disturb off. */
export function defaultNotificationSettings(): NotificationSettings {
  return {
    doNotDisturb: false,
    kinds: {
      ADMIN_JOINED: true,
      TAKEN_OVER: true,
      MONITORED_ENQUIRY_TAKEN_OVER: true,
      ASSISTANCE_REQUESTED: true,
      WAIT_WARNING: true,
      ENQUIRY_MISSED: true,
      ENQUIRY_TRANSFERRED: true,
    },
  };
}

/** Merges a partial update (or a stored, possibly older, shape) over settings. */
export function mergeNotificationSettings(
  base: NotificationSettings,
  update: Partial<NotificationSettings> | null | undefined,
): NotificationSettings {
  if (!update) return base;
  const kinds = { ...base.kinds };
  for (const [kind, on] of Object.entries(update.kinds ?? {})) {
    if (kind in kinds && typeof on === 'boolean') kinds[kind as NotificationKind] = on;
  }
  return {
    doNotDisturb: typeof update.doNotDisturb === 'boolean' ? update.doNotDisturb : base.doNotDisturb,
    kinds,
  };
}

export interface NotificationPolicyOptions {
  show(alert: NativeAlert): void;
  onCount?(count: number): void;
  /** Window in which further alerts are folded into one summary. */
  coalesceMs?: number;
}

/** Decides and coalesces native alerts for one session. */
export class NotificationPolicy {
  private settings = defaultNotificationSettings();
  private role: Role | null = null;
  private windowOpenUntil = 0;
  private held: Notification[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private unseen = 0;

  constructor(private readonly options: NotificationPolicyOptions) {}

  /** The settings in force. */
  get current(): NotificationSettings {
    return this.settings;
  }

  configure(settings: NotificationSettings): void {
    this.settings = settings;
    if (settings.doNotDisturb) this.held = [];
  }

  /** The signed-in role (null when signed out); kinds of the other role are not alerted. */
  setRole(role: Role | null): void {
    this.role = role;
    if (!role) this.reset();
  }

  /** Whether this notification should raise a native alert under the current settings. */
  wants(notification: Notification): boolean {
    if (this.settings.doNotDisturb || !this.settings.kinds[notification.kind]) return false;
    const relevant = this.role === 'AGENT' ? AGENT_KINDS : this.role === 'ADMINISTRATOR' ? ADMIN_KINDS : [];
    return relevant.includes(notification.kind);
  }

  /** Considers one notification from the stream. */
  consider(notification: Notification): void {
    if (!this.wants(notification)) return;
    this.setUnseen(this.unseen + 1);
    const now = Date.now();
    const coalesceMs = this.options.coalesceMs ?? 2_000;
    if (now >= this.windowOpenUntil && this.held.length === 0) {
      this.windowOpenUntil = now + coalesceMs;
      this.options.show({
        title: notification.title,
        body: notification.body,
        enquiryId: notification.enquiryId,
        count: 1,
      });
      return;
    }
    this.held.push(notification);
    if (!this.timer) {
      this.timer = setTimeout(() => this.release(), Math.max(0, this.windowOpenUntil - now));
      this.timer.unref?.();
    }
  }

  /** The user looked at the console: the badge clears. */
  acknowledge(): void {
    this.setUnseen(0);
  }

  /** Forgets held alerts and the count (sign-out). */
  reset(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.held = [];
    this.windowOpenUntil = 0;
    this.setUnseen(0);
  }

  private release(): void {
    this.timer = null;
    const held = this.held;
    this.held = [];
    this.windowOpenUntil = Date.now() + (this.options.coalesceMs ?? 2_000);
    const only = held[0];
    if (!only) return;
    if (held.length === 1) {
      this.options.show({ title: only.title, body: only.body, enquiryId: only.enquiryId, count: 1 });
      return;
    }
    const rooms = new Set(held.map((n) => n.enquiryId));
    this.options.show({
      title: `${held.length} new alerts`,
      body: held
        .slice(0, 3)
        .map((n) => n.title)
        .join(' · '),
      enquiryId: rooms.size === 1 ? only.enquiryId : null,
      count: held.length,
    });
  }

  private setUnseen(count: number): void {
    if (count === this.unseen) return;
    this.unseen = count;
    this.options.onCount?.(count);
  }
}
