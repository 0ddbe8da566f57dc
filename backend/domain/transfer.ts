import type { SqlExecutor } from '../storage/store';
import type { Actor } from './actor';
import { checkId } from './actor';
import { refusal } from './errors';
import { endHelpRequest } from './help-requests';
import { addMember, claimOrReplay, removeMember, systemMessage } from './membership';
import { requireEnquiry, roomFor, type RoomResult } from './room';
import { supervisionBlock } from './rules';
import { writeForEnquiry, type WriteDeps } from './tenant-write';
import type { Enquiry, StaffRef } from './types';

/**
 * Transfer: an administrator moves an enquiry being handled to another agent of the tenant
 * who is online and has room for it. The new agent owns it; the previous owner leaves the
 * room (handing back after a take-over is the same move, from the administrator to an
 * agent). A system message in the room, the new and the previous owner are told
 * (notifications.ts), and board and room streams carry the ENQUIRY_TRANSFERRED event.
 */

/**
 * How many enquiries an agent handles at once when neither she nor her tenant says otherwise
 * (the tenant's default_agent_capacity starts at the same number).
 */
export const DEFAULT_AGENT_CAPACITY = 3;

/**
 * The most enquiries the agent may own in Handling at once: her own capacity, else her
 * tenant's default (schema step 4), else DEFAULT_AGENT_CAPACITY.
 */
export async function agentCapacity(tx: SqlExecutor, tenantId: string, staffId: string): Promise<number> {
  const rows = await tx.query<{ capacity: number | string | null }>(
    `select coalesce(s.capacity, t.default_agent_capacity) as capacity
       from staff s join tenants t on t.id = s.tenant_id
      where s.id = $1 and s.tenant_id = $2`,
    [staffId, tenantId],
  );
  const capacity = rows[0]?.capacity;
  return capacity == null ? DEFAULT_AGENT_CAPACITY : Number(capacity);
}

interface TargetRow {
  id: string;
  name: string;
  email: string;
  role: StaffRef['role'];
  presence: string;
  handling: number | string;
}

/** The agent an enquiry would go to, with their presence and how many enquiries they handle now. */
async function loadTarget(tx: SqlExecutor, tenantId: string, staffId: string): Promise<TargetRow | null> {
  const rows = await tx.query<TargetRow>(
    `select s.id, s.name, s.email, s.role, s.presence,
            (select count(*) from enquiries e
              where e.tenant_id = s.tenant_id and e.status = 'HANDLING' and e.owner_id = s.id) as handling
       from staff s where s.id = $1 and s.tenant_id = $2`,
    [staffId, tenantId],
  );
  return rows[0] ?? null;
}

const PRESENCE_WORDS: Record<string, string> = { AWAY: 'away', OFFLINE: 'offline', BUSY: 'busy' };

/** Why this transfer is refused as the enquiry and the agent stand, or null when it may go ahead. */
function transferRefusal(
  enquiry: Enquiry,
  target: TargetRow | null,
  capacity: number,
  expectedVersion?: number | null,
): Error | null {
  if (enquiry.status !== 'HANDLING') {
    return refusal('INVALID_STATE', 'Only an enquiry that is being handled can be transferred.');
  }
  if (enquiry.call) {
    const call = enquiry.call === 'CONFERENCE' ? 'A conference call' : 'A 1-to-1 call';
    return refusal(
      'CALL_IN_PROGRESS',
      `${call} is in progress. You cannot transfer the enquiry during a call; wait until it ends.`,
    );
  }
  if (expectedVersion != null && expectedVersion !== enquiry.version) {
    const owner = enquiry.owner;
    return refusal(
      'CONFLICT',
      owner
        ? `The enquiry changed meanwhile: ${owner.name} owns it now. Look again before transferring it.`
        : 'The enquiry changed meanwhile; look again before transferring it.',
      { owner: owner ? { id: owner.id, name: owner.name } : null, version: enquiry.version },
    );
  }
  if (!target) return refusal('NOT_FOUND', 'No such staff member, or they are not in your organisation.');
  if (enquiry.owner?.id === target.id) {
    return refusal('INVALID_STATE', `${target.name} already owns this enquiry; choose another agent.`);
  }
  if (target.role !== 'AGENT') {
    return refusal(
      'INVALID_STATE',
      `${target.name} is an administrator; an enquiry can be transferred only to an agent.`,
    );
  }
  if (target.presence !== 'ONLINE') {
    const presence = PRESENCE_WORDS[target.presence] ?? 'not online';
    return refusal(
      'INVALID_STATE',
      `${target.name} is ${presence}; transfer the enquiry to an agent who is online.`,
    );
  }
  const handling = Number(target.handling);
  if (handling >= capacity) {
    return refusal(
      'INVALID_STATE',
      `${target.name} already handles ${handling} enquiries, their capacity of ${capacity}; choose an agent with room for another.`,
    );
  }
  return null;
}

/**
 * An administrator (with the monitoring plan) transfers a Handling enquiry to `toStaffId`.
 * Refused: not an administrator FORBIDDEN, no plan PLAN_REQUIRED, another tenant's enquiry
 * or staff member NOT_FOUND, not Handling INVALID_STATE, a call CALL_IN_PROGRESS, the agent
 * not online, over capacity, an administrator or the owner already INVALID_STATE, and
 * `expectedVersion` not the enquiry's version CONFLICT. A retried click with the same
 * idempotency key is answered with the room and moves nothing twice.
 */
export async function transferEnquiry(
  deps: WriteDeps,
  actor: Actor,
  enquiryId: string,
  toStaffId: string,
  idempotencyKey?: string | null,
  expectedVersion?: number | null,
): Promise<RoomResult> {
  const block = supervisionBlock(actor.viewer);
  if (block) {
    throw refusal(
      block.code,
      block.code === 'FORBIDDEN' ? 'Only administrators can transfer an enquiry.' : block.reason,
    );
  }
  const targetId = checkId(toStaffId, 'staff member');
  return writeForEnquiry(
    deps,
    actor,
    enquiryId,
    async (write) => {
      const enquiry = await requireEnquiry(write, actor, enquiryId);
      const target = await loadTarget(write.tx, actor.tenant.id, targetId);
      const capacity = target ? await agentCapacity(write.tx, actor.tenant.id, target.id) : 0;
      const replayed = await claimOrReplay(write, {
        operation: 'transfer',
        enquiryId,
        refused: transferRefusal(enquiry, target, capacity, expectedVersion),
        replay: () => roomFor(actor, enquiry, write.lastSeq),
      });
      if (replayed) return replayed;
      if (!target) throw refusal('NOT_FOUND', 'No such staff member.'); // transferRefusal said so
      const previousOwner = enquiry.owner;
      const moved = await write.tx.query(
        `update enquiries set owner_id = $3
          where id = $1 and tenant_id = $2 and version = $4 and owner_id is not distinct from $5
          returning id`,
        [enquiryId, actor.tenant.id, target.id, enquiry.version, previousOwner?.id ?? null],
      );
      if (moved.length === 0) throw refusal('CONFLICT', 'Someone else changed this enquiry first.');
      if (previousOwner) await removeMember(write.tx, enquiryId, previousOwner.id, 'PARTICIPANT');
      await addMember(write, enquiryId, target.id, 'PARTICIPANT');
      const event = await write.append('ENQUIRY_TRANSFERRED', enquiryId, actor.staff, {
        bumpVersion: true,
        previousOwner,
        message: systemMessage(`${actor.staff.name} transferred the enquiry to ${target.name}.`),
      });
      const answered = await endHelpRequest(write, event.payload.enquiry, actor.staff, 'TRANSFERRED');
      return roomFor(actor, (answered ?? event).payload.enquiry, write.lastSeq);
    },
    idempotencyKey,
  );
}
