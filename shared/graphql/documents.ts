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
