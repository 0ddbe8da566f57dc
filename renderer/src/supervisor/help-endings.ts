/**
 * How a help request ended, in words: who ended it and how. The administrators' "Help
 * requests" region says it briefly before the request leaves ("Dismissed by Ada Lovelace",
 * "Answered by Ada Lovelace (joined)"); the agent who asked is told in her room ("Ada
 * Lovelace dismissed your help request"). Pure functions, unit-tested in tests/renderer.
 */
import type { EventHelpRequest, HelpRequestEnd } from '../../../shared/domain';

/** The ending as the administrators' region says it, after "by <name>". */
const HOW: Record<HelpRequestEnd, string> = {
  JOINED: ' (joined)',
  TAKEN_OVER: ' (took over)',
  TRANSFERRED: ' (transferred the enquiry)',
  DISMISSED: '',
  ENQUIRY_CLOSED: '',
};

type Ending = Pick<EventHelpRequest, 'endedBy' | 'endReason'>;

/** For the administrators: "Dismissed by Ada Lovelace", "Answered by Ada Lovelace (joined)". */
export function endedForAdministrators({ endedBy, endReason }: Ending): string {
  const by = endedBy ? ` by ${endedBy.name}` : '';
  switch (endReason) {
    case 'DISMISSED':
      return `Dismissed${by}`;
    case 'ENQUIRY_CLOSED':
      return `Ended: enquiry closed${by}`;
    case 'JOINED':
    case 'TAKEN_OVER':
    case 'TRANSFERRED':
      return `Answered${by}${HOW[endReason]}`;
    default:
      return 'Ended';
  }
}

/** For the agent who asked: "Ada Lovelace dismissed your help request". */
export function endedForAgent({ endedBy, endReason }: Ending): string {
  const who = endedBy?.name ?? 'An administrator';
  switch (endReason) {
    case 'DISMISSED':
      return `${who} dismissed your help request`;
    case 'JOINED':
      return `${who} answered your help request by joining`;
    case 'TAKEN_OVER':
      return `${who} answered your help request by taking over`;
    case 'TRANSFERRED':
      return `${who} answered your help request by transferring the enquiry`;
    case 'ENQUIRY_CLOSED':
      return `Your help request ended: ${endedBy ? `${who} closed the enquiry` : 'the enquiry closed'}`;
    default:
      return 'Your help request ended';
  }
}
