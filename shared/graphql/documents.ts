/**
 * The GraphQL documents the console sends. Their selections produce exactly the shapes of
 * `../domain.ts`, so a result can be handed to the renderer as it is.
 */
const STAFF_REF = /* GraphQL */ `
  fragment StaffRefFields on Staff {
    id
    name
    email
    role
  }
`;

const ENQUIRY = /* GraphQL */ `
  fragment EnquiryFields on Enquiry {
    id
    status
    channel
    visitor {
      id
      name
    }
    subject
    owner {
      ...StaffRefFields
    }
    participants {
      ...StaffRefFields
    }
    monitors {
      ...StaffRefFields
    }
    parties
    call
    waitingSince
    pickedUpAt
    lastMessageAt
    closedAt
    messageCount
    version
  }
  ${STAFF_REF}
`;

const MESSAGE = /* GraphQL */ `
  fragment MessageFields on Message {
    id
    enquiryId
    kind
    author {
      kind
      id
      name
      role
    }
    text
    at
    seq
  }
`;

const ROOM = /* GraphQL */ `
  fragment RoomFields on Room {
    enquiry {
      ...EnquiryFields
    }
    messages(last: $last) {
      ...MessageFields
    }
    viewer {
      isOwner
      isParticipant
      isMonitoring
      canJoin
      canTakeOver
      canGoToChatRoom
      canProceed
      canSendMessage
      canWhisper
      canLeave
      blockedCode
      blockedReason
    }
    cursor
  }
  ${ENQUIRY}
  ${MESSAGE}
`;

const AUTH = /* GraphQL */ `
  fragment AuthFields on AuthPayload {
    accessToken
    refreshToken
    expiresAt
    staff {
      ...StaffRefFields
    }
  }
  ${STAFF_REF}
`;

export const LOGIN = /* GraphQL */ `
  mutation Login($tenant: String!, $email: String!, $password: String!) {
    login(tenant: $tenant, email: $email, password: $password) {
      ...AuthFields
    }
  }
  ${AUTH}
`;

export const REFRESH_SESSION = /* GraphQL */ `
  mutation RefreshSession($refreshToken: String!) {
    refreshSession(refreshToken: $refreshToken) {
      ...AuthFields
    }
  }
  ${AUTH}
`;

export const LOGOUT = /* GraphQL */ `
  mutation Logout($refreshToken: String!) {
    logout(refreshToken: $refreshToken)
  }
`;

export const ME = /* GraphQL */ `
  query Me {
    me {
      ...StaffRefFields
      tenant {
        id
        name
        plan
        enquiryMonitoring
      }
    }
  }
  ${STAFF_REF}
`;

export const ENQUIRY_OVERVIEW = /* GraphQL */ `
  query EnquiryOverview($column: OverviewColumn!, $first: Int, $after: String, $filter: EnquiryFilter) {
    enquiryOverview(column: $column, first: $first, after: $after, filter: $filter) {
      edges {
        cursor
        node {
          ...EnquiryFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
      boardCursor
    }
  }
  ${ENQUIRY}
`;

export const ROOM_QUERY = /* GraphQL */ `
  query Room($enquiryId: ID!, $last: Int) {
    room(enquiryId: $enquiryId) {
      ...RoomFields
    }
  }
  ${ROOM}
`;

export const MONITOR_ENQUIRY = /* GraphQL */ `
  mutation MonitorEnquiry($enquiryId: ID!, $last: Int, $monitorKey: String) {
    monitorEnquiry(enquiryId: $enquiryId, monitorKey: $monitorKey) {
      ...RoomFields
    }
  }
  ${ROOM}
`;

export const STOP_MONITORING = /* GraphQL */ `
  mutation StopMonitoring($enquiryId: ID!, $monitorKey: String) {
    stopMonitoring(enquiryId: $enquiryId, monitorKey: $monitorKey)
  }
`;

export const JOIN_ENQUIRY = /* GraphQL */ `
  mutation JoinEnquiry($enquiryId: ID!, $idempotencyKey: String, $last: Int) {
    joinEnquiry(enquiryId: $enquiryId, idempotencyKey: $idempotencyKey) {
      ...RoomFields
    }
  }
  ${ROOM}
`;

export const TAKE_OVER_ENQUIRY = /* GraphQL */ `
  mutation TakeOverEnquiry($enquiryId: ID!, $idempotencyKey: String, $expectedVersion: Int, $last: Int) {
    takeOverEnquiry(
      enquiryId: $enquiryId
      idempotencyKey: $idempotencyKey
      expectedVersion: $expectedVersion
    ) {
      ...RoomFields
    }
  }
  ${ROOM}
`;

export const LEAVE_ENQUIRY = /* GraphQL */ `
  mutation LeaveEnquiry($enquiryId: ID!, $last: Int) {
    leaveEnquiry(enquiryId: $enquiryId) {
      ...RoomFields
    }
  }
  ${ROOM}
`;

export const SEND_MESSAGE = /* GraphQL */ `
  mutation SendMessage($enquiryId: ID!, $text: String!, $idempotencyKey: String) {
    sendMessage(enquiryId: $enquiryId, text: $text, idempotencyKey: $idempotencyKey) {
      ...MessageFields
    }
  }
  ${MESSAGE}
`;

export const SEND_WHISPER = /* GraphQL */ `
  mutation SendWhisper($enquiryId: ID!, $text: String!) {
    sendWhisper(enquiryId: $enquiryId, text: $text) {
      ...MessageFields
    }
  }
  ${MESSAGE}
`;

export const BOARD_EVENTS = /* GraphQL */ `
  subscription BoardEvents($after: String) {
    boardEvents(after: $after) {
      cursor
      seq
      type
      at
      actor {
        ...StaffRefFields
      }
      enquiry {
        ...EnquiryFields
      }
      helpRequest {
        id
        agent {
          ...StaffRefFields
        }
        note
        createdAt
        updatedAt
        endedAt
        endedBy {
          ...StaffRefFields
        }
        endReason
      }
      removed
    }
  }
  ${ENQUIRY}
`;

export const ROOM_EVENTS = /* GraphQL */ `
  subscription RoomEvents($enquiryId: ID!, $after: String, $monitorKey: String) {
    roomEvents(enquiryId: $enquiryId, after: $after, monitorKey: $monitorKey) {
      cursor
      seq
      type
      at
      actor {
        ...StaffRefFields
      }
      enquiryId
      enquiry {
        ...EnquiryFields
      }
      message {
        ...MessageFields
      }
      helpRequest {
        id
        agent {
          ...StaffRefFields
        }
        note
        createdAt
        updatedAt
        endedAt
        endedBy {
          ...StaffRefFields
        }
        endReason
      }
    }
  }
  ${ENQUIRY}
  ${MESSAGE}
`;

export const NOTIFICATIONS = /* GraphQL */ `
  subscription Notifications($after: String) {
    notifications(after: $after) {
      cursor
      seq
      kind
      title
      body
      enquiryId
      actor {
        ...StaffRefFields
      }
      at
    }
  }
  ${STAFF_REF}
`;

// Supervisor actions in the room (issue 13, item 6) and an agent's help request (item 3).

export const AGENTS = /* GraphQL */ `
  query Agents {
    agents {
      agent {
        ...StaffRefFields
      }
      presence
      presenceSince
      chatsInHand
      capacity
    }
  }
  ${STAFF_REF}
`;

export const TRANSFER_ENQUIRY = /* GraphQL */ `
  mutation TransferEnquiry(
    $enquiryId: ID!
    $toStaffId: ID!
    $idempotencyKey: String
    $expectedVersion: Int
    $last: Int
  ) {
    transferEnquiry(
      enquiryId: $enquiryId
      toStaffId: $toStaffId
      idempotencyKey: $idempotencyKey
      expectedVersion: $expectedVersion
    ) {
      ...RoomFields
    }
  }
  ${ROOM}
`;

export const CLOSE_ENQUIRY = /* GraphQL */ `
  mutation CloseEnquiry($enquiryId: ID!) {
    closeEnquiry(enquiryId: $enquiryId) {
      ...EnquiryFields
    }
  }
  ${ENQUIRY}
`;

export const REQUEST_ASSISTANCE = /* GraphQL */ `
  mutation RequestAssistance($enquiryId: ID!, $note: String) {
    requestAssistance(enquiryId: $enquiryId, note: $note)
  }
`;

/** The enquiry's open help request (the room is the enquiry, so its id is the variable's). */
export const ENQUIRY_HELP_REQUEST = /* GraphQL */ `
  query EnquiryHelpRequest($enquiryId: ID!) {
    enquiry(id: $enquiryId) {
      id
      helpRequest {
        id
        agent {
          ...StaffRefFields
        }
        note
        createdAt
        updatedAt
        endedAt
        endedBy {
          ...StaffRefFields
        }
        endReason
      }
    }
  }
  ${STAFF_REF}
`;

// The audit trail and settings (issue 13, items 4 and 5): the console's dialogs of the same names.

const AUDIT_ENTRY = /* GraphQL */ `
  fragment AuditEntryFields on AuditEntry {
    id
    action
    actor {
      ...StaffRefFields
    }
    enquiryId
    at
    detail
    target {
      kind
      id
      name
    }
    endedAt
  }
  ${STAFF_REF}
`;

export const AUDIT_TRAIL = /* GraphQL */ `
  query AuditTrail($enquiryId: ID, $staffId: ID, $from: String, $to: String, $first: Int, $after: String) {
    auditTrail(
      enquiryId: $enquiryId
      staffId: $staffId
      from: $from
      to: $to
      first: $first
      after: $after
      collapseMonitoring: true
    ) {
      edges {
        node {
          ...AuditEntryFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
  ${AUDIT_ENTRY}
`;

export const AUDIT_TRAIL_CSV = /* GraphQL */ `
  query AuditTrailCsv($enquiryId: ID, $staffId: ID, $from: String, $to: String) {
    auditTrailCsv(enquiryId: $enquiryId, staffId: $staffId, from: $from, to: $to, collapseMonitoring: true)
  }
`;

export const STAFF_MEMBERS = /* GraphQL */ `
  query StaffMembers {
    staffMembers {
      ...StaffRefFields
    }
  }
  ${STAFF_REF}
`;

const TENANT_SETTINGS = /* GraphQL */ `
  fragment TenantSettingsFields on TenantSettings {
    waitLimitSeconds
    waitWarningSeconds
    slaThresholdSeconds
    defaultAgentCapacity
    agentsSeeMonitors
    agentCapacities {
      agent {
        ...StaffRefFields
      }
      capacity
      custom
    }
  }
  ${STAFF_REF}
`;

export const TENANT_SETTINGS_QUERY = /* GraphQL */ `
  query TenantSettings {
    tenantSettings {
      ...TenantSettingsFields
    }
  }
  ${TENANT_SETTINGS}
`;

export const UPDATE_TENANT_SETTINGS = /* GraphQL */ `
  mutation UpdateTenantSettings(
    $waitLimitSeconds: Int
    $waitWarningSeconds: Int
    $slaThresholdSeconds: Int
    $defaultAgentCapacity: Int
    $agentsSeeMonitors: Boolean
    $agentCapacities: [AgentCapacityInput!]
  ) {
    updateTenantSettings(
      waitLimitSeconds: $waitLimitSeconds
      waitWarningSeconds: $waitWarningSeconds
      slaThresholdSeconds: $slaThresholdSeconds
      defaultAgentCapacity: $defaultAgentCapacity
      agentsSeeMonitors: $agentsSeeMonitors
      agentCapacities: $agentCapacities
    ) {
      ...TenantSettingsFields
    }
  }
  ${TENANT_SETTINGS}
`;

const MY_SETTINGS = /* GraphQL */ `
  fragment MySettingsFields on MySettings {
    notificationKinds {
      kind
      enabled
    }
    doNotDisturb
    theme
  }
`;

export const MY_SETTINGS_QUERY = /* GraphQL */ `
  query MySettings {
    mySettings {
      ...MySettingsFields
    }
  }
  ${MY_SETTINGS}
`;

export const UPDATE_MY_SETTINGS = /* GraphQL */ `
  mutation UpdateMySettings($input: MySettingsInput!) {
    updateMySettings(input: $input) {
      ...MySettingsFields
    }
  }
  ${MY_SETTINGS}
`;

// The supervisor's regions on the board (issue 13, items 1–3): live metrics, agents, help requests.

const LIVE_METRICS_FIELDS = /* GraphQL */ `
  fragment LiveMetricsFields on LiveMetrics {
    at
    waitingNow
    longestWaitSeconds
    oldestWaitingSince
    answeredLastHour
    averageWaitSeconds
    slaThresholdSeconds
    slaPercent
    handling
    missedLastHour
    agentsOnline
    waitingSeries
    seriesStepSeconds
    agents {
      agent {
        ...StaffRefFields
      }
      presence
      presenceSince
      chatsInHand
      capacity
    }
  }
  ${STAFF_REF}
`;

/** The tenant's live metrics now (administrators with the monitoring plan). */
export const LIVE_METRICS_QUERY = /* GraphQL */ `
  query LiveMetrics {
    liveMetrics {
      ...LiveMetricsFields
    }
  }
  ${LIVE_METRICS_FIELDS}
`;

/** A snapshot at once, then a new one whenever a figure changes. */
export const LIVE_METRICS_SUBSCRIPTION = /* GraphQL */ `
  subscription LiveMetricsFeed {
    liveMetrics {
      ...LiveMetricsFields
    }
  }
  ${LIVE_METRICS_FIELDS}
`;

/** The tenant's open help requests. */
export const HELP_REQUESTS = /* GraphQL */ `
  query HelpRequests {
    helpRequests {
      id
      enquiry {
        id
        visitor {
          id
          name
        }
      }
      agent {
        ...StaffRefFields
      }
      note
      createdAt
      updatedAt
      endedAt
    }
  }
  ${STAFF_REF}
`;

// Dismissing a help request and an agent's own presence (issue 13, items 2 and 3).

/** An administrator dismisses an open help request; answers it ended (who and how). */
export const DISMISS_HELP_REQUEST = /* GraphQL */ `
  mutation DismissHelpRequest($id: ID!) {
    dismissHelpRequest(id: $id) {
      id
      enquiry {
        id
        visitor {
          id
          name
        }
      }
      agent {
        ...StaffRefFields
      }
      note
      createdAt
      updatedAt
      endedAt
      endedBy {
        ...StaffRefFields
      }
      endReason
    }
  }
  ${STAFF_REF}
`;

/** The viewer's own presence (anyone signed in may read it). */
export const MY_PRESENCE = /* GraphQL */ `
  query MyPresence {
    me {
      id
      presence
    }
  }
`;

/** Sets the viewer's own presence; answers it as it now stands. */
export const SET_PRESENCE = /* GraphQL */ `
  mutation SetPresence($presence: Presence!) {
    setPresence(presence: $presence) {
      id
      presence
    }
  }
`;
