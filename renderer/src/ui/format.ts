/** Display helpers: durations, times, channel and call names. */
import type { CallKind, Channel, Enquiry } from '../../../shared/domain';

export const CHANNEL_LABELS: Record<Channel, string> = {
  WEB_CHAT: 'Web chat',
  WHATSAPP: 'WhatsApp',
  FACEBOOK: 'Facebook',
  EMAIL: 'Email',
  SMS: 'SMS',
};

export const CALL_LABELS: Record<CallKind, string> = {
  ONE_TO_ONE: '1-to-1 call',
  CONFERENCE: 'Conference call',
};

export const COLUMN_LABELS = {
  OPEN: 'Open',
  HANDLING: 'Handling',
  MISSED: 'Missed',
  CLOSED: 'Closed',
} as const;

/** "4:05" / "1:02:09" for a span in milliseconds. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mm = hours > 0 ? String(minutes).padStart(2, '0') : String(minutes);
  return `${hours > 0 ? `${hours}:` : ''}${mm}:${String(seconds).padStart(2, '0')}`;
}

/** "14:03:22" local time. */
export function formatClock(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** What the card's timer measures in this column, and since when. */
export function timerOf(enquiry: Enquiry): { label: string; since: string | null; end: string | null } {
  switch (enquiry.status) {
    case 'OPEN':
      return { label: 'Waiting', since: enquiry.waitingSince, end: null };
    case 'HANDLING':
      return { label: 'Handling', since: enquiry.pickedUpAt ?? enquiry.waitingSince, end: null };
    case 'MISSED':
      return { label: 'Waited', since: enquiry.waitingSince, end: enquiry.closedAt };
    case 'CLOSED':
      return { label: 'Took', since: enquiry.pickedUpAt ?? enquiry.waitingSince, end: enquiry.closedAt };
  }
}
