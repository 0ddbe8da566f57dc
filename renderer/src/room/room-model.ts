/**
 * A room as pure data: applying live room events to the Room snapshot that `room/open`
 * (or join / take over) answered with. Pure functions only: unit-tested in tests/renderer.
 */
import type { Enquiry, EventType, Message, Room, RoomEvent, RoomViewer } from '../../../shared/domain';

/** Where the viewer stands in a room, as the server answered (Room.viewer). */
export type RoomStanding = 'owner' | 'joined' | 'monitoring' | 'none';

/** The viewer's standing from the server's `viewer` answer. */
export function standingOf(viewer: RoomViewer): RoomStanding {
  if (viewer.isOwner) return 'owner';
  if (viewer.isParticipant) return 'joined';
  return viewer.isMonitoring ? 'monitoring' : 'none';
}

/** Events after which the server's viewer answer (which actions are allowed) may differ. */
const VIEWER_CHANGING: ReadonlySet<EventType> = new Set<EventType>([
  'ENQUIRY_PICKED_UP',
  'ADMIN_JOINED',
  'ENQUIRY_TAKEN_OVER',
  'ENQUIRY_TRANSFERRED',
  'PARTICIPANT_LEFT',
  'CALL_STARTED',
  'CALL_ENDED',
  'ENQUIRY_CLOSED',
  'ENQUIRY_MISSED',
]);

/** Whether any of these events may change what the viewer is allowed to do. */
export function changesViewer(events: readonly RoomEvent[]): boolean {
  return events.some((event) => VIEWER_CHANGING.has(event.type));
}

/** Whether `message` is already in `known` (sorted by seq): a binary search by seq. */
function isKnown(known: readonly Message[], message: Message): boolean {
  let low = 0;
  let high = known.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (known[middle]!.seq < message.seq) low = middle + 1;
    else high = middle;
  }
  for (let i = low; i < known.length && known[i]!.seq === message.seq; i++) {
    if (known[i]!.id === message.id) return true;
  }
  return false;
}

/**
 * Merges two message lists: unique by id, ordered by sequence number. Messages already
 * known (a sent message echoed by the stream) change nothing; the live case (every new
 * message after the last one known) appends without looking at the rest, so a room that
 * streams for hours costs the same per message as a new one.
 */
export function mergeMessages(known: readonly Message[], incoming: readonly Message[]): Message[] {
  const last = known.length > 0 ? known[known.length - 1]!.seq : -Infinity;
  const added = incoming.filter((message) => message.seq > last || !isKnown(known, message));
  if (added.length === 0) return known as Message[];
  let previous = last;
  let appendOnly = true;
  const ids = new Set<string>();
  for (const message of added) {
    if (message.seq <= previous || ids.has(message.id)) appendOnly = false;
    previous = message.seq;
    ids.add(message.id);
  }
  if (appendOnly) return known.concat(added);
  const byId = new Map<string, Message>();
  for (const message of known) byId.set(message.id, message);
  for (const message of added) if (!byId.has(message.id)) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

function newer(a: Enquiry, b: Enquiry): Enquiry {
  return b.version >= a.version ? b : a;
}

/** Applies room events in order: messages appended once, the enquiry snapshot replaced by the newest. */
export function applyRoomEvents(room: Room, events: readonly RoomEvent[]): Room {
  if (events.length === 0) return room;
  let enquiry = room.enquiry;
  const messages: Message[] = [];
  let cursor = room.cursor;
  for (const event of events) {
    enquiry = newer(enquiry, event.enquiry);
    if (event.message) messages.push(event.message);
    cursor = event.cursor;
  }
  return { ...room, enquiry, messages: mergeMessages(room.messages, messages), cursor };
}

/**
 * Combines a fresh Room answer from the server (room/open, join, take over, leave) with the
 * one we hold: the server's viewer wins, the newest enquiry snapshot wins, messages merge.
 */
export function mergeRoom(previous: Room | undefined, fresh: Room): Room {
  if (!previous) return fresh;
  return {
    enquiry: newer(previous.enquiry, fresh.enquiry),
    messages: mergeMessages(previous.messages, fresh.messages),
    viewer: fresh.viewer,
    cursor: fresh.cursor,
  };
}
