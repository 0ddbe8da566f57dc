/**
 * What the supervisor's requests answer (issue 13): audit trail pages, the tenant's settings
 * and help requests. Part of the IPC contract (contract.ts re-exports them).
 */
import type { HelpRequest, StaffRef } from '../domain';

/** One action of the audit trail (supervisor and system actions; actor, target and time). */
export interface AuditEntry {
  id: string;
  action: string;
  actor: StaffRef | null;
  enquiryId: string | null;
  at: string;
  detail: string | null;
  target: { kind: 'ENQUIRY' | 'STAFF' | 'SETTING'; id: string | null; name: string };
  /** A monitoring visit's end (monitoring is collapsed per visit); null while it lasts. */
  endedAt: string | null;
}

/** A page of the audit trail, newest first; `endCursor` asks for the next. */
export interface AuditPage {
  entries: AuditEntry[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/** The tenant's settings (administrators change them). */
export interface TenantSettings {
  waitLimitSeconds: number;
  waitWarningSeconds: number;
  slaThresholdSeconds: number;
  defaultAgentCapacity: number;
  agentsSeeMonitors: boolean;
  agentCapacities: { agent: StaffRef; capacity: number; custom: boolean }[];
}

/** A help request as dismissing it answers: ended, saying who ended it and how. */
export type EndedHelpRequest = OpenHelpRequest & Pick<HelpRequest, 'endedBy' | 'endReason'>;

/** An open help request as the "Help requests" region lists it. */
export interface OpenHelpRequest {
  id: string;
  enquiry: { id: string; visitor: { id: string; name: string } };
  agent: StaffRef;
  note: string | null;
  createdAt: string;
  updatedAt: string;
  endedAt: string | null;
}
