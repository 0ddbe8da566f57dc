import type { ErrorCode } from '../../shared/errors';
import type { RoomViewer } from '../../shared/domain';
import type { Enquiry, Role } from './types';

/** Who is looking at a room, as the rules need to know them. */
export interface Viewer {
  staffId: string;
  role: Role;
  /** Whether the viewer's tenant plan includes enquiry monitoring. */
  enquiryMonitoring: boolean;
  /**
   * Whether the viewer's tenant tells agents who monitors their enquiries (the tenant
   * setting `agentsSeeMonitors`; absent or false: monitoring is silent to agents).
   */
  agentsSeeMonitors?: boolean;
}

export interface Block {
  code: ErrorCode;
  reason: string;
}

const CALL_REASON: Record<NonNullable<Enquiry['call']>, string> = {
  ONE_TO_ONE: 'A 1-to-1 call is in progress. You cannot join or take over during a call.',
  CONFERENCE: 'A conference call is in progress. You cannot join or take over during a call.',
};

/** Whether the viewer may supervise at all (monitor, whisper, join, take over): role and plan. */
export function supervisionBlock(viewer: Viewer): Block | null {
  if (viewer.role !== 'ADMINISTRATOR') {
    return { code: 'FORBIDDEN', reason: 'Only administrators can monitor, join or take over an enquiry.' };
  }
  if (!viewer.enquiryMonitoring) {
    return { code: 'PLAN_REQUIRED', reason: 'Your plan does not include enquiry monitoring.' };
  }
  return null;
}

/** Why the viewer cannot join or take over this enquiry now, or null when they can. */
export function participationBlock(viewer: Viewer, enquiry: Enquiry): Block | null {
  const supervision = supervisionBlock(viewer);
  if (supervision) return supervision;
  if (enquiry.status !== 'HANDLING') {
    return {
      code: 'INVALID_STATE',
      reason: 'Only an enquiry that is being handled can be joined or taken over.',
    };
  }
  if (enquiry.call) return { code: 'CALL_IN_PROGRESS', reason: CALL_REASON[enquiry.call] };
  return null;
}

/**
 * Why the viewer cannot join this enquiry now, or null: what stops participation, or
 * having joined already (the owner included). The one rule behind both `joinEnquiry` and
 * `RoomViewer.canJoin`; a retried click carries its idempotency key and is answered with
 * the room, not refused.
 */
export function joinBlock(viewer: Viewer, enquiry: Enquiry): Block | null {
  const block = participationBlock(viewer, enquiry);
  if (block) return block;
  if (enquiry.owner?.id === viewer.staffId) {
    return {
      code: 'INVALID_STATE',
      reason: 'You own this enquiry already; use Proceed to continue in the chat room.',
    };
  }
  if (isParticipant(enquiry, viewer.staffId)) {
    return {
      code: 'INVALID_STATE',
      reason: 'You have already joined this enquiry; use Go to Chat Room to continue.',
    };
  }
  return null;
}

/**
 * Why a take-over by the viewer would conflict: another administrator already owns the
 * enquiry (unless the caller names the version it saw), or the version moved on.
 */
export function takeOverConflict(
  viewer: Viewer,
  enquiry: Enquiry,
  expectedVersion?: number | null,
): string | null {
  const owner = enquiry.owner;
  if (expectedVersion != null && expectedVersion !== enquiry.version) {
    return owner
      ? `The enquiry changed meanwhile: ${owner.name} owns it now.`
      : 'The enquiry changed meanwhile; look again before taking it over.';
  }
  if (expectedVersion == null && owner && owner.id !== viewer.staffId && owner.role === 'ADMINISTRATOR') {
    return `${owner.name} has already taken over this enquiry.`;
  }
  return null;
}

export const isParticipant = (enquiry: Enquiry, staffId: string): boolean =>
  enquiry.participants.some((p) => p.id === staffId);

export const isMonitoring = (enquiry: Enquiry, staffId: string): boolean =>
  enquiry.monitors.some((m) => m.id === staffId);

/**
 * Why the viewer may not leave the room now, or null when they may: only a joined
 * administrator who does not own the enquiry leaves, and only while it is being handled.
 * The one rule behind both `leaveEnquiry` and `RoomViewer.canLeave`. No plan is needed:
 * leaving gives up a right, it takes none.
 */
export function leaveBlock(viewer: Viewer, enquiry: Enquiry): Block | null {
  if (enquiry.owner?.id === viewer.staffId) {
    return { code: 'INVALID_STATE', reason: 'The owner cannot leave the enquiry; close it instead.' };
  }
  if (!isParticipant(enquiry, viewer.staffId)) {
    return {
      code: 'INVALID_STATE',
      reason: 'You have not joined this enquiry, so there is nothing to leave.',
    };
  }
  if (viewer.role !== 'ADMINISTRATOR') {
    return {
      code: 'FORBIDDEN',
      reason:
        'Only an administrator who joined an enquiry can leave it; as an agent in the room, stay until it is closed.',
    };
  }
  if (enquiry.status !== 'HANDLING') {
    return {
      code: 'INVALID_STATE',
      reason: 'This enquiry is no longer being handled, so there is nothing to leave.',
    };
  }
  return null;
}

/**
 * Why the viewer may not read the audit trail, or null: it records supervision (monitor,
 * join, take over, leave, whisper text), so it needs what supervision needs, role and plan.
 */
export function auditBlock(viewer: Viewer): Block | null {
  if (viewer.role !== 'ADMINISTRATOR') {
    return { code: 'FORBIDDEN', reason: 'Only administrators can read the audit trail.' };
  }
  if (!viewer.enquiryMonitoring) {
    return {
      code: 'PLAN_REQUIRED',
      reason:
        'Your plan does not include enquiry monitoring, and the audit trail comes with it. Ask your account owner to upgrade the plan.',
    };
  }
  return null;
}

/**
 * Why the viewer may not read whispers (staff-only notes in a room), or null when she may.
 * The one rule for every place a message reaches a viewer (`Room.messages`, `roomEvents`,
 * notifications) and for sending one (`sendWhisper`, `RoomViewer.canWhisper`). Whispers
 * come with supervision: an agent reads them in any room she may read; an administrator
 * only while her plan includes enquiry monitoring (without it she may still be in a room as
 * a participant, and reads it as the visitor would). A visitor is never a Viewer: no visitor
 * operation returns messages, and the board carries no whisper events.
 */
export function whisperBlock(viewer: Viewer): Block | null {
  if (viewer.role === 'ADMINISTRATOR' && !viewer.enquiryMonitoring) {
    return {
      code: 'PLAN_REQUIRED',
      reason:
        'Your plan does not include enquiry monitoring, and whispers come with it. Send a message to the room instead, or ask your account owner to upgrade the plan.',
    };
  }
  return null;
}

/** Whether the viewer may read whispers: see {@link whisperBlock}. */
export const mayReadWhispers = (viewer: Viewer): boolean => whisperBlock(viewer) === null;

/** Whether the viewer may read the room (transcript and events). */
export function roomAccessBlock(viewer: Viewer, enquiry: Enquiry): Block | null {
  if (isParticipant(enquiry, viewer.staffId)) return null;
  return supervisionBlock(viewer);
}

/** The server's answer to "which monitor-panel actions may I use now". */
export function viewerFor(viewer: Viewer, enquiry: Enquiry): RoomViewer {
  const owner = enquiry.owner?.id === viewer.staffId;
  const participant = isParticipant(enquiry, viewer.staffId);
  const handling = enquiry.status === 'HANDLING';
  const admin = viewer.role === 'ADMINISTRATOR';
  const block = participationBlock(viewer, enquiry);
  const conflict = block ? null : takeOverConflict(viewer, enquiry);
  return {
    isOwner: owner,
    isParticipant: participant,
    isMonitoring: isMonitoring(enquiry, viewer.staffId),
    canJoin: !joinBlock(viewer, enquiry),
    canTakeOver: !block && !owner && !conflict,
    canGoToChatRoom: admin && handling && participant && !owner,
    canProceed: admin && handling && owner,
    canSendMessage: handling && participant,
    canWhisper: handling && mayReadWhispers(viewer) && (participant || !supervisionBlock(viewer)),
    canLeave: !leaveBlock(viewer, enquiry),
    blockedCode: block?.code ?? (conflict ? 'CONFLICT' : null),
    blockedReason: block?.reason ?? conflict,
  };
}

/**
 * What an agent is told of an enquiry she may not see, and of one that does not exist: the
 * same words, so that the answer does not tell the two apart.
 */
export const NOT_IN_AGENT_VIEW =
  'No such enquiry among yours and the Open queue: it may have been picked up by someone else, or it is not in your organisation.';

/**
 * Why an agent may not see this enquiry at all, or null when she may (least privilege): an
 * agent sees the Open queue and the enquiries she owns or takes part in, in any state (so
 * Missed and Closed only her own); an administrator sees every enquiry of her tenant. The
 * one rule behind `enquiryOverview`, `enquiry`, `room`, `roomEvents` and the agent's
 * `boardEvents`. It answers NOT_FOUND, as for another tenant's enquiry: what is not hers
 * is not there for her, not even as a refusal that tells it exists.
 */
export function enquiryViewBlock(viewer: Viewer, enquiry: Enquiry): Block | null {
  if (viewer.role === 'ADMINISTRATOR') return null;
  if (enquiry.status === 'OPEN' || enquiry.owner?.id === viewer.staffId) return null;
  if (isParticipant(enquiry, viewer.staffId)) return null;
  return { code: 'NOT_FOUND', reason: NOT_IN_AGENT_VIEW };
}

/** Whether the viewer may see the enquiry: see {@link enquiryViewBlock}. */
export const inViewOf = (viewer: Viewer, enquiry: Enquiry): boolean =>
  enquiryViewBlock(viewer, enquiry) === null;

/**
 * Whether the viewer is told who monitors an enquiry (`Enquiry.monitors`, MONITOR_STARTED /
 * MONITOR_STOPPED events): administrators always; agents only when their tenant's setting
 * `agentsSeeMonitors` says so. Monitoring is silent by default; joining never is (its system
 * message and notification reach the agent whatever this says).
 */
export const seesMonitors = (viewer: Viewer): boolean =>
  viewer.role === 'ADMINISTRATOR' || viewer.agentsSeeMonitors === true;
