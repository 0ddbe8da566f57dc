import type { Notification, NotificationKind } from '../../shared/domain';
import { mayReadWhispers, type Viewer } from './rules';
import type { LoggedEvent } from './types';

/** "45 s" / "3 min" between two ISO times, for people to read. */
function waited(since: string, at: string): string {
  const seconds = Math.max(0, Math.round((Date.parse(at) - Date.parse(since)) / 1000));
  return seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}

/**
 * Which logged events become a toast for which staff member. A pure function of the event
 * and the viewer, so that `notifications(after:)` replays exactly what was shown live.
 */
export function notificationFor(event: LoggedEvent, viewer: Viewer): Notification | null {
  if (!event.enquiryId) return null; // tenant events (presence, settings) are no one's toast
  const { enquiry, actor } = event.payload;
  if (actor?.id === viewer.staffId) return null;
  // No toast says anything of a whisper to someone who may not read it.
  if (
    (event.type === 'WHISPER_POSTED' || event.payload.message?.kind === 'WHISPER') &&
    !mayReadWhispers(viewer)
  ) {
    return null;
  }
  const visitor = enquiry.visitor.name;
  const who = actor?.name ?? 'Someone';
  const supervising = viewer.role === 'ADMINISTRATOR' && viewer.enquiryMonitoring;
  const make = (kind: NotificationKind, title: string, body: string): Notification => ({
    cursor: String(event.seq),
    seq: event.seq,
    kind,
    title,
    body,
    enquiryId: enquiry.id,
    actor,
    at: event.at,
  });
  const inRoom = enquiry.participants.some((p) => p.id === viewer.staffId);
  switch (event.type) {
    case 'ADMIN_JOINED':
      return inRoom
        ? make(
            'ADMIN_JOINED',
            `${who} joined the enquiry`,
            `${who} (administrator) joined your enquiry with ${visitor}.`,
          )
        : null;
    case 'ENQUIRY_TAKEN_OVER': {
      if (event.payload.previousOwner?.id === viewer.staffId) {
        return make(
          'TAKEN_OVER',
          `${who} took over the enquiry`,
          `${who} (administrator) took over your enquiry with ${visitor}. You remain in the room as a participant.`,
        );
      }
      if (enquiry.monitors.some((m) => m.id === viewer.staffId)) {
        return make(
          'MONITORED_ENQUIRY_TAKEN_OVER',
          `${who} took over an enquiry you are monitoring`,
          `${who} took over the enquiry with ${visitor}.`,
        );
      }
      return null;
    }
    case 'ENQUIRY_TRANSFERRED': {
      const to = enquiry.owner?.name ?? 'another agent';
      if (enquiry.owner?.id === viewer.staffId) {
        return make(
          'ENQUIRY_TRANSFERRED',
          `${who} transferred an enquiry to you`,
          `${who} (administrator) transferred the enquiry with ${visitor} to you. It is yours to handle now.`,
        );
      }
      if (event.payload.previousOwner?.id === viewer.staffId) {
        return make(
          'ENQUIRY_TRANSFERRED',
          `${who} transferred your enquiry to ${to}`,
          `${who} (administrator) transferred your enquiry with ${visitor} to ${to}. You are no longer in the room.`,
        );
      }
      return null;
    }
    case 'ASSISTANCE_REQUESTED':
      return supervising
        ? make(
            'ASSISTANCE_REQUESTED',
            `${who} asks for assistance`,
            event.payload.note ? `${visitor}: ${event.payload.note}` : `With the enquiry of ${visitor}.`,
          )
        : null;
    case 'WAIT_WARNING':
      return supervising
        ? make(
            'WAIT_WARNING',
            'An enquiry is waiting too long',
            `${visitor} has been waiting ${waited(enquiry.waitingSince, event.at)}.`,
          )
        : null;
    case 'ENQUIRY_MISSED':
      return supervising
        ? make('ENQUIRY_MISSED', 'An enquiry was missed', `Nobody picked up ${visitor}'s enquiry in time.`)
        : null;
    default:
      return null;
  }
}
