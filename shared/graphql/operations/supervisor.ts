/**
 * The supervisor's regions on the board (issue 13, items 1–3): agents, live metrics and help
 * requests (listing and dismissing them).
 */
import { STAFF_REF } from './fragments';

/** An agent as the Agents region and the Transfer dialog show her. */
const AGENT_STATUS = /* GraphQL */ `
  fragment AgentStatusFields on AgentStatus {
    agent {
      ...StaffRefFields
    }
    presence
    presenceSince
    chatsInHand
    capacity
  }
  ${STAFF_REF}
`;

/** An open help request as the Help requests region lists it. */
const OPEN_HELP_REQUEST = /* GraphQL */ `
  fragment OpenHelpRequestFields on HelpRequest {
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
  ${STAFF_REF}
`;

export const AGENTS = /* GraphQL */ `
  query Agents {
    agents {
      ...AgentStatusFields
    }
  }
  ${AGENT_STATUS}
`;

/**
 * The figures of the live metrics; the documents select the agents beside them with
 * AgentStatusFields (one fragment level less: the depth limit of 10 stays in reach).
 */
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
  }
`;

/** The tenant's live metrics now (administrators with the monitoring plan). */
export const LIVE_METRICS_QUERY = /* GraphQL */ `
  query LiveMetrics {
    liveMetrics {
      ...LiveMetricsFields
      agents {
        ...AgentStatusFields
      }
    }
  }
  ${LIVE_METRICS_FIELDS}
  ${AGENT_STATUS}
`;

/** A snapshot at once, then a new one whenever a figure changes. */
export const LIVE_METRICS_SUBSCRIPTION = /* GraphQL */ `
  subscription LiveMetricsFeed {
    liveMetrics {
      ...LiveMetricsFields
      agents {
        ...AgentStatusFields
      }
    }
  }
  ${LIVE_METRICS_FIELDS}
  ${AGENT_STATUS}
`;

/** The tenant's open help requests. */
export const HELP_REQUESTS = /* GraphQL */ `
  query HelpRequests {
    helpRequests {
      ...OpenHelpRequestFields
    }
  }
  ${OPEN_HELP_REQUEST}
`;

/** An administrator dismisses an open help request; answers it ended (who and how). */
export const DISMISS_HELP_REQUEST = /* GraphQL */ `
  mutation DismissHelpRequest($id: ID!) {
    dismissHelpRequest(id: $id) {
      ...OpenHelpRequestFields
      endedBy {
        ...StaffRefFields
      }
      endReason
    }
  }
  ${OPEN_HELP_REQUEST}
`;
