import type {
  CallKind,
  Channel,
  Enquiry,
  EventType,
  HelpRequest,
  Message,
  OverviewColumn,
  Role,
  StaffRef,
} from '../../shared/domain';

export type { CallKind, Channel, Enquiry, EventType, HelpRequest, Message, OverviewColumn, Role, StaffRef };

/** Who is calling: a signed-in staff member, from a verified access token. */
export interface StaffPrincipal {
  kind: 'staff';
  staffId: string;
  tenantId: string;
  role: Role;
  /** Seconds since epoch at which the access token expires. */
  expiresAt: number;
  /** The sign-in session the token belongs to (its refresh-token family), when it names one. */
  sessionId?: string;
}

/** A visitor, from a visitor token handed out by startEnquiry. */
export interface VisitorPrincipal {
  kind: 'visitor';
  visitorId: string;
  tenantId: string;
  enquiryId: string;
}

export interface TenantRow {
  id: string;
  name: string;
  plan: string;
  enquiry_monitoring: boolean;
  wait_limit_seconds: number;
  wait_warning_seconds: number;
  /** Whether agents are told who monitors their enquiries (tenant setting agentsSeeMonitors). */
  agents_see_monitors: boolean;
}

export interface StaffRow {
  id: string;
  tenant_id: string;
  name: string;
  email: string;
  role: Role;
  presence: 'ONLINE' | 'AWAY' | 'BUSY' | 'OFFLINE';
}

/** What an event carries besides its envelope. */
export interface EventPayload {
  enquiry: Enquiry;
  actor: StaffRef | null;
  message?: Message;
  previousOwner?: StaffRef | null;
  note?: string | null;
  /** The help request an event opened, changed or ended (ASSISTANCE_REQUESTED, HELP_REQUEST_ENDED). */
  helpRequest?: HelpRequest;
}

/** One entry of the per-tenant event log. */
export interface LoggedEvent {
  tenantId: string;
  seq: number;
  type: EventType;
  enquiryId: string | null;
  actorId: string | null;
  at: string;
  payload: EventPayload;
}
