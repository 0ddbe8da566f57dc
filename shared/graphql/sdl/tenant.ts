/**
 * The tenant and its staff: the tenant's settings and agents' capacities, the live metrics
 * and agents' status, a staff member's own settings, and the sign-in payload.
 * Part of the SDL that shared/graphql/schema.ts puts together.
 */
export const tenantTypeDefs = /* GraphQL */ `
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
`;
