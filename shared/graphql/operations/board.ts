/** The board's documents: a page of a column, and the board and notification streams. */
import { ENQUIRY, HELP_REQUEST, STAFF_REF } from './fragments';

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
        ...HelpRequestFields
      }
      removed
    }
  }
  ${ENQUIRY}
  ${HELP_REQUEST}
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
