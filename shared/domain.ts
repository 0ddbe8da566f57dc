/**
 * Domain types as the console sees them: the GraphQL shapes of `graphql/documents.ts`.
 * Plain data only, so that main, preload and renderer can all pass them around.
 */
export type Role = 'ADMINISTRATOR' | 'AGENT';
export type Presence = 'ONLINE' | 'AWAY' | 'BUSY' | 'OFFLINE';
export type OverviewColumn = 'OPEN' | 'HANDLING' | 'MISSED' | 'CLOSED';
export const OVERVIEW_COLUMNS: readonly OverviewColumn[] = ['OPEN', 'HANDLING', 'MISSED', 'CLOSED'];
export type CallKind = 'ONE_TO_ONE' | 'CONFERENCE';
export type Channel = 'WEB_CHAT' | 'WHATSAPP' | 'FACEBOOK' | 'EMAIL' | 'SMS';
export const CHANNELS: readonly Channel[] = ['WEB_CHAT', 'WHATSAPP', 'FACEBOOK', 'EMAIL', 'SMS'];

/** The longest message or whisper (characters, once trimmed) the backend takes. */
export const MAX_MESSAGE_LENGTH = 4000;
export type MessageKind = 'TEXT' | 'SYSTEM' | 'WHISPER';
export type AuthorKind = 'VISITOR' | 'STAFF' | 'SYSTEM';

export type EventType =
  | 'ENQUIRY_CREATED'
  | 'ENQUIRY_PICKED_UP'
  | 'MESSAGE_POSTED'
  | 'WHISPER_POSTED'
  | 'ADMIN_JOINED'
  | 'ENQUIRY_TAKEN_OVER'
  | 'PARTICIPANT_LEFT'
  | 'CALL_STARTED'
  | 'CALL_ENDED'
  | 'ENQUIRY_CLOSED'
  | 'ENQUIRY_MISSED'
  | 'MONITOR_STARTED'
  | 'MONITOR_STOPPED'
  | 'ASSISTANCE_REQUESTED'
  | 'WAIT_WARNING'
  | 'ENQUIRY_TRANSFERRED'
  | 'HELP_REQUEST_ENDED'
  // Tenant events (no enquiry): a staff member's presence, a tenant setting (issue 13).
  | 'PRESENCE_CHANGED'
  | 'SETTINGS_CHANGED';

export type NotificationKind =
  | 'ADMIN_JOINED'
  | 'TAKEN_OVER'
  | 'MONITORED_ENQUIRY_TAKEN_OVER'
  | 'ASSISTANCE_REQUESTED'
  | 'WAIT_WARNING'
  | 'ENQUIRY_MISSED'
  | 'ENQUIRY_TRANSFERRED';

export interface StaffRef {
  id: string;
  name: string;
  email: string;
  role: Role;
}

/** Why a help request ended. */
export type HelpRequestEnd = 'JOINED' | 'TAKEN_OVER' | 'TRANSFERRED' | 'DISMISSED' | 'ENQUIRY_CLOSED';

/** An agent's request for an administrator's help with an enquiry (open while endedAt is null). */
export interface HelpRequest {
  id: string;
  enquiryId: string;
  agent: StaffRef;
  note: string | null;
  createdAt: string;
  /** When the note last changed (asking again while open updates it). */
  updatedAt: string;
  endedAt: string | null;
  endedBy: StaffRef | null;
  endReason: HelpRequestEnd | null;
}

/** A help request as a board or room event carries it (its enquiry is the event's). */
export type EventHelpRequest = Omit<HelpRequest, 'enquiryId'> & { enquiryId?: string };

export interface Visitor {
  id: string;
  name: string;
}

export interface Enquiry {
  id: string;
  status: OverviewColumn;
  channel: Channel;
  visitor: Visitor;
  subject: string | null;
  owner: StaffRef | null;
  participants: StaffRef[];
  monitors: StaffRef[];
  parties: number;
  call: CallKind | null;
  waitingSince: string;
  pickedUpAt: string | null;
  lastMessageAt: string | null;
  closedAt: string | null;
  messageCount: number;
  version: number;
  /** The open help request, if any (absent where a snapshot was made without it). */
  helpRequest?: HelpRequest | null;
}

export interface Author {
  kind: AuthorKind;
  id: string | null;
  name: string;
  role: Role | null;
}

export interface Message {
  id: string;
  enquiryId: string;
  kind: MessageKind;
  author: Author;
  text: string;
  at: string;
  seq: number;
}

export interface RoomViewer {
  isOwner: boolean;
  isParticipant: boolean;
  isMonitoring: boolean;
  canJoin: boolean;
  canTakeOver: boolean;
  canGoToChatRoom: boolean;
  canProceed: boolean;
  canSendMessage: boolean;
  canWhisper: boolean;
  canLeave: boolean;
  blockedCode: string | null;
  blockedReason: string | null;
}

export interface Room {
  enquiry: Enquiry;
  messages: Message[];
  viewer: RoomViewer;
  cursor: string;
}

export interface BoardEvent {
  cursor: string;
  seq: number;
  type: EventType;
  at: string;
  actor: StaffRef | null;
  enquiry: Enquiry;
  /** The help request this event opened, changed or ended (who ended it and how); null or absent otherwise. */
  helpRequest?: EventHelpRequest | null;
  /**
   * True when the enquiry left the viewer's view with this event (an agent's board: an Open
   * enquiry someone else picked up, one transferred away from her or missed): the board drops
   * it. The enquiry then carries only its id, status and version. Absent or false otherwise.
   */
  removed?: boolean;
}

export interface RoomEvent {
  cursor: string;
  seq: number;
  type: EventType;
  at: string;
  actor: StaffRef | null;
  enquiryId: string;
  enquiry: Enquiry;
  message: Message | null;
  /** The help request this event opened, changed or ended (who ended it and how); null or absent otherwise. */
  helpRequest?: EventHelpRequest | null;
}

export interface Notification {
  cursor: string;
  seq: number;
  kind: NotificationKind;
  title: string;
  body: string;
  enquiryId: string | null;
  actor: StaffRef | null;
  at: string;
}

export interface EnquiryPage {
  enquiries: Enquiry[];
  hasNextPage: boolean;
  endCursor: string | null;
  totalCount: number;
  boardCursor: string;
}

export interface EnquiryFilter {
  ownerId?: string | null;
  channel?: Channel | null;
  text?: string | null;
}

/**
 * Who else is in an enquiry's room besides its owner: administrators who joined, and agents
 * still there with an administrator who took it over.
 */
export function roomCompany(enquiry: Pick<Enquiry, 'owner' | 'participants'>): {
  joined: StaffRef[];
  alongside: StaffRef[];
} {
  const others = enquiry.participants.filter((p) => p.id !== enquiry.owner?.id);
  return {
    joined: others.filter((p) => p.role === 'ADMINISTRATOR'),
    alongside: others.filter((p) => p.role !== 'ADMINISTRATOR'),
  };
}
