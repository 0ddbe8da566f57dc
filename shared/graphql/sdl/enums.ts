/**
 * The schema's enums: roles, presence, themes, the board's columns, channels, kinds of message,
 * author, event and notification, and why a help request ended.
 * Part of the SDL that shared/graphql/schema.ts puts together.
 */
export const enumTypeDefs = /* GraphQL */ `
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
`;
