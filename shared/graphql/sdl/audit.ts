/**
 * The audit trail: an entry (action, actor, target, setting change) and its pages.
 * Part of the SDL that shared/graphql/schema.ts puts together.
 */
export const auditTypeDefs = /* GraphQL */ `
  enum AuditTargetKind {
    ENQUIRY
    STAFF
    SETTING
  }

  "What an audited action was done to."
  type AuditTarget {
    kind: AuditTargetKind!
    "The enquiry's or staff member's id; null for a tenant setting."
    id: ID
    "The enquiry's visitor, the staff member's name, or the setting's name."
    name: String!
  }

  type SettingChange {
    setting: String!
    from: String
    to: String
  }

  type AuditEntry {
    id: ID!
    action: EventType!
    actor: Staff
    enquiryId: ID
    at: String!
    detail: String
    target: AuditTarget!
    "With collapseMonitoring, a MONITOR_STARTED entry is the whole visit: when it ended (null while it lasts)."
    endedAt: String
    "What a SETTINGS_CHANGED entry changed, from and to."
    change: SettingChange
  }

  type AuditEdge {
    cursor: String!
    node: AuditEntry!
  }

  type AuditConnection {
    edges: [AuditEdge!]!
    pageInfo: PageInfo!
  }
`;
