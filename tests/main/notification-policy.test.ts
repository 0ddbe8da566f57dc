/**
 * Which notifications become native alerts: per-kind settings, do-not-disturb, role, and
 * coalescing of bursts; plus the unseen count for the tray badge.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultNotificationSettings, NotificationPolicy } from '../../main/core/notification-policy';
import type { NativeAlert } from '../../main/core/ports';
import type { Notification, NotificationKind } from '../../shared/domain';

let seq = 0;
function notification(kind: NotificationKind, enquiryId: string | null = 'enq_1'): Notification {
  seq += 1;
  return {
    cursor: String(seq),
    seq,
    kind,
    title: `${kind} ${seq}`,
    body: 'body',
    enquiryId,
    actor: null,
    at: new Date().toISOString(),
  };
}

describe('notification policy', () => {
  let alerts: NativeAlert[];
  let counts: number[];
  let policy: NotificationPolicy;

  beforeEach(() => {
    vi.useFakeTimers();
    alerts = [];
    counts = [];
    policy = new NotificationPolicy({
      show: (a) => alerts.push(a),
      onCount: (c) => counts.push(c),
      coalesceMs: 1_000,
    });
    policy.setRole('ADMINISTRATOR');
  });
  afterEach(() => vi.useRealTimers());

  it('alerts an administrator of assistance requests, wait breaches and take-overs of monitored rooms', () => {
    policy.consider(notification('ASSISTANCE_REQUESTED'));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ enquiryId: 'enq_1', count: 1 });
    expect(policy.wants(notification('WAIT_WARNING'))).toBe(true);
    expect(policy.wants(notification('ENQUIRY_MISSED'))).toBe(true);
    expect(policy.wants(notification('MONITORED_ENQUIRY_TAKEN_OVER'))).toBe(true);
    expect(policy.wants(notification('TAKEN_OVER'))).toBe(false);
  });

  it('alerts an agent of their own toasts only', () => {
    policy.setRole('AGENT');
    expect(policy.wants(notification('ADMIN_JOINED'))).toBe(true);
    expect(policy.wants(notification('TAKEN_OVER'))).toBe(true);
    expect(policy.wants(notification('ASSISTANCE_REQUESTED'))).toBe(false);
  });

  it('honours per-kind settings and do-not-disturb', () => {
    const settings = defaultNotificationSettings();
    settings.kinds.WAIT_WARNING = false;
    policy.configure(settings);
    policy.consider(notification('WAIT_WARNING'));
    expect(alerts).toHaveLength(0);
    policy.configure({ ...settings, doNotDisturb: true });
    policy.consider(notification('ASSISTANCE_REQUESTED'));
    expect(alerts).toHaveLength(0);
  });

  it('coalesces a burst into one summary after the first alert, and counts unseen alerts', () => {
    policy.consider(notification('ASSISTANCE_REQUESTED', 'enq_1'));
    policy.consider(notification('WAIT_WARNING', 'enq_2'));
    policy.consider(notification('WAIT_WARNING', 'enq_3'));
    policy.consider(notification('ENQUIRY_MISSED', 'enq_4'));
    expect(alerts).toHaveLength(1);
    vi.advanceTimersByTime(1_000);
    expect(alerts).toHaveLength(2);
    expect(alerts[1]).toMatchObject({ title: '3 new alerts', enquiryId: null, count: 3 });
    expect(counts.at(-1)).toBe(4);
    policy.acknowledge();
    expect(counts.at(-1)).toBe(0);
  });
});
