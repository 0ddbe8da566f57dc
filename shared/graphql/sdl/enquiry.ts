/**
 * Enquiries and their rooms: the enquiry, its help request, messages, what the viewer may do
 * in the room, and the board's pages (connection, edges, filter).
 * Part of the SDL that shared/graphql/schema.ts puts together.
 */
export const enquiryTypeDefs = /* GraphQL */ `
  type Enquiry {
    id: ID!
    status: OverviewColumn!
    channel: Channel!
    visitor: Visitor!
    subject: String
    owner: Staff
    "Staff in the room, the owner included."
    participants: [Staff!]!
    "Administrators watching the room; empty for an agent unless her tenant's settings.agentsSeeMonitors is true."
    monitors: [Staff!]!
    "Everyone present in the room: the visitor plus staff participants."
    parties: Int!
    "The ongoing call, null when none."
    call: CallKind
    waitingSince: String!
    pickedUpAt: String
    lastMessageAt: String
    "When the enquiry ended: closed, or missed (nobody picked it up within the wait limit); null while Open or Handling."
    closedAt: String
    messageCount: Int!
    "Incremented when status, owner, participants or call change; pass it as expectedVersion to take over deliberately."
    version: Int!
    "The open help request (an agent asked for an administrator's help), null when none: the card's marker."
    helpRequest: HelpRequest
  }

  "An agent's request for an administrator's help with an enquiry; open while endedAt is null (at most one per enquiry)."
  type HelpRequest {
    id: ID!
    enquiry: Enquiry!
    "The agent who asked."
    agent: Staff!
    note: String
    "When the agent first asked (the request's age counts from here)."
    createdAt: String!
    "When the note last changed (asking again while the request is open updates it)."
    updatedAt: String!
    endedAt: String
    "The administrator (or the owner closing the enquiry) whose action ended it."
    endedBy: Staff
    endReason: HelpRequestEnd
  }

  type Author {
    kind: AuthorKind!
    id: ID
    name: String!
    role: Role
  }

  type Message {
    id: ID!
    enquiryId: ID!
    kind: MessageKind!
    author: Author!
    text: String!
    at: String!
    seq: Int!
  }

  "The server's answer to: which monitor-panel actions may I use now?"
  type RoomViewer {
    isOwner: Boolean!
    isParticipant: Boolean!
    isMonitoring: Boolean!
    canJoin: Boolean!
    canTakeOver: Boolean!
    "A joined (non-owner) administrator may open the chat room."
    canGoToChatRoom: Boolean!
    "An administrator who took over may continue in the chat room."
    canProceed: Boolean!
    canSendMessage: Boolean!
    canWhisper: Boolean!
    canLeave: Boolean!
    "Why Join / Take over are not available, as an error code (e.g. CALL_IN_PROGRESS)."
    blockedCode: String
    "Why Join / Take over are not available, in words a person reads."
    blockedReason: String
  }

  type Room {
    enquiry: Enquiry!
    messages(last: Int): [Message!]!
    viewer: RoomViewer!
    "Pass as roomEvents(after:) to stream from this snapshot on."
    cursor: String!
  }

  type PageInfo {
    hasNextPage: Boolean!
    endCursor: String
  }

  type EnquiryEdge {
    cursor: String!
    node: Enquiry!
  }

  type EnquiryConnection {
    edges: [EnquiryEdge!]!
    pageInfo: PageInfo!
    totalCount: Int!
    "Pass as boardEvents(after:) to stream from this snapshot on."
    boardCursor: String!
  }

  input EnquiryFilter {
    ownerId: ID
    channel: Channel
    "Matches the visitor's name or the subject, case-insensitive."
    text: String
  }
`;
