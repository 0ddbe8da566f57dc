/**
 * A room's documents: its snapshot and events, monitoring, the supervisor's actions in it
 * (join, take over, leave, transfer, close), messages and whispers, and its help request.
 */
import { ENQUIRY, HELP_REQUEST, MESSAGE, ROOM, STAFF_REF } from './fragments';

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
        ...HelpRequestFields
      }
    }
  }
  ${ENQUIRY}
  ${MESSAGE}
  ${HELP_REQUEST}
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
        ...HelpRequestFields
      }
    }
  }
  ${HELP_REQUEST}
  ${STAFF_REF}
`;
