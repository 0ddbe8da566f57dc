/**
 * The enquiry backend's GraphQL SDL. Its names are the public contract (docs/api.md; printed to
 * docs/schema.graphql by `npm run schema:print`): add freely, rename or remove nothing without a
 * migration note.
 */
export const typeDefs = /* GraphQL */ `
  enum Role {
    ADMINISTRATOR
    AGENT
  }

  enum Presence {
    ONLINE
    AWAY
    "Signed in but taking no new enquiries."
    BUSY
    OFFLINE
  }

  "A staff member's colour theme; SYSTEM follows the operating system."
  enum Theme {
    SYSTEM
    LIGHT
    DARK
  }

  enum OverviewColumn {
    OPEN
    HANDLING
    MISSED
    CLOSED
  }

  enum CallKind {
    ONE_TO_ONE
    CONFERENCE
  }

  enum Channel {
    WEB_CHAT
    WHATSAPP
    FACEBOOK
    EMAIL
    SMS
  }

  enum MessageKind {
    TEXT
    SYSTEM
    WHISPER
  }

  enum AuthorKind {
    VISITOR
    STAFF
    SYSTEM
  }

  "What happened to an enquiry; one value per entry of the event log."
  enum EventType {
    ENQUIRY_CREATED
    ENQUIRY_PICKED_UP
    MESSAGE_POSTED
    WHISPER_POSTED
    ADMIN_JOINED
    ENQUIRY_TAKEN_OVER
    PARTICIPANT_LEFT
    CALL_STARTED
    CALL_ENDED
    ENQUIRY_CLOSED
    ENQUIRY_MISSED
    MONITOR_STARTED
    MONITOR_STOPPED
    "An agent asked for an administrator's help (or changed the note of her request still open)."
    ASSISTANCE_REQUESTED
    WAIT_WARNING
    "An administrator moved the enquiry to another agent (or handed it back after a take-over)."
    ENQUIRY_TRANSFERRED
    "An open help request ended: an administrator joined, took over, transferred or dismissed it, or the enquiry closed."
    HELP_REQUEST_ENDED
    "A staff member's presence changed (a tenant event: no enquiry)."
    PRESENCE_CHANGED
    "An administrator changed a tenant setting (a tenant event: no enquiry)."
    SETTINGS_CHANGED
  }

  enum NotificationKind {
    "An administrator joined an enquiry you own or take part in."
    ADMIN_JOINED
    "An administrator took over an enquiry you owned."
    TAKEN_OVER
    "Another administrator took over an enquiry you are monitoring."
    MONITORED_ENQUIRY_TAKEN_OVER
    "An agent asked for an administrator's help."
    ASSISTANCE_REQUESTED
    "An open enquiry is close to its wait limit."
    WAIT_WARNING
    "An open enquiry passed its wait limit and was missed."
    ENQUIRY_MISSED
    "An administrator transferred an enquiry to you, or transferred yours to another agent."
    ENQUIRY_TRANSFERRED
  }

  "Why a help request ended."
  enum HelpRequestEnd {
    "An administrator joined the enquiry."
    JOINED
    "An administrator took the enquiry over."
    TAKEN_OVER
    "An administrator transferred the enquiry to another agent."
    TRANSFERRED
    "An administrator dismissed the request."
    DISMISSED
    "The enquiry was closed."
    ENQUIRY_CLOSED
  }

  type Tenant {
    id: ID!
    name: String!
    plan: String!
    "Whether the tenant's plan includes enquiry monitoring (monitor, join, take over)."
    enquiryMonitoring: Boolean!
    settings: TenantSettings!
  }

  type TenantSettings {
    "Seconds an Open enquiry may wait before it becomes Missed."
    waitLimitSeconds: Int!
    "Seconds of waiting after which administrators are warned."
    waitWarningSeconds: Int!
    "Whether agents are told who monitors their enquiries (Enquiry.monitors, monitor events); false: monitoring is silent to them. Joining is never silent."
    agentsSeeMonitors: Boolean!
    "An enquiry picked up within this many seconds of waiting counts as answered within the SLA."
    slaThresholdSeconds: Int!
    "How many enquiries an agent handles at once, unless her own capacity says otherwise."
    defaultAgentCapacity: Int!
    "Every agent's capacity: her own, or the default."
    agentCapacities: [AgentCapacity!]!
  }

  type AgentCapacity {
    agent: Staff!
    capacity: Int!
    "Whether the agent has a capacity of her own rather than the tenant's default."
    custom: Boolean!
  }

  "An agent's own capacity; capacity null returns her to the tenant's default."
  input AgentCapacityInput {
    staffId: ID!
    capacity: Int
  }

  "An agent as the supervisor's Agents region shows her."
  type AgentStatus {
    agent: Staff!
    presence: Presence!
    "ISO time since which the agent has had this presence."
    presenceSince: String!
    "Handling enquiries she owns."
    chatsInHand: Int!
    capacity: Int!
  }

  """
  How the tenant's queue is doing, computed by the backend from the enquiries' timestamps
  (waitingSince, pickedUpAt, missed time; each recorded by an event of the log) and the
  agents' presence. "Last hour" is the hour up to \`at\`. The same for every administrator.
  """
  type LiveMetrics {
    "When the figures were computed."
    at: String!
    "Open enquiries now."
    waitingNow: Int!
    "Seconds the oldest Open enquiry has waited at \`at\`; 0 when none waits."
    longestWaitSeconds: Int!
    "waitingSince of the oldest Open enquiry (a client may count the longest wait on from it)."
    oldestWaitingSince: String
    "Enquiries picked up in the last hour (a missed one picked up later counts as missed, not here)."
    answeredLastHour: Int!
    "Mean seconds from waitingSince to pickedUpAt of those answered in the last hour; null when none."
    averageWaitSeconds: Int
    slaThresholdSeconds: Int!
    "Percent of the last hour's ended waits (answered + missed) answered within the SLA threshold, one decimal; null when none."
    slaPercent: Float
    "Enquiries being handled now."
    handling: Int!
    "Enquiries missed in the last hour."
    missedLastHour: Int!
    "Agents whose presence is ONLINE."
    agentsOnline: Int!
    "Open enquiries at each of the last hour's minutes, oldest first; the last point is \`at\` (waitingNow)."
    waitingSeries: [Int!]!
    "Seconds between two points of waitingSeries."
    seriesStepSeconds: Int!
    "Every agent of the tenant, as the agents query answers."
    agents: [AgentStatus!]!
  }

  type NotificationKindSetting {
    kind: NotificationKind!
    enabled: Boolean!
  }

  input NotificationKindSettingInput {
    kind: NotificationKind!
    enabled: Boolean!
  }

  "A staff member's own settings, kept by the server so that they follow her to any machine."
  type MySettings {
    "Every notification kind, enabled or not (all enabled unless she changed it)."
    notificationKinds: [NotificationKindSetting!]!
    doNotDisturb: Boolean!
    theme: Theme!
  }

  "A change to one's own settings; what is left out stays as it is."
  input MySettingsInput {
    notificationKinds: [NotificationKindSettingInput!]
    doNotDisturb: Boolean
    theme: Theme
  }

  type Staff {
    id: ID!
    name: String!
    email: String!
    role: Role!
    presence: Presence!
    tenant: Tenant!
  }

  type Visitor {
    id: ID!
    name: String!
  }

  type AuthPayload {
    accessToken: String!
    refreshToken: String!
    "ISO time at which the access token expires."
    expiresAt: String!
    staff: Staff!
  }

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

  enum AuditTargetKind {
    ENQUIRY
    STAFF
    SETTING
  }

  "What an audited action was done to."
  type AuditTarget {
    kind: AuditTargetKind!
    "The enquiry's or staff member's id; null for a tenant setting."
    id: ID
    "The enquiry's visitor, the staff member's name, or the setting's name."
    name: String!
  }

  type SettingChange {
    setting: String!
    from: String
    to: String
  }

  type AuditEntry {
    id: ID!
    action: EventType!
    actor: Staff
    enquiryId: ID
    at: String!
    detail: String
    target: AuditTarget!
    "With collapseMonitoring, a MONITOR_STARTED entry is the whole visit: when it ended (null while it lasts)."
    endedAt: String
    "What a SETTINGS_CHANGED entry changed, from and to."
    change: SettingChange
  }

  type AuditEdge {
    cursor: String!
    node: AuditEntry!
  }

  type AuditConnection {
    edges: [AuditEdge!]!
    pageInfo: PageInfo!
  }

  type BoardEvent {
    cursor: String!
    seq: Int!
    type: EventType!
    at: String!
    actor: Staff
    "The enquiry as it is after this event."
    enquiry: Enquiry!
    "The help request this event opened, changed or ended (ASSISTANCE_REQUESTED, HELP_REQUEST_ENDED: who ended it and how); null for other events."
    helpRequest: HelpRequest
    """
    True when the enquiry left the viewer's view with this event (an agent's board: an Open
    enquiry someone else picked up, or one no longer hers): drop it from the board. The
    enquiry then carries only its id, status, version and what the viewer saw of it before;
    no later event of it reaches her unless it comes back into her view.
    """
    removed: Boolean!
  }

  type RoomEvent {
    cursor: String!
    seq: Int!
    type: EventType!
    at: String!
    actor: Staff
    enquiryId: ID!
    "The enquiry as it is after this event."
    enquiry: Enquiry!
    "The message this event posted (text, system or whisper), if any."
    message: Message
    "The help request this event opened, changed or ended (ASSISTANCE_REQUESTED, HELP_REQUEST_ENDED: who ended it and how); null for other events."
    helpRequest: HelpRequest
  }

  type Notification {
    cursor: String!
    seq: Int!
    kind: NotificationKind!
    title: String!
    body: String!
    enquiryId: ID
    actor: Staff
    at: String!
  }

  type VisitorSession {
    visitorToken: String!
    visitor: Visitor!
    enquiry: Enquiry!
  }

  type Query {
    me: Staff!
    enquiryOverview(
      column: OverviewColumn!
      first: Int
      after: String
      filter: EnquiryFilter
    ): EnquiryConnection!
    enquiry(id: ID!): Enquiry
    room(enquiryId: ID!): Room
    """
    Supervisor and system actions, newest first. staffId is the actor; from and to (ISO times)
    bound when it happened, from inclusive, to exclusive. With collapseMonitoring each
    monitoring visit is one MONITOR_STARTED entry with endedAt (no MONITOR_STOPPED entries).
    """
    auditTrail(
      enquiryId: ID
      staffId: ID
      first: Int
      after: String
      from: String
      to: String
      collapseMonitoring: Boolean = false
    ): AuditConnection!
    """
    The audit trail as CSV (a header line, then one line per entry, newest first), monitoring
    visits collapsed unless collapseMonitoring is false; at most 10,000 entries, and a filter
    matching more is refused (BAD_USER_INPUT): narrow it.
    """
    auditTrailCsv(
      enquiryId: ID
      staffId: ID
      from: String
      to: String
      collapseMonitoring: Boolean = true
    ): String!
    "The tenant's live metrics now (the liveMetrics subscription pushes them as they change)."
    liveMetrics: LiveMetrics!
    "Every agent of the tenant with presence, chats in hand and capacity."
    agents: [AgentStatus!]!
    mySettings: MySettings!
    staffMembers: [Staff!]!
    "Open help requests of the tenant, the longest waiting first (administrators with the monitoring plan)."
    helpRequests: [HelpRequest!]!
    tenantSettings: TenantSettings!
  }

  type Mutation {
    login(tenant: String!, email: String!, password: String!): AuthPayload!
    refreshSession(refreshToken: String!): AuthPayload!
    logout(refreshToken: String!): Boolean!

    """
    An administrator opens a room to watch it. monitorKey names the console window's
    monitor lease (8 to 128 letters, digits, - or _): the administrator is listed among the
    enquiry's monitors while any of their windows holds a lease. A keyed lease is kept alive
    by a roomEvents subscription carrying the same key, and ends a short while after that
    subscription does. Without monitorKey the caller holds one lease that lasts until
    stopMonitoring without a key.
    """
    monitorEnquiry(enquiryId: ID!, monitorKey: String): Room!
    """
    Ends the caller's lease monitorKey (or the unkeyed one); they stop being listed as
    monitoring when it was their last. False when that lease did not exist.
    """
    stopMonitoring(enquiryId: ID!, monitorKey: String): Boolean!
    joinEnquiry(enquiryId: ID!, idempotencyKey: String): Room!
    takeOverEnquiry(enquiryId: ID!, idempotencyKey: String, expectedVersion: Int): Room!
    leaveEnquiry(enquiryId: ID!): Room!
    """
    An administrator moves a Handling enquiry to another agent of the tenant who is online and
    has room for it (capacity); the previous owner leaves the room. Handing back after a
    take-over is the same move. Refused during a call (CALL_IN_PROGRESS), when the agent is not
    an online agent with capacity (INVALID_STATE, saying why), and with CONFLICT when
    expectedVersion is given and the enquiry changed since.
    """
    transferEnquiry(enquiryId: ID!, toStaffId: ID!, idempotencyKey: String, expectedVersion: Int): Room!
    "An administrator dismisses an open help request without joining or taking over."
    dismissHelpRequest(id: ID!): HelpRequest!
    sendMessage(enquiryId: ID!, text: String!, idempotencyKey: String): Message!
    sendWhisper(enquiryId: ID!, text: String!): Message!

    pickUpEnquiry(enquiryId: ID!): Room!
    closeEnquiry(enquiryId: ID!): Enquiry!
    startCall(enquiryId: ID!, kind: CallKind!): Enquiry!
    endCall(enquiryId: ID!): Enquiry!
    requestAssistance(enquiryId: ID!, note: String): Boolean!
    "Sets the caller's own presence."
    setPresence(presence: Presence!): Staff!
    updateTenantSettings(
      waitLimitSeconds: Int
      waitWarningSeconds: Int
      slaThresholdSeconds: Int
      defaultAgentCapacity: Int
      agentCapacities: [AgentCapacityInput!]
      agentsSeeMonitors: Boolean
    ): TenantSettings!
    "Changes the caller's own settings."
    updateMySettings(input: MySettingsInput!): MySettings!

    "Visitor side: opens a new enquiry in the tenant's Open column."
    startEnquiry(
      tenant: String!
      visitorName: String!
      channel: Channel
      text: String
      subject: String
    ): VisitorSession!
    "Visitor side: posts a message as the visitor holding visitorToken."
    sendVisitorMessage(visitorToken: String!, text: String!): Message!
  }

  type Subscription {
    boardEvents(after: String): BoardEvent!
    "With monitorKey, a monitoring administrator's window holds that monitor lease while subscribed."
    roomEvents(enquiryId: ID!, after: String, monitorKey: String): RoomEvent!
    notifications(after: String): Notification!
    """
    The tenant's live metrics (agents included): a snapshot at once, then a new one when an
    event changes them, and every few seconds while they change with time alone.
    """
    liveMetrics: LiveMetrics!
  }
`;
