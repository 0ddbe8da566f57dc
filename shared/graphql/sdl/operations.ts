/**
 * The operations: Query, Mutation and Subscription (and the visitor's session that
 * startEnquiry answers).
 * Part of the SDL that shared/graphql/schema.ts puts together.
 */
export const operationTypeDefs = /* GraphQL */ `
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
