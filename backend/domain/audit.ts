import type { Store } from '../storage/store';
import type { Actor } from './actor';
import { iso } from './enquiry-repo';
import { refusal } from './errors';
import { HELP_REQUEST_ENDINGS } from './help-requests';
import { auditBlock } from './rules';
import type { EventPayload, EventType, StaffRef } from './types';

/** The supervisor actions the audit trail answers for. */
export const AUDITED: readonly EventType[] = [
  'MONITOR_STARTED',
  'MONITOR_STOPPED',
  'ADMIN_JOINED',
  'ENQUIRY_TAKEN_OVER',
  'PARTICIPANT_LEFT',
  'WHISPER_POSTED',
  'ENQUIRY_TRANSFERRED',
  'ASSISTANCE_REQUESTED',
  'HELP_REQUEST_ENDED',
];

/** Actions audited when an administrator did them (an agent closing her own enquiry is routine). */
export const AUDITED_WHEN_ADMINISTRATOR: readonly EventType[] = ['ENQUIRY_CLOSED'];

/** What an entry of the transfer, close and help-request actions says besides actor, enquiry and time. */
function supervisorActionDetail(type: EventType, payload: EventPayload): string | null {
  switch (type) {
    case 'ENQUIRY_TRANSFERRED': {
      const from = payload.previousOwner ? ` from ${payload.previousOwner.name}` : '';
      return `to ${payload.enquiry.owner?.name ?? 'nobody'}${from}`;
    }
    case 'ASSISTANCE_REQUESTED':
      return payload.note ? `help requested: ${payload.note}` : 'help requested';
    case 'HELP_REQUEST_ENDED': {
      const request = payload.helpRequest;
      if (!request?.endReason) return 'help request ended';
      return `help request of ${request.agent.name} ${HELP_REQUEST_ENDINGS[request.endReason]}`;
    }
    case 'ENQUIRY_CLOSED':
      return 'closed by the administrator who owned it';
    default:
      return null;
  }
}

export interface AuditEntry {
  id: string;
  action: EventType;
  actor: StaffRef | null;
  enquiryId: string | null;
  at: string;
  detail: string | null;
}

/**
 * Who monitored, joined, took over or left which enquiry and when, and what they whispered;
 * newest first, of the actor's tenant. Refused like supervision itself (auditBlock): an
 * agent is FORBIDDEN, an administrator whose plan lacks enquiry monitoring PLAN_REQUIRED.
 */
export async function readAuditTrail(
  store: Store,
  actor: Actor,
  options: {
    enquiryId?: string | null;
    staffId?: string | null;
    first?: number | null;
    after?: string | null;
  },
): Promise<{ entries: AuditEntry[]; hasNextPage: boolean }> {
  const block = auditBlock(actor.viewer);
  if (block) throw refusal(block.code, block.reason);
  const tenantId = actor.tenant.id;
  const first = options.first ?? 50;
  if (!Number.isInteger(first) || first < 1 || first > 500)
    throw refusal('BAD_USER_INPUT', 'first must be between 1 and 500.');
  const before = options.after == null ? null : Number(options.after);
  if (before !== null && (!Number.isInteger(before) || before < 0))
    throw refusal('BAD_USER_INPUT', 'That cursor is not valid.');
  const rows = await store.query<{
    seq: number | string;
    type: EventType;
    enquiry_id: string | null;
    at: Date;
    payload: EventPayload;
  }>(
    `select seq, type, enquiry_id, at, payload from events
      where tenant_id = $1
        and (type = any($2::text[]) or (type = any($7::text[]) and payload->'actor'->>'role' = 'ADMINISTRATOR'))
        and ($3::text is null or enquiry_id = $3) and ($4::text is null or actor_id = $4)
        and ($5::bigint is null or seq < $5)
      order by seq desc limit $6`,
    [
      tenantId,
      AUDITED,
      options.enquiryId ?? null,
      options.staffId ?? null,
      before,
      first + 1,
      AUDITED_WHEN_ADMINISTRATOR,
    ],
  );
  const entries = rows.slice(0, first).map((row) => ({
    id: String(row.seq),
    action: row.type,
    actor: row.payload.actor,
    enquiryId: row.enquiry_id,
    at: iso(row.at),
    detail:
      row.type === 'ENQUIRY_TAKEN_OVER' && row.payload.previousOwner
        ? `from ${row.payload.previousOwner.name}`
        : row.payload.message?.kind === 'WHISPER'
          ? row.payload.message.text
          : supervisorActionDetail(row.type, row.payload),
  }));
  return { entries, hasNextPage: rows.length > first };
}
