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
  'SETTINGS_CHANGED',
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
  /** What the action was done to: the enquiry, a staff member (her capacity), or a tenant setting. */
  target: AuditTarget;
  /** A collapsed monitoring visit's end (null while it lasts); null for every other entry. */
  endedAt: string | null;
  /** What a SETTINGS_CHANGED entry changed. */
  change: SettingChange | null;
}

export interface AuditTarget {
  kind: 'ENQUIRY' | 'STAFF' | 'SETTING';
  id: string | null;
  name: string;
}

/** A SETTINGS_CHANGED event's payload besides its actor (see domain/settings.ts). */
export interface SettingChange {
  setting: string;
  from: string | null;
  to: string | null;
  /** The agent whose own setting (capacity) changed. */
  agent?: StaffRef | null;
}

/** What the audit trail may be narrowed to. */
export interface AuditFilter {
  enquiryId?: string | null;
  staffId?: string | null;
  /** ISO time, inclusive. */
  from?: string | null;
  /** ISO time, exclusive. */
  to?: string | null;
  /** One MONITOR_STARTED entry per visit, with endedAt, and no MONITOR_STOPPED entries. */
  collapseMonitoring?: boolean | null;
}

/** A date, or a date and time with an optional zone, years 1000 to 9999 (what PostgreSQL and people both read). */
const ISO_TIME = /^[1-9]\d{3}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** An ISO time of the filter, normalised, or null; refuses what is not a time. */
function filterTime(value: string | null | undefined, name: string): string | null {
  if (value == null || value === '') return null;
  const time = ISO_TIME.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time))
    throw refusal('BAD_USER_INPUT', `${name} must be an ISO time such as 2026-12-07T09:00:00Z.`);
  return new Date(time).toISOString();
}

function targetOf(type: EventType, enquiryId: string | null, payload: EventPayload): AuditTarget {
  if (type === 'SETTINGS_CHANGED') {
    const change = payload as unknown as SettingChange;
    return change.agent
      ? { kind: 'STAFF', id: change.agent.id, name: change.agent.name }
      : { kind: 'SETTING', id: null, name: change.setting };
  }
  return { kind: 'ENQUIRY', id: enquiryId, name: payload.enquiry?.visitor?.name ?? 'an enquiry' };
}

function settingChangeOf(type: EventType, payload: EventPayload): SettingChange | null {
  if (type !== 'SETTINGS_CHANGED') return null;
  const change = payload as unknown as SettingChange;
  return { setting: change.setting, from: change.from, to: change.to };
}

const settingDetail = (change: SettingChange): string =>
  `${change.setting}${change.agent ? ` of ${change.agent.name}` : ''}: ${change.from ?? 'default'} → ${change.to ?? 'default'}`;

/**
 * Who monitored, joined, took over or left which enquiry and when, and what they whispered;
 * newest first, of the actor's tenant. Refused like supervision itself (auditBlock): an
 * agent is FORBIDDEN, an administrator whose plan lacks enquiry monitoring PLAN_REQUIRED.
 */
export async function readAuditTrail(
  store: Store,
  actor: Actor,
  options: AuditFilter & {
    first?: number | null;
    after?: string | null;
  },
  /** The largest page allowed (the CSV export reads a bigger one). */
  maxFirst = 500,
): Promise<{ entries: AuditEntry[]; hasNextPage: boolean }> {
  const block = auditBlock(actor.viewer);
  if (block) throw refusal(block.code, block.reason);
  const tenantId = actor.tenant.id;
  const first = options.first ?? 50;
  if (!Number.isInteger(first) || first < 1 || first > maxFirst)
    throw refusal('BAD_USER_INPUT', `first must be between 1 and ${maxFirst}.`);
  const from = filterTime(options.from, 'from');
  const to = filterTime(options.to, 'to');
  if (from && to && from >= to) throw refusal('BAD_USER_INPUT', 'from must be before to.');
  const collapse = options.collapseMonitoring === true;
  const before = options.after == null ? null : Number(options.after);
  if (before !== null && (!Number.isInteger(before) || before < 0))
    throw refusal('BAD_USER_INPUT', 'That cursor is not valid.');
  const rows = await store.query<{
    seq: number | string;
    type: EventType;
    enquiry_id: string | null;
    at: Date;
    payload: EventPayload;
    stopped_at: Date | null;
  }>(
    // A collapsed visit's end: the same administrator's next MONITOR_STOPPED of the enquiry
    // (events_enquiry index); there is none in between, one visit being one start and one stop.
    `select seq, type, enquiry_id, at, payload, stop.stopped_at from events e
       left join lateral (
         select s.at as stopped_at from events s
          where $10::boolean and e.type = 'MONITOR_STARTED' and s.tenant_id = e.tenant_id
            and s.enquiry_id = e.enquiry_id and s.actor_id = e.actor_id
            and s.type = 'MONITOR_STOPPED' and s.seq > e.seq
          order by s.seq limit 1) stop on true
      where tenant_id = $1
        and ($8::timestamptz is null or at >= $8) and ($9::timestamptz is null or at < $9)
        and not ($10::boolean and type = 'MONITOR_STOPPED')
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
      from,
      to,
      collapse,
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
          : row.type === 'SETTINGS_CHANGED'
            ? settingDetail(row.payload as unknown as SettingChange)
            : supervisorActionDetail(row.type, row.payload),
    target: targetOf(row.type, row.enquiry_id, row.payload),
    endedAt: collapse && row.type === 'MONITOR_STARTED' && row.stopped_at ? iso(row.stopped_at) : null,
    change: settingChangeOf(row.type, row.payload),
  }));
  return { entries, hasNextPage: rows.length > first };
}
