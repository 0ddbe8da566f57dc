/**
 * What the subscriptions stream: board events, room events and notifications.
 * Part of the SDL that shared/graphql/schema.ts puts together.
 */
export const eventTypeDefs = /* GraphQL */ `
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
`;
