import type { HelpRequest } from '../../shared/domain';
import type { Channel, Enquiry, Message, OverviewColumn, StaffRef } from './types';
import type { SqlExecutor } from '../storage/store';

/** Reads enquiries as the snapshots clients see (owner, participants, monitors resolved). */

interface EnquiryRow {
  id: string;
  status: OverviewColumn;
  channel: Channel;
  visitor_id: string;
  visitor_name: string;
  subject: string | null;
  owner_id: string | null;
  owner_name: string | null;
  owner_email: string | null;
  owner_role: StaffRef['role'] | null;
  call: Enquiry['call'];
  waiting_since: Date | string;
  picked_up_at: Date | string | null;
  last_message_at: Date | string | null;
  closed_at: Date | string | null;
  message_count: number;
  version: number;
}

/** An enquiry row with its room members and its open help request. */
export type EnquiryRowWithMembers = EnquiryRow & {
  members: MemberRow[] | string;
  help_request?: OpenHelpRequestRow | string | null;
};

/** The open help request of an enquiry row, as SELECT_ENQUIRIES builds it (JSON). */
interface OpenHelpRequestRow {
  id: string;
  agent_id: string;
  agent_name: string;
  agent_email: string;
  agent_role: StaffRef['role'];
  note: string | null;
  created_at: string;
  updated_at: string;
}

interface MemberRow {
  kind: 'PARTICIPANT' | 'MONITOR';
  id: string;
  name: string;
  email: string;
  role: StaffRef['role'];
}

/** ISO text of a timestamp column (PGlite and pg both return Date). */
export function iso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

export function isoOrNull(value: Date | string | null | undefined): string | null {
  return value == null ? null : iso(value);
}

const SELECT_ENQUIRIES = `
  select e.id, e.status, e.channel, e.visitor_id, v.name as visitor_name, e.subject,
         e.owner_id, o.name as owner_name, o.email as owner_email, o.role as owner_role,
         e.call, e.waiting_since, e.picked_up_at, e.last_message_at, e.closed_at,
         e.message_count, e.version,
         coalesce((select json_agg(json_build_object('kind', m.kind, 'id', s.id, 'name', s.name,
                                                     'email', s.email, 'role', s.role)
                                   order by m.since, s.id)
                     from room_members m join staff s on s.id = m.staff_id
                    where m.enquiry_id = e.id), '[]') as members,
         (select json_build_object('id', h.id, 'agent_id', a.id, 'agent_name', a.name,
                                   'agent_email', a.email, 'agent_role', a.role, 'note', h.note,
                                   'created_at', h.created_at, 'updated_at', h.updated_at)
            from help_requests h join staff a on a.id = h.agent_id
           where h.enquiry_id = e.id and h.ended_at is null) as help_request
    from enquiries e
    join visitors v on v.id = e.visitor_id
    left join staff o on o.id = e.owner_id`;

/** Loads the snapshots of the given enquiries of one tenant, keyed by id (one query). */
export async function loadEnquiries(
  db: SqlExecutor,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, Enquiry>> {
  const result = new Map<string, Enquiry>();
  if (ids.length === 0) return result;
  const rows = await db.query<EnquiryRowWithMembers>(SELECT_TENANT_ENQUIRIES, [tenantId, ids]);
  for (const row of rows) result.set(row.id, enquiryOfRow(row));
  return result;
}

/** The statement behind loadEnquiries, with its parameters: $1 the tenant, $2 the ids. */
export const SELECT_TENANT_ENQUIRIES = `${SELECT_ENQUIRIES} where e.tenant_id = $1 and e.id = any($2::text[])`;

/** A row of SELECT_TENANT_ENQUIRIES (as a driver returns it, or as JSON) as a snapshot. */
export function enquiryOfRow(row: EnquiryRowWithMembers): Enquiry {
  const members = typeof row.members === 'string' ? (JSON.parse(row.members) as MemberRow[]) : row.members;
  const help =
    typeof row.help_request === 'string'
      ? (JSON.parse(row.help_request) as OpenHelpRequestRow)
      : row.help_request;
  return { ...toEnquiry(row, members), helpRequest: help ? openHelpRequest(row.id, help) : null };
}

function openHelpRequest(enquiryId: string, row: OpenHelpRequestRow): HelpRequest {
  return {
    id: row.id,
    enquiryId,
    agent: { id: row.agent_id, name: row.agent_name, email: row.agent_email, role: row.agent_role },
    note: row.note,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    endedAt: null,
    endedBy: null,
    endReason: null,
  };
}

export async function loadEnquiry(db: SqlExecutor, tenantId: string, id: string): Promise<Enquiry | null> {
  return (await loadEnquiries(db, tenantId, [id])).get(id) ?? null;
}

function toEnquiry(row: EnquiryRow, members: MemberRow[]): Enquiry {
  const ref = (m: MemberRow): StaffRef => ({ id: m.id, name: m.name, email: m.email, role: m.role });
  const participants = members.filter((m) => m.kind === 'PARTICIPANT').map(ref);
  return {
    id: row.id,
    status: row.status,
    channel: row.channel,
    visitor: { id: row.visitor_id, name: row.visitor_name },
    subject: row.subject,
    owner:
      row.owner_id && row.owner_name && row.owner_email && row.owner_role
        ? { id: row.owner_id, name: row.owner_name, email: row.owner_email, role: row.owner_role }
        : null,
    participants,
    monitors: members.filter((m) => m.kind === 'MONITOR').map(ref),
    parties: 1 + participants.length,
    call: row.call,
    waitingSince: iso(row.waiting_since),
    pickedUpAt: isoOrNull(row.picked_up_at),
    lastMessageAt: isoOrNull(row.last_message_at),
    closedAt: isoOrNull(row.closed_at),
    messageCount: Number(row.message_count),
    version: Number(row.version),
  };
}

interface MessageRow {
  id: string;
  enquiry_id: string;
  kind: Message['kind'];
  author_kind: Message['author']['kind'];
  author_id: string | null;
  author_name: string;
  author_role: Message['author']['role'];
  text: string;
  at: Date | string;
  seq: number | string;
}

export function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    enquiryId: row.enquiry_id,
    kind: row.kind,
    author: { kind: row.author_kind, id: row.author_id, name: row.author_name, role: row.author_role },
    text: row.text,
    at: iso(row.at),
    seq: Number(row.seq),
  };
}

/** The last `last` messages of a room up to and including seq `upTo`, oldest first. */
export async function loadMessages(
  db: SqlExecutor,
  enquiryId: string,
  upTo: number,
  last: number,
  includeWhispers: boolean,
): Promise<Message[]> {
  const rows = await db.query<MessageRow>(
    `select * from (
       select id, enquiry_id, kind, author_kind, author_id, author_name, author_role, text, at, seq
         from messages
        where enquiry_id = $1 and seq <= $2 and ($4 or kind <> 'WHISPER')
        order by seq desc
        limit $3) recent
     order by seq asc`,
    [enquiryId, upTo, last, includeWhispers],
  );
  return rows.map(toMessage);
}
