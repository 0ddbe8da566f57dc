import type { SqlExecutor } from '../storage/store';
import type { TenantWrite } from './tenant-write';
import { refusal } from './errors';
import type { Message, StaffRef } from './types';

/** Room membership rows and the small helpers every action shares. */

export type MemberKind = 'PARTICIPANT' | 'MONITOR';

export async function addMember(write: TenantWrite, enquiryId: string, staffId: string, kind: MemberKind): Promise<void> {
  await write.tx.query(
    `insert into room_members (enquiry_id, staff_id, kind, since) values ($1, $2, $3, $4)
     on conflict (enquiry_id, staff_id, kind) do nothing`,
    [enquiryId, staffId, kind, write.now.toISOString()],
  );
}

/** Removes a membership; true when there was one. */
export async function removeMember(tx: SqlExecutor, enquiryId: string, staffId: string, kind: MemberKind): Promise<boolean> {
  const rows = await tx.query(
    'delete from room_members where enquiry_id = $1 and staff_id = $2 and kind = $3 returning staff_id',
    [enquiryId, staffId, kind],
  );
  return rows.length > 0;
}

/** A system message for the room's transcript. */
export function systemMessage(text: string): { kind: Message['kind']; author: Message['author']; text: string } {
  return { kind: 'SYSTEM', author: { kind: 'SYSTEM', id: null, name: 'System', role: null }, text };
}

export function staffAuthor(staff: StaffRef): Message['author'] {
  return { kind: 'STAFF', id: staff.id, name: staff.name, role: staff.role };
}

/**
 * Records an idempotency key for an operation (with its result id when the caller knows it
 * already); answers whether the key was used before (a retry) and the result id of that
 * first use. A key used for another operation or enquiry is BAD_USER_INPUT.
 */
export async function claimIdempotencyKey(
  write: TenantWrite,
  staffId: string,
  key: string | null | undefined,
  operation: string,
  enquiryId: string,
  resultId: string | null = null,
): Promise<{ replay: boolean; resultId: string | null }> {
  if (!key) return { replay: false, resultId: null };
  if (key.length < 8 || key.length > 128) {
    throw refusal('BAD_USER_INPUT', 'An idempotency key must be 8 to 128 characters long.');
  }
  const claimed = await write.tx.query(
    `insert into idempotency (tenant_id, staff_id, key, operation, enquiry_id, result_id, at)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (tenant_id, staff_id, key) do nothing
     returning key`,
    [write.tenantId, staffId, key, operation, enquiryId, resultId, write.now.toISOString()],
  );
  if (claimed.length > 0) return { replay: false, resultId: null };
  const rows = await write.tx.query<{ operation: string; enquiry_id: string; result_id: string | null }>(
    'select operation, enquiry_id, result_id from idempotency where tenant_id = $1 and staff_id = $2 and key = $3',
    [write.tenantId, staffId, key],
  );
  const previous = rows[0];
  if (previous && (previous.operation !== operation || previous.enquiry_id !== enquiryId)) {
    throw refusal('BAD_USER_INPUT', 'That idempotency key was already used for a different action.');
  }
  return { replay: true, resultId: previous?.result_id ?? null };
}
