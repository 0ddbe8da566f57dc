/**
 * The audit trail, the staff list and the settings (issue 13, items 4 and 5), dismissing a
 * help request and one's own presence (items 3 and 2), read and written through the
 * session's client. The backend decides who may do what (an agent is
 * FORBIDDEN the audit trail, a tenant without the monitoring plan PLAN_REQUIRED) and checks
 * every value; its refusals reach the renderer as they are, in people's words.
 */
import type { Presence, StaffRef } from '../../shared/domain';
import * as docs from '../../shared/graphql/documents';
import type {
  AuditEntry,
  AuditPage,
  EndedHelpRequest,
  MySettings,
  RequestArgs,
  TenantSettings,
} from '../../shared/ipc/contract';
import type { BackendClient } from './graphql-client';

/** Entries per page of the Audit trail dialog, unless it asks for another size. */
export const AUDIT_PAGE_SIZE = 25;

type AuditFilterArgs = RequestArgs<'audit/csv'>;

/** The filter's variables: left-out or empty values are "any". */
function filterVariables(args: AuditFilterArgs) {
  return {
    enquiryId: args.enquiryId || null,
    staffId: args.staffId || null,
    from: args.from || null,
    to: args.to || null,
  };
}

/** One page of the audit trail, newest first, monitoring collapsed to one entry per visit. */
export async function auditPage(client: BackendClient, args: RequestArgs<'audit/list'>): Promise<AuditPage> {
  const result = await client.query<{
    auditTrail: {
      edges: { node: AuditEntry }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  }>(docs.AUDIT_TRAIL, {
    ...filterVariables(args),
    first: args.first ?? AUDIT_PAGE_SIZE,
    after: args.after ?? null,
  });
  const { edges, pageInfo } = result.auditTrail;
  return {
    entries: edges.map((edge) => edge.node),
    hasNextPage: pageInfo.hasNextPage,
    endCursor: pageInfo.endCursor,
  };
}

/** The audit trail under the same filter as CSV text (header line first). */
export async function auditCsv(client: BackendClient, args: AuditFilterArgs): Promise<string> {
  return (await client.query<{ auditTrailCsv: string }>(docs.AUDIT_TRAIL_CSV, filterVariables(args)))
    .auditTrailCsv;
}

/** Everyone on the tenant's staff, by name. */
export async function staffMembers(client: BackendClient): Promise<StaffRef[]> {
  return (await client.query<{ staffMembers: StaffRef[] }>(docs.STAFF_MEMBERS)).staffMembers;
}

export async function tenantSettings(client: BackendClient): Promise<TenantSettings> {
  return (await client.query<{ tenantSettings: TenantSettings }>(docs.TENANT_SETTINGS_QUERY)).tenantSettings;
}

/** Changes the settings named in `change` (the rest stay); the backend records each in the audit trail. */
export async function updateTenantSettings(
  client: BackendClient,
  change: RequestArgs<'settings/updateTenant'>,
): Promise<TenantSettings> {
  return (
    await client.mutate<{ updateTenantSettings: TenantSettings }>(docs.UPDATE_TENANT_SETTINGS, {
      ...change,
    })
  ).updateTenantSettings;
}

export async function mySettings(client: BackendClient): Promise<MySettings> {
  return (await client.query<{ mySettings: MySettings }>(docs.MY_SETTINGS_QUERY)).mySettings;
}

export async function updateMySettings(
  client: BackendClient,
  input: RequestArgs<'settings/updateMine'>,
): Promise<MySettings> {
  return (await client.mutate<{ updateMySettings: MySettings }>(docs.UPDATE_MY_SETTINGS, { input }))
    .updateMySettings;
}

/** An administrator dismisses an open help request; answers it ended (who and how). */
export async function dismissHelpRequest(client: BackendClient, id: string): Promise<EndedHelpRequest> {
  return (await client.mutate<{ dismissHelpRequest: EndedHelpRequest }>(docs.DISMISS_HELP_REQUEST, { id }))
    .dismissHelpRequest;
}

/** The viewer's own presence. */
export async function myPresence(client: BackendClient): Promise<Presence> {
  return (await client.query<{ me: { presence: Presence } }>(docs.MY_PRESENCE)).me.presence;
}

/** Sets the viewer's own presence (the backend logs it; the administrators' "Agents" region follows). */
export async function setMyPresence(client: BackendClient, presence: Presence): Promise<Presence> {
  return (await client.mutate<{ setPresence: { presence: Presence } }>(docs.SET_PRESENCE, { presence }))
    .setPresence.presence;
}
