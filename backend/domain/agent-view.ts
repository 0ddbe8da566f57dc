import type { BoardEvent, RoomEvent } from '../../shared/domain';
import type { SqlExecutor } from '../storage/store';
import { loadEnquiry } from './enquiry-repo';
import { inViewOf, seesMonitors, type Viewer } from './rules';
import type { Enquiry, LoggedEvent } from './types';

/**
 * What an agent sees of the tenant's enquiries (issue 13, items 7 and 8), in one place:
 * - least privilege: the Open queue and the enquiries she owns or takes part in
 *   (`enquiryViewBlock`); every other enquiry is not there for her;
 * - silent monitoring: unless her tenant's `agentsSeeMonitors` says so, no Enquiry reaching
 *   her lists monitors, and no MONITOR_STARTED / MONITOR_STOPPED event reaches her at all
 *   (an event with the identity taken out would still say that someone is watching).
 *   Joining is never silent: ADMIN_JOINED, its system message and its notification reach
 *   her as before.
 *
 * Streams: administrators keep the payload objects every subscriber of a tenant shares
 * (shared-execution.ts executes a selection once per payload object). An agent's payloads are
 * chosen per subscriber here, at the source, but are themselves shared objects too: one
 * monitors-free copy per event and one removal per event, the same for every agent that gets
 * it, so no field below the subscription root depends on who is watching.
 */

/** A board event as served: `removed` says the enquiry left the viewer's view with it. */
export type ServedBoardEvent = BoardEvent & { removed: boolean };

const MONITOR_EVENTS: ReadonlySet<string> = new Set(['MONITOR_STARTED', 'MONITOR_STOPPED']);

/** Whether the event only says that someone started or stopped monitoring. */
export const isMonitorEvent = (type: string): boolean => MONITOR_EVENTS.has(type);

/** The enquiry as the viewer may see it: without monitors unless she is told of them. */
export function enquiryFor(viewer: Viewer, enquiry: Enquiry): Enquiry {
  if (seesMonitors(viewer) || enquiry.monitors.length === 0) return enquiry;
  return { ...enquiry, monitors: [] };
}

/** `enquiry(id)` for the viewer: null when it does not exist or is not hers to see. */
export async function readVisibleEnquiry(
  db: SqlExecutor,
  tenantId: string,
  viewer: Viewer,
  enquiryId: string,
): Promise<Enquiry | null> {
  const enquiry = await loadEnquiry(db, tenantId, enquiryId);
  return enquiry && inViewOf(viewer, enquiry) ? enquiry : null;
}

/** Caches one derived object per source object, so that every subscriber shares it. */
function derived<S extends object, T>(make: (source: S) => T): (source: S) => T {
  const cache = new WeakMap<S, T>();
  return (source) => {
    let value = cache.get(source);
    if (value === undefined) {
      value = make(source);
      cache.set(source, value);
    }
    return value;
  };
}

/** A board or room event's payload without the enquiry's monitors (shared per payload). */
const silentBoardEvent = derived((event: ServedBoardEvent): ServedBoardEvent => ({
  ...event,
  enquiry: { ...event.enquiry, monitors: [] },
}));
const silentRoomEvent = derived((event: RoomEvent): RoomEvent => ({
  ...event,
  enquiry: { ...event.enquiry, monitors: [] },
}));

/**
 * The removal an agent is sent when an enquiry leaves her view (someone else picked up an
 * Open enquiry, it was missed, it was handed to another agent): the event's type, time and
 * cursor, and of the enquiry only what she saw of it before and where it went (status and
 * version, so that a board that ignores `removed` still moves it out of the column it was
 * in). Who did it, who owns it now and who is in the room are left out.
 */
const removalOf = derived((event: ServedBoardEvent): ServedBoardEvent => ({
  ...event,
  actor: null,
  helpRequest: null,
  removed: true,
  enquiry: {
    ...event.enquiry,
    owner: null,
    participants: [],
    monitors: [],
    parties: 1,
    call: null,
    ...('helpRequest' in event.enquiry ? { helpRequest: null } : {}),
  },
}));

/**
 * Whether the agent may have had the enquiry in view just before this event, judged from the
 * event alone: it was in the Open queue (picked up, missed), she owned it (a take-over or
 * transfer names her as the previous owner), or she did it herself.
 */
function wasInViewBefore(event: LoggedEvent, viewer: Viewer): boolean {
  if (event.type === 'ENQUIRY_PICKED_UP' || event.type === 'ENQUIRY_MISSED') return true;
  if (event.payload.previousOwner?.id === viewer.staffId) return true;
  return event.actorId === viewer.staffId;
}

/**
 * One agent's board stream: which shared payload (if any) each event becomes for her.
 * Stateful per subscriber: it remembers the enquiries it delivered in view, so that one
 * leaving her view later becomes a removal even when the event does not say she had it.
 */
export class AgentBoardView {
  /** Enquiries this stream delivered while in view (closed ones are forgotten: that is final). */
  private readonly shown = new Set<string>();

  /**
   * The payload for `event` as this agent may see it, or null to skip it: the shared
   * payload when the enquiry is in her view (without monitors when monitoring is silent),
   * a removal when it just left her view, nothing when it was never hers.
   */
  select(event: LoggedEvent, payload: ServedBoardEvent, viewer: Viewer): ServedBoardEvent | null {
    const enquiry = event.payload.enquiry;
    const sees = seesMonitors(viewer);
    if (!sees && isMonitorEvent(event.type)) return null;
    if (inViewOf(viewer, enquiry)) {
      if (enquiry.status === 'CLOSED') this.shown.delete(enquiry.id);
      else this.shown.add(enquiry.id);
      return sees || enquiry.monitors.length === 0 ? payload : silentBoardEvent(payload);
    }
    const hadIt = this.shown.delete(enquiry.id);
    if (hadIt || wasInViewBefore(event, viewer)) return removalOf(payload);
    return null;
  }
}

/**
 * A room event as the viewer may see it, or null to skip it: silent monitoring takes
 * monitor events out and monitors off the enquiry; everything else passes as it is.
 */
export function roomEventFor(viewer: Viewer, event: RoomEvent): RoomEvent | null {
  if (seesMonitors(viewer)) return event;
  if (isMonitorEvent(event.type)) return null;
  return event.enquiry.monitors.length === 0 ? event : silentRoomEvent(event);
}
