import type { Actor } from './actor';
import { messageText } from './actor';
import { refusal } from './errors';
import { endHelpRequest } from './help-requests';
import { addMember, claimOrReplay, removeMember, staffAuthor, systemMessage } from './membership';
import { acquireLease, releaseLease, UNKEYED_LEASE } from './monitor-leases';
import { requireEnquiry, roomFor, type RoomResult } from './room';
import {
  isParticipant,
  joinBlock,
  leaveBlock,
  participationBlock,
  supervisionBlock,
  takeOverConflict,
  whisperBlock,
} from './rules';
import { writeForEnquiry, type WriteDeps } from './tenant-write';
import type { Enquiry, Message } from './types';

/**
 * What an administrator does from the monitor panel: monitor, join, take over, leave,
 * whisper. Every rule is checked here, on the server, inside the tenant's write.
 */

function assertSupervisor(actor: Actor): void {
  const block = supervisionBlock(actor.viewer);
  if (block) throw refusal(block.code, block.reason);
}

/** What monitoring needs besides a tenant write: how long a keyed lease lives unrenewed. */
export type SupervisionDeps = WriteDeps & { monitorLeaseTtlMs: number };

/**
 * An admin opens a room to watch it. Live enquiries record the monitor; others are read
 * only. Each console window names its own monitor key (see monitor-leases.ts); without one
 * the caller holds the unkeyed lease.
 */
export async function monitorEnquiry(
  deps: SupervisionDeps,
  actor: Actor,
  enquiryId: string,
  monitorKey: string = UNKEYED_LEASE,
): Promise<RoomResult> {
  assertSupervisor(actor);
  return writeForEnquiry(deps, actor, enquiryId, async (write) => {
    const enquiry = await requireEnquiry(write, actor, enquiryId);
    const live = enquiry.status === 'HANDLING' || enquiry.status === 'OPEN';
    if (!live) return roomFor(actor, enquiry, write.lastSeq);
    const watched = await acquireLease(write, enquiry, actor.staff, monitorKey, deps.monitorLeaseTtlMs);
    return roomFor(actor, watched, write.lastSeq);
  });
}

/**
 * An admin stops watching a room from one window (the lease `monitorKey`, or the unkeyed
 * one). They stay listed as monitoring while another window still holds a lease. False
 * when that lease did not exist.
 */
export async function stopMonitoring(
  deps: WriteDeps,
  actor: Actor,
  enquiryId: string,
  monitorKey: string = UNKEYED_LEASE,
): Promise<boolean> {
  return writeForEnquiry(deps, actor, enquiryId, async (write) => {
    await requireEnquiry(write, actor, enquiryId);
    return releaseLease(write, enquiryId, actor.staff, monitorKey);
  });
}

/**
 * Join: the admin becomes a participant, not the owner. Refused as `canJoin` says
 * (joinBlock); a retried click with the same idempotency key is answered with the room.
 */
export async function joinEnquiry(
  deps: WriteDeps,
  actor: Actor,
  enquiryId: string,
  idempotencyKey?: string | null,
): Promise<RoomResult> {
  assertSupervisor(actor);
  return writeForEnquiry(
    deps,
    actor,
    enquiryId,
    async (write) => {
      const enquiry = await requireEnquiry(write, actor, enquiryId);
      const room = (): RoomResult => roomFor(actor, enquiry, write.lastSeq);
      const block = joinBlock(actor.viewer, enquiry);
      const replayed = await claimOrReplay(write, {
        operation: 'join',
        enquiryId,
        refused: block && refusal(block.code, block.reason),
        replay: room,
      });
      if (replayed) return replayed;
      await addMember(write, enquiryId, actor.staff.id, 'PARTICIPANT');
      const event = await write.append('ADMIN_JOINED', enquiryId, actor.staff, {
        bumpVersion: true,
        message: systemMessage(`${actor.staff.name} (administrator) joined the enquiry.`),
      });
      const answered = await endHelpRequest(write, event.payload.enquiry, actor.staff, 'JOINED');
      return roomFor(actor, (answered ?? event).payload.enquiry, write.lastSeq);
    },
    idempotencyKey,
  );
}

/**
 * Why a take-over by the actor is refused as the enquiry stands: role, plan, state, call,
 * or a conflict naming the current owner. Exactly one take-over wins: a second one, even by
 * the new owner, is a conflict (a retried click carries the same idempotency key).
 */
function takeOverRefusal(actor: Actor, enquiry: Enquiry, expectedVersion?: number | null): Error | null {
  const block = participationBlock(actor.viewer, enquiry);
  if (block) return refusal(block.code, block.reason);
  const conflict =
    enquiry.owner?.id === actor.staff.id
      ? 'You have already taken over this enquiry; use Proceed to continue.'
      : takeOverConflict(actor.viewer, enquiry, expectedVersion);
  if (!conflict) return null;
  return refusal('CONFLICT', conflict, {
    owner: enquiry.owner ? { id: enquiry.owner.id, name: enquiry.owner.name } : null,
    version: enquiry.version,
  });
}

/**
 * Take over: the admin becomes the owner; the previous owner stays a participant. Of many
 * concurrent take-overs exactly one wins: writes to a tenant are serial, and each checks
 * the owner (and expectedVersion when given) it finds.
 */
export async function takeOverEnquiry(
  deps: WriteDeps,
  actor: Actor,
  enquiryId: string,
  idempotencyKey?: string | null,
  expectedVersion?: number | null,
): Promise<RoomResult> {
  assertSupervisor(actor);
  return writeForEnquiry(
    deps,
    actor,
    enquiryId,
    async (write) => {
      const enquiry = await requireEnquiry(write, actor, enquiryId);
      const replayed = await claimOrReplay(write, {
        operation: 'takeOver',
        enquiryId,
        refused: takeOverRefusal(actor, enquiry, expectedVersion),
        replay: () => roomFor(actor, enquiry, write.lastSeq),
      });
      if (replayed) return replayed;
      const previousOwner = enquiry.owner;
      const updated = await write.tx.query(
        `update enquiries set owner_id = $3
        where id = $1 and tenant_id = $2 and version = $4 and owner_id is not distinct from $5
        returning id`,
        [enquiryId, actor.tenant.id, actor.staff.id, enquiry.version, previousOwner?.id ?? null],
      );
      if (updated.length === 0) throw refusal('CONFLICT', 'Someone else changed this enquiry first.');
      await addMember(write, enquiryId, actor.staff.id, 'PARTICIPANT');
      const from = previousOwner ? ` from ${previousOwner.name}` : '';
      const event = await write.append('ENQUIRY_TAKEN_OVER', enquiryId, actor.staff, {
        bumpVersion: true,
        previousOwner,
        message: systemMessage(`${actor.staff.name} (administrator) took over the enquiry${from}.`),
      });
      const answered = await endHelpRequest(write, event.payload.enquiry, actor.staff, 'TAKEN_OVER');
      return roomFor(actor, (answered ?? event).payload.enquiry, write.lastSeq);
    },
    idempotencyKey,
  );
}

/** A joined (non-owner) admin leaves a room being handled (the rule of `canLeave`: leaveBlock). */
export async function leaveEnquiry(deps: WriteDeps, actor: Actor, enquiryId: string): Promise<RoomResult> {
  return writeForEnquiry(deps, actor, enquiryId, async (write) => {
    const enquiry = await requireEnquiry(write, actor, enquiryId);
    const block = leaveBlock(actor.viewer, enquiry);
    if (block) throw refusal(block.code, block.reason);
    await removeMember(write.tx, enquiryId, actor.staff.id, 'PARTICIPANT');
    const event = await write.append('PARTICIPANT_LEFT', enquiryId, actor.staff, {
      bumpVersion: true,
      message: systemMessage(`${actor.staff.name} (administrator) left the enquiry.`),
    });
    return roomFor(actor, event.payload.enquiry, write.lastSeq);
  });
}

/** A staff-only note in the room, for a supervising admin or a participant. */
export async function sendWhisper(
  deps: WriteDeps,
  actor: Actor,
  enquiryId: string,
  text: string,
): Promise<Message> {
  const body = messageText(text);
  return writeForEnquiry(deps, actor, enquiryId, async (write) => {
    const enquiry = await requireEnquiry(write, actor, enquiryId);
    if (!isParticipant(enquiry, actor.staff.id)) assertSupervisor(actor);
    const blocked = whisperBlock(actor.viewer); // one may not write what one may not read
    if (blocked) throw refusal(blocked.code, blocked.reason);
    if (enquiry.status !== 'HANDLING') {
      throw refusal('INVALID_STATE', 'Whispers can be sent only while the enquiry is being handled.');
    }
    const event = await write.append('WHISPER_POSTED', enquiryId, actor.staff, {
      message: { kind: 'WHISPER', author: staffAuthor(actor.staff), text: body },
    });
    return event.payload.message as Message;
  });
}
