/** The audit trail and settings dialogs' documents (issue 13, items 4 and 5), and the staff list. */
import { STAFF_REF } from './fragments';

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
