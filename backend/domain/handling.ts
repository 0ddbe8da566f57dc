import { loadMessageById } from './messages';
import type { Actor } from './actor';
import { messageText } from './actor';
import { refusal } from './errors';
import { endHelpRequest, openHelpRequest } from './help-requests';
import { newId } from './ids';
import { addMember, claimOrReplay, staffAuthor, systemMessage } from './membership';
import { requireEnquiry, roomFor, type RoomResult } from './room';
import { isParticipant } from './rules';
import { writeForEnquiry, type WriteDeps } from './tenant-write';
import type { CallKind, Enquiry, Message } from './types';

/** What agents (and owners) do in their rooms: pick up, chat, call, ask for help, close. */

const CALL_NAME: Record<CallKind, string> = { ONE_TO_ONE: '1-to-1 call', CONFERENCE: 'conference call' };

/** Why the actor may not do this in the room now (not a participant, not being handled), or null. */
function participantRefusal(actor: Actor, enquiry: Enquiry, doing: string): Error | null {
  if (!isParticipant(enquiry, actor.staff.id)) {
    return refusal('FORBIDDEN', `Only the enquiry's owner or participants can ${doing}.`);
  }
  if (enquiry.status !== 'HANDLING') {
    return refusal('INVALID_STATE', `You can ${doing} only while the enquiry is being handled.`);
  }
  return null;
}

function assertParticipantInHandling(actor: Actor, enquiry: Enquiry, doing: string): void {
  const refused = participantRefusal(actor, enquiry, doing);
  if (refused) throw refused;
}

/** An agent (or admin) picks up an Open or Missed enquiry and becomes its owner. */
export async function pickUpEnquiry(deps: WriteDeps, actor: Actor, enquiryId: string): Promise<RoomResult> {
  return writeForEnquiry(deps, actor, enquiryId, async (write) => {
    const enquiry = await requireEnquiry(write, actor, enquiryId);
    if (enquiry.status === 'HANDLING') {
      if (enquiry.owner?.id === actor.staff.id) return roomFor(actor, enquiry, write.lastSeq);
      throw refusal('CONFLICT', `${enquiry.owner?.name ?? 'Someone'} already picked up this enquiry.`, {
        owner: enquiry.owner ? { id: enquiry.owner.id, name: enquiry.owner.name } : null,
      });
    }
    if (enquiry.status === 'CLOSED') throw refusal('INVALID_STATE', 'This enquiry is already closed.');
    await write.tx.query(
      `update enquiries set status = 'HANDLING', owner_id = $2, picked_up_at = $3, closed_at = null where id = $1`,
      [enquiryId, actor.staff.id, write.now.toISOString()],
    );
    await addMember(write, enquiryId, actor.staff.id, 'PARTICIPANT');
    const event = await write.append('ENQUIRY_PICKED_UP', enquiryId, actor.staff, {
      bumpVersion: true,
      message: systemMessage(`${actor.staff.name} picked up the enquiry.`),
    });
    return roomFor(actor, event.payload.enquiry, write.lastSeq);
  });
}

/**
 * The owner closes the enquiry: the agent who handles it, or the administrator who took it
 * over (no plan needed: closing gives up the enquiry, it takes no right). Any ongoing call
 * ends with it, and so does an open help request (ENQUIRY_CLOSED, by the closer).
 */
export async function closeEnquiry(deps: WriteDeps, actor: Actor, enquiryId: string): Promise<Enquiry> {
  return writeForEnquiry(deps, actor, enquiryId, async (write) => {
    const enquiry = await requireEnquiry(write, actor, enquiryId);
    if (enquiry.status === 'CLOSED') throw refusal('INVALID_STATE', 'This enquiry is already closed.');
    if (enquiry.owner?.id !== actor.staff.id) {
      const owner = enquiry.owner ? ` (${enquiry.owner.name})` : '';
      const hint =
        actor.staff.role === 'ADMINISTRATOR' ? ' Take it over first, or ask the owner to close it.' : '';
      throw refusal('FORBIDDEN', `Only the enquiry's owner${owner} can close it.${hint}`);
    }
    await write.tx.query(
      `update enquiries set status = 'CLOSED', call = null, closed_at = $2 where id = $1`,
      [enquiryId, write.now.toISOString()],
    );
    const event = await write.append('ENQUIRY_CLOSED', enquiryId, actor.staff, {
      bumpVersion: true,
      message: systemMessage(`${actor.staff.name} closed the enquiry.`),
    });
    const ended = await endHelpRequest(write, event.payload.enquiry, actor.staff, 'ENQUIRY_CLOSED');
    return (ended ?? event).payload.enquiry;
  });
}

export async function startCall(
  deps: WriteDeps,
  actor: Actor,
  enquiryId: string,
  kind: CallKind,
): Promise<Enquiry> {
  return writeForEnquiry(deps, actor, enquiryId, async (write) => {
    const enquiry = await requireEnquiry(write, actor, enquiryId);
    assertParticipantInHandling(actor, enquiry, 'start a call');
    if (enquiry.call) throw refusal('INVALID_STATE', `A ${CALL_NAME[enquiry.call]} is already in progress.`);
    await write.tx.query('update enquiries set call = $2 where id = $1', [enquiryId, kind]);
    const event = await write.append('CALL_STARTED', enquiryId, actor.staff, {
      bumpVersion: true,
      message: systemMessage(`${actor.staff.name} started a ${CALL_NAME[kind]}.`),
    });
    return event.payload.enquiry;
  });
}

export async function endCall(deps: WriteDeps, actor: Actor, enquiryId: string): Promise<Enquiry> {
  return writeForEnquiry(deps, actor, enquiryId, async (write) => {
    const enquiry = await requireEnquiry(write, actor, enquiryId);
    assertParticipantInHandling(actor, enquiry, 'end a call');
    if (!enquiry.call) throw refusal('INVALID_STATE', 'No call is in progress.');
    const kind = enquiry.call;
    await write.tx.query('update enquiries set call = null where id = $1', [enquiryId]);
    const event = await write.append('CALL_ENDED', enquiryId, actor.staff, {
      bumpVersion: true,
      message: systemMessage(`The ${CALL_NAME[kind]} ended.`),
    });
    return event.payload.enquiry;
  });
}

/**
 * An agent asks for an administrator's help: the enquiry's help request opens (or, while one
 * is open, its note is updated) and administrators are notified (see help-requests.ts).
 */
export async function requestAssistance(
  deps: WriteDeps,
  actor: Actor,
  enquiryId: string,
  note: string | null | undefined,
): Promise<boolean> {
  const text = note == null || note.trim() === '' ? null : messageText(note, 500);
  return writeForEnquiry(deps, actor, enquiryId, async (write) => {
    const enquiry = await requireEnquiry(write, actor, enquiryId);
    assertParticipantInHandling(actor, enquiry, 'ask for assistance');
    const helpRequest = await openHelpRequest(write, enquiry, actor.staff, text);
    await write.append('ASSISTANCE_REQUESTED', enquiryId, actor.staff, { note: text, helpRequest });
    return true;
  });
}

/** A participant's message to the visitor. A retried key returns the first message. */
export async function sendStaffMessage(
  deps: WriteDeps,
  actor: Actor,
  enquiryId: string,
  text: string,
  idempotencyKey?: string | null,
): Promise<Message> {
  const body = messageText(text);
  return writeForEnquiry(
    deps,
    actor,
    enquiryId,
    async (write) => {
      const enquiry = await requireEnquiry(write, actor, enquiryId);
      const id = newId('msg');
      const first = await claimOrReplay(write, {
        operation: 'sendMessage',
        enquiryId,
        refused: participantRefusal(actor, enquiry, 'send messages'),
        resultId: id,
        replay: (firstId) => (firstId ? loadMessageById(write.tx, firstId) : null),
      });
      if (first) return first;
      const event = await write.append('MESSAGE_POSTED', enquiryId, actor.staff, {
        message: { id, kind: 'TEXT', author: staffAuthor(actor.staff), text: body },
      });
      return event.payload.message as Message;
    },
    idempotencyKey,
  );
}
