/**
 * Which of the supervisor's actions beside the spec's four (Transfer, Close enquiry) a room
 * offers, and why one is unavailable; and which agents the Transfer dialog lets her choose.
 * Pure functions only: unit-tested in tests/renderer. The backend judges every action again;
 * this only decides what the panel shows.
 */
import type { Presence, Room, StaffRef } from '../../../shared/domain';
import type { AgentAvailability } from '../../../shared/ipc/contract';

/** One action: whether the panel shows it, whether it may be used now. */
export interface ActionOffer {
  shown: boolean;
  enabled: boolean;
}

/** Transfer and Close enquiry as a room offers them, with the one reason both share. */
export interface SupervisorOffers {
  transfer: ActionOffer;
  close: ActionOffer;
  /** Why the shown actions are disabled (a call), when the panel does not already say why. */
  reason: string | null;
  reasonCode: 'CALL_IN_PROGRESS' | null;
}

const HIDDEN: ActionOffer = { shown: false, enabled: false };
const CALL_NAME = { ONE_TO_ONE: 'A 1-to-1 call', CONFERENCE: 'A conference call' } as const;

/**
 * What an administrator's room offers: Transfer for an enquiry being handled, Close enquiry
 * when she owns it (after a take-over; the owner's right). Both wait while a call is ongoing
 * (as Join and Take over do), and while the whole panel is unavailable (`unavailable`: no plan,
 * the room ended, reconnecting; the panel states that reason itself).
 */
export function supervisorOffers(room: Room | null, unavailable: boolean): SupervisorOffers {
  const enquiry = room?.enquiry;
  if (!room || !enquiry || enquiry.status !== 'HANDLING') {
    return { transfer: HIDDEN, close: HIDDEN, reason: null, reasonCode: null };
  }
  const call = enquiry.call;
  const enabled = !unavailable && call === null;
  const closeShown = room.viewer.isOwner;
  const reason =
    call && !unavailable
      ? `${CALL_NAME[call]} is in progress: ${closeShown ? 'Transfer and Close enquiry wait' : 'Transfer waits'} until it ends.`
      : null;
  return {
    transfer: { shown: true, enabled },
    close: { shown: closeShown, enabled },
    reason,
    reasonCode: reason ? 'CALL_IN_PROGRESS' : null,
  };
}

export const PRESENCE_WORDS: Record<Presence, string> = {
  ONLINE: 'Online',
  AWAY: 'Away',
  BUSY: 'Busy',
  OFFLINE: 'Offline',
};

/** An agent as the Transfer dialog lists her: why she cannot take the enquiry, if she cannot. */
export interface TransferChoice {
  agent: StaffRef;
  presence: Presence;
  chatsInHand: number;
  capacity: number;
  /** Null when she may be chosen. */
  unavailable: string | null;
}

/**
 * The agents to offer, those who can take the enquiry first (then by name): an agent who is
 * not online, is at capacity, or already owns the enquiry is listed but cannot be chosen,
 * and says why. The server checks the same again when the transfer is sent.
 */
export function transferChoices(
  agents: readonly AgentAvailability[],
  ownerId: string | null,
): TransferChoice[] {
  const choices = agents.map((entry): TransferChoice => {
    const unavailable =
      entry.agent.id === ownerId
        ? 'Owns this enquiry now'
        : entry.presence !== 'ONLINE'
          ? `${PRESENCE_WORDS[entry.presence]}: only an online agent can take it`
          : entry.chatsInHand >= entry.capacity
            ? `At capacity (${entry.chatsInHand} of ${entry.capacity})`
            : null;
    return {
      agent: entry.agent,
      presence: entry.presence,
      chatsInHand: entry.chatsInHand,
      capacity: entry.capacity,
      unavailable,
    };
  });
  return choices.sort(
    (a, b) =>
      Number(a.unavailable !== null) - Number(b.unavailable !== null) ||
      a.agent.name.localeCompare(b.agent.name),
  );
}

/** How long ago a help request was made, as its button says: "just now", "2 min ago", "1 h 5 min ago". */
export function helpRequestAge(createdAt: string, now: number): string {
  const minutes = Math.floor(Math.max(0, now - Date.parse(createdAt)) / 60_000);
  if (!Number.isFinite(minutes) || minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `${hours} h${rest > 0 ? ` ${rest} min` : ''} ago`;
}
