import type { SqlExecutor } from '../storage/store';
import type { KeyUse } from './batch-ledger';
import type { TenantWrite } from './tenant-write';
import { refusal } from './errors';
import type { Message, StaffRef } from './types';

/** Room membership rows and the small helpers every action shares. */

export type MemberKind = 'PARTICIPANT' | 'MONITOR';

export async function addMember(
  write: TenantWrite,
  enquiryId: string,
  staffId: string,
  kind: MemberKind,
): Promise<void> {
  await write.tx.query(
    `insert into room_members (enquiry_id, staff_id, kind, since) values ($1, $2, $3, $4)
     on conflict (enquiry_id, staff_id, kind) do nothing`,
    [enquiryId, staffId, kind, write.now.toISOString()],
  );
}

/** Removes a membership; true when there was one. */
export async function removeMember(
  tx: SqlExecutor,
  enquiryId: string,
  staffId: string,
  kind: MemberKind,
): Promise<boolean> {
  const rows = await tx.query(
    'delete from room_members where enquiry_id = $1 and staff_id = $2 and kind = $3 returning staff_id',
    [enquiryId, staffId, kind],
  );
  return rows.length > 0;
}

/** A system message for the room's transcript. */
export function systemMessage(text: string): {
  kind: Message['kind'];
  author: Message['author'];
  text: string;
} {
  return { kind: 'SYSTEM', author: { kind: 'SYSTEM', id: null, name: 'System', role: null }, text };
}

export function staffAuthor(staff: StaffRef): Message['author'] {
  return { kind: 'STAFF', id: staff.id, name: staff.name, role: staff.role };
}

function checkKey(key: string): void {
  if (key.length < 8 || key.length > 128) {
    throw refusal('BAD_USER_INPUT', 'An idempotency key must be 8 to 128 characters long.');
  }
}

/** The earlier use of a key (read only); BAD_USER_INPUT when it was for another action. */
async function priorUse(
  write: TenantWrite,
  staffId: string,
  key: string,
  operation: string,
  enquiryId: string,
): Promise<KeyUse | null> {
  let use = write.knownKey(staffId, key);
  if (use === undefined) {
    const rows = await write.tx.query<{ operation: string; enquiry_id: string; result_id: string | null }>(
      'select operation, enquiry_id, result_id from idempotency where tenant_id = $1 and staff_id = $2 and key = $3',
      [write.tenantId, staffId, key],
    );
    const row = rows[0];
    use = row ? { operation: row.operation, enquiryId: row.enquiry_id, resultId: row.result_id } : null;
  }
  if (use && (use.operation !== operation || use.enquiryId !== enquiryId)) {
    throw refusal('BAD_USER_INPUT', 'That idempotency key was already used for a different action.');
  }
  return use;
}

/** An idempotent action (its key is the write's, see writeForEnquiry), and how a retry of it is answered. */
export interface IdempotentAction<T> {
  operation: string;
  enquiryId: string;
  /** The rules' refusal of the action as the snapshot stands, or null when it may go ahead. */
  refused: Error | null;
  /** The action's result id when known before it runs (recorded with the key). */
  resultId?: string | null;
  /** The answer to a retry, given the first use's result id; null to go ahead (or refuse) after all. */
  replay: (resultId: string | null) => Promise<T | null> | T | null;
}

/**
 * The first step of an idempotent action. A refused action changes nothing: a retry of a
 * key that succeeded before is answered by `replay`, anything else throws the refusal. An
 * action that may go ahead claims its key (one insert); if the key was used before, the
 * retry is answered by `replay`. Returns that answer, or null when the action goes ahead.
 */
export async function claimOrReplay<T>(write: TenantWrite, action: IdempotentAction<T>): Promise<T | null> {
  const { operation, enquiryId } = action;
  const idempotency = write.idempotency;
  if (idempotency) checkKey(idempotency.key);
  const replayPrior = async (): Promise<T | null> => {
    if (!idempotency) return null;
    const prior = await priorUse(write, idempotency.staffId, idempotency.key, operation, enquiryId);
    return prior ? action.replay(prior.resultId) : null;
  };
  if (action.refused) {
    const answer = await replayPrior();
    if (answer !== null) return answer;
    throw action.refused;
  }
  if (!idempotency) return null;
  const use = { operation, enquiryId, resultId: action.resultId ?? null };
  if (await write.claimKey(idempotency.staffId, idempotency.key, use)) return null;
  return replayPrior();
}
