import type { HelpRequestEnd } from '../../shared/domain';
import type { Store } from '../storage/store';
import type { Actor } from './actor';
import { checkId } from './actor';
import { iso, isoOrNull, loadEnquiries } from './enquiry-repo';
import { notFound, refusal } from './errors';
import { newId } from './ids';
import { supervisionBlock } from './rules';
import { writeForEnquiry, type TenantWrite, type WriteDeps } from './tenant-write';
import type { Enquiry, HelpRequest, LoggedEvent, StaffRef } from './types';

/**
 * Help requests: an agent's "Ask for help" as a lasting record. At most one is open per
 * enquiry (asking again while it is open updates its note and tells the administrators
 * again); it ends when an administrator joins, takes over, transfers or dismisses it, or the
 * enquiry closes, recording who ended it and how. Opening and ending are events of the
 * tenant's log (ASSISTANCE_REQUESTED, HELP_REQUEST_ENDED), written in the same tenant write
 * as the row, and every enquiry snapshot carries its open request (`Enquiry.helpRequest`),
 * so board streams show the "Help requests" region and the card marker live.
 */

/** A help request with its enquiry, as `helpRequests` answers. */
export type HelpRequestWithEnquiry = HelpRequest & { enquiry: Enquiry };

/** How a help request ended, in words (the audit trail's detail, refusals). */
export const HELP_REQUEST_ENDINGS: Record<HelpRequestEnd, string> = {
  JOINED: 'answered by joining',
  TAKEN_OVER: 'answered by taking over',
  TRANSFERRED: 'answered by transferring the enquiry',
  DISMISSED: 'dismissed',
  ENQUIRY_CLOSED: 'ended when the enquiry closed',
};

/** How and by whom a help request ended, e.g. "dismissed (Ada Lovelace)". */
export function endedInWords(request: HelpRequest): string {
  if (!request.endReason) return 'open';
  const by = request.endedBy ? ` (${request.endedBy.name})` : '';
  return `${HELP_REQUEST_ENDINGS[request.endReason]}${by}`;
}

/**
 * Inside the write of requestAssistance: opens the enquiry's help request by `agent` with
 * `note`, or updates the note of the one already open (whoever opened it keeps it, and its
 * age counts from the first ask). Returns the request as it now stands.
 */
export async function openHelpRequest(
  write: TenantWrite,
  enquiry: Enquiry,
  agent: StaffRef,
  note: string | null,
): Promise<HelpRequest> {
  const now = write.now.toISOString();
  const open = enquiry.helpRequest;
  if (open) {
    await write.tx.query('update help_requests set note = $2, updated_at = $3 where id = $1', [
      open.id,
      note,
      now,
    ]);
    return { ...open, note, updatedAt: now };
  }
  const id = newId('hlp');
  await write.tx.query(
    `insert into help_requests (id, tenant_id, enquiry_id, agent_id, note, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $6)`,
    [id, write.tenantId, enquiry.id, agent.id, note, now],
  );
  return {
    id,
    enquiryId: enquiry.id,
    agent,
    note,
    createdAt: now,
    updatedAt: now,
    endedAt: null,
    endedBy: null,
    endReason: null,
  };
}

/**
 * Ends the open help request of `enquiry` (a snapshot read in this write, after the change
 * that answers it) because `by` did `reason`, and logs HELP_REQUEST_ENDED. Returns that
 * event, or null when no request was open (then nothing is written).
 */
export async function endHelpRequest(
  write: TenantWrite,
  enquiry: Enquiry,
  by: StaffRef,
  reason: HelpRequestEnd,
): Promise<LoggedEvent | null> {
  const open = enquiry.helpRequest;
  if (!open) return null;
  const now = write.now.toISOString();
  await write.tx.query(
    `update help_requests set ended_at = $2, ended_by = $3, end_reason = $4 where id = $1 and ended_at is null`,
    [open.id, now, by.id, reason],
  );
  const ended: HelpRequest = { ...open, endedAt: now, endedBy: by, endReason: reason };
  return write.append('HELP_REQUEST_ENDED', enquiry.id, by, { helpRequest: ended });
}

function assertSupervisor(actor: Actor): void {
  const block = supervisionBlock(actor.viewer);
  if (block) throw refusal(block.code, block.reason);
}

interface HelpRequestRow {
  id: string;
  enquiry_id: string;
  note: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  ended_at: Date | string | null;
  end_reason: HelpRequestEnd | null;
  agent_id: string;
  agent_name: string;
  agent_email: string;
  agent_role: StaffRef['role'];
  ended_by_id: string | null;
  ended_by_name: string | null;
  ended_by_email: string | null;
  ended_by_role: StaffRef['role'] | null;
}

const SELECT_HELP_REQUESTS = `
  select h.id, h.enquiry_id, h.note, h.created_at, h.updated_at, h.ended_at, h.end_reason,
         a.id as agent_id, a.name as agent_name, a.email as agent_email, a.role as agent_role,
         b.id as ended_by_id, b.name as ended_by_name, b.email as ended_by_email, b.role as ended_by_role
    from help_requests h
    join staff a on a.id = h.agent_id
    left join staff b on b.id = h.ended_by`;

function toHelpRequest(row: HelpRequestRow): HelpRequest {
  return {
    id: row.id,
    enquiryId: row.enquiry_id,
    agent: { id: row.agent_id, name: row.agent_name, email: row.agent_email, role: row.agent_role },
    note: row.note,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    endedAt: isoOrNull(row.ended_at),
    endedBy:
      row.ended_by_id && row.ended_by_name && row.ended_by_email && row.ended_by_role
        ? { id: row.ended_by_id, name: row.ended_by_name, email: row.ended_by_email, role: row.ended_by_role }
        : null,
    endReason: row.end_reason,
  };
}

/** The most open help requests `helpRequests` lists (a tenant has far fewer: one per enquiry in Handling). */
const MAX_LISTED = 500;

/**
 * The tenant's open help requests, the longest waiting first (the one asked longest ago is
 * the one to answer first), each with its enquiry. Administrators with the monitoring plan
 * only (supervisionBlock): answering one means joining or taking over.
 */
export async function readHelpRequests(store: Store, actor: Actor): Promise<HelpRequestWithEnquiry[]> {
  assertSupervisor(actor);
  return store.transaction(
    async (tx) => {
      const rows = await tx.query<HelpRequestRow>(
        `${SELECT_HELP_REQUESTS}
          where h.tenant_id = $1 and h.ended_at is null
          order by h.created_at asc, h.id asc
          limit ${MAX_LISTED}`,
        [actor.tenant.id],
      );
      const enquiries = await loadEnquiries(
        tx,
        actor.tenant.id,
        rows.map((row) => row.enquiry_id),
      );
      return rows.flatMap((row) => {
        const enquiry = enquiries.get(row.enquiry_id);
        return enquiry ? [{ ...toHelpRequest(row), enquiry }] : [];
      });
    },
    { snapshot: true },
  );
}

/**
 * An administrator dismisses an open help request without joining or taking over. Refused
 * like supervision (FORBIDDEN, PLAN_REQUIRED); another tenant's request is NOT_FOUND; one
 * that has already ended is INVALID_STATE saying how and by whom.
 */
export async function dismissHelpRequest(
  deps: WriteDeps,
  actor: Actor,
  helpRequestId: string,
): Promise<HelpRequestWithEnquiry> {
  assertSupervisor(actor);
  const id = checkId(helpRequestId, 'help request');
  const found = await deps.store.query<HelpRequestRow>(
    `${SELECT_HELP_REQUESTS} where h.id = $1 and h.tenant_id = $2`,
    [id, actor.tenant.id],
  );
  const row = found[0];
  if (!row) throw notFound('help request');
  return writeForEnquiry(deps, actor, row.enquiry_id, async (write) => {
    const enquiry = await write.enquiry(row.enquiry_id);
    if (!enquiry) throw notFound('help request');
    if (enquiry.helpRequest?.id !== id) {
      const now = await write.tx.query<HelpRequestRow>(`${SELECT_HELP_REQUESTS} where h.id = $1`, [id]);
      const ended = now[0] ? toHelpRequest(now[0]) : null;
      throw refusal(
        'INVALID_STATE',
        ended
          ? `This help request has already ended (${endedInWords(ended)}).`
          : 'This help request has already ended.',
      );
    }
    const event = await endHelpRequest(write, enquiry, actor.staff, 'DISMISSED');
    const ended = event?.payload.helpRequest;
    if (!event || !ended) throw refusal('INVALID_STATE', 'This help request has already ended.');
    return { ...ended, enquiry: event.payload.enquiry };
  });
}
