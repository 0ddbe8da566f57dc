/** The signed-in staff member's documents: signing in and out, who she is, her own presence. */
import { STAFF_REF } from './fragments';

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

/** The viewer's own presence (anyone signed in may read it). */
export const MY_PRESENCE = /* GraphQL */ `
  query MyPresence {
    me {
      id
      presence
    }
  }
`;

/** Sets the viewer's own presence; answers it as it now stands. */
export const SET_PRESENCE = /* GraphQL */ `
  mutation SetPresence($presence: Presence!) {
    setPresence(presence: $presence) {
      id
      presence
    }
  }
`;
