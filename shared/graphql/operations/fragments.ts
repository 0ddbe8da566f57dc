/**
 * The fragments several of the console's documents share, so that an enquiry, a message, a
 * room or a help request is selected the same way everywhere: each selection produces exactly
 * the shape of `../../domain.ts`. A fragment carries the fragments it spreads, except where
 * noted (a document may define each fragment only once).
 */
export const STAFF_REF = /* GraphQL */ `
  fragment StaffRefFields on Staff {
    id
    name
    email
    role
  }
`;

export const ENQUIRY = /* GraphQL */ `
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

export const MESSAGE = /* GraphQL */ `
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

export const ROOM = /* GraphQL */ `
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

/**
 * A help request as the board and room events carry it (who asked, the note, who ended it and
 * how). Spreads StaffRefFields without carrying it: the documents that use it carry it already.
 */
export const HELP_REQUEST = /* GraphQL */ `
  fragment HelpRequestFields on HelpRequest {
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
`;
