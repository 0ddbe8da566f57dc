/** Plain domain objects for the renderer's unit tests. */
import type {
  BoardEvent,
  Enquiry,
  Message,
  OverviewColumn,
  Room,
  RoomEvent,
  StaffRef,
} from '../../shared/domain';

export const grace: StaffRef = {
  id: 's-grace',
  name: 'Grace Hopper',
  email: 'grace@demo.test',
  role: 'AGENT',
};
export const ada: StaffRef = {
  id: 's-ada',
  name: 'Ada Lovelace',
  email: 'ada@demo.test',
  role: 'ADMINISTRATOR',
};

/** An enquiry with sensible defaults. */
export function enquiry(id: string, patch: Partial<Enquiry> = {}): Enquiry {
  return {
    id,
    status: 'HANDLING',
    channel: 'WEB_CHAT',
    visitor: { id: `v-${id}`, name: `Visitor ${id}` },
    subject: null,
    owner: grace,
    participants: [grace],
    monitors: [],
    parties: 2,
    call: null,
    waitingSince: '2026-01-01T10:00:00.000Z',
    pickedUpAt: '2026-01-01T10:01:00.000Z',
    lastMessageAt: null,
    closedAt: null,
    messageCount: 1,
    version: 1,
    ...patch,
  };
}

/** A board event carrying the enquiry's snapshot. */
export function boardEvent(snapshot: Enquiry, seq = snapshot.version): BoardEvent {
  return {
    cursor: String(seq),
    seq,
    type: 'MESSAGE_POSTED',
    at: '2026-01-01T10:02:00.000Z',
    actor: null,
    enquiry: snapshot,
  };
}

/** A page of one column. */
export function page(
  column: OverviewColumn,
  enquiries: Enquiry[],
  totalCount = enquiries.length,
  endCursor: string | null = null,
) {
  return {
    enquiries: enquiries.map((e) => ({ ...e, status: column })),
    hasNextPage: endCursor !== null,
    endCursor,
    totalCount,
    boardCursor: '0',
  };
}

/** A message. */
export function message(id: string, seq: number, kind: Message['kind'] = 'TEXT'): Message {
  return {
    id,
    enquiryId: 'e1',
    kind,
    author: { kind: 'VISITOR', id: null, name: 'Visitor', role: null },
    text: `message ${id}`,
    at: '2026-01-01T10:00:00.000Z',
    seq,
  };
}

/** A room of e1. */
export function room(messages: Message[], patch: Partial<Room> = {}): Room {
  return {
    enquiry: enquiry('e1'),
    messages,
    viewer: {
      isOwner: false,
      isParticipant: false,
      isMonitoring: true,
      canJoin: true,
      canTakeOver: true,
      canGoToChatRoom: false,
      canProceed: false,
      canSendMessage: false,
      canWhisper: true,
      canLeave: false,
      blockedCode: null,
      blockedReason: null,
    },
    cursor: '0',
    ...patch,
  };
}

/** A room event. */
export function roomEvent(
  type: RoomEvent['type'],
  snapshot: Enquiry,
  posted: Message | null = null,
): RoomEvent {
  return {
    cursor: String(snapshot.version),
    seq: snapshot.version,
    type,
    at: '2026-01-01T10:03:00.000Z',
    actor: null,
    enquiryId: snapshot.id,
    enquiry: snapshot,
    message: posted,
  };
}
