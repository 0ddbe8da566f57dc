/** How the Audit trail dialog words its entries: actions, times, monitoring visits, file names. */
import type { AuditEntry } from '../../../shared/ipc/contract';
import { formatDuration } from '../ui/format';

const ACTION_LABELS: Record<string, string> = {
  MONITOR_STARTED: 'Monitored',
  MONITOR_STOPPED: 'Stopped monitoring',
  ADMIN_JOINED: 'Joined',
  ENQUIRY_TAKEN_OVER: 'Took over',
  PARTICIPANT_LEFT: 'Left',
  WHISPER_POSTED: 'Whispered',
  ENQUIRY_TRANSFERRED: 'Transferred',
  ENQUIRY_CLOSED: 'Closed',
  ASSISTANCE_REQUESTED: 'Asked for help',
  HELP_REQUEST_ENDED: 'Help request ended',
  SETTINGS_CHANGED: 'Changed a setting',
};

/** "Took over", "Monitored", …; an action this console does not know yet reads as its name. */
export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action.charAt(0) + action.slice(1).toLowerCase().replaceAll('_', ' ');
}

/** "7 Dec 2026, 09:35:12" in the reader's locale and time zone. */
export function formatWhen(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString([], {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** What the Detail column says: a monitoring visit's length, then the backend's detail. */
export function entryDetail(entry: AuditEntry): string {
  const parts: string[] = [];
  if (entry.action === 'MONITOR_STARTED') {
    parts.push(
      entry.endedAt
        ? `for ${formatDuration(Date.parse(entry.endedAt) - Date.parse(entry.at))} (until ${new Date(entry.endedAt).toLocaleTimeString()})`
        : 'still monitoring',
    );
  }
  if (entry.detail) parts.push(entry.detail);
  return parts.join(' · ');
}

/** A datetime-local input's value ("2026-12-07T09:30") as an ISO time, or null when empty or unreadable. */
export function localInputToIso(value: string): string | null {
  if (!value) return null;
  const time = new Date(value).getTime();
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** "audit-trail-demo-2026-12-07-0935.csv" */
export function csvFileName(tenant: string | null, now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`;
  const who = (tenant ?? '').replace(/[^A-Za-z0-9_-]/g, '');
  return `audit-trail-${who ? `${who}-` : ''}${stamp}.csv`;
}

/**
 * Saves text as a file through the browser's own download (a Blob URL and a link with
 * `download`): the same in the browser host and in Electron's renderer, which has no
 * file system access of its own.
 */
export function downloadText(text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy by the time the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
