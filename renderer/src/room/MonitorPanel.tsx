/**
 * The monitor panel: Join, Take over, Go to Chat Room, Proceed — each enabled exactly as
 * the server's viewer answer allows, disabled with the reason shown — and a whisper to
 * the agent.
 */
import { useId } from 'react';
import type { Room, RoomViewer } from '../../../shared/domain';
import { Composer } from './Composer';
import type { RoomNotice } from './room-actions';
import { standingOf, type RoomStanding } from './room-model';

export const PLAN_REASON = 'Your plan does not include enquiry monitoring';
export const ENDED_REASON = 'This room no longer updates, so its actions are unavailable.';
export const OFFLINE_REASON =
  'Reconnecting to the enquiry backend: actions are paused until the console is live again.';

interface MonitorPanelProps {
  room: Room | null;
  /** Why the whole panel is unavailable (no plan, room refused or ended); overrides the viewer. */
  unavailableReason: string | null;
  busy: null | 'join' | 'takeOver' | 'leave';
  notice: RoomNotice | null;
  onJoin(): void;
  onTakeOver(): void;
  onGoToChatRoom(): void;
  onProceed(): void;
  onWhisper(text: string): Promise<void>;
}

/** A viewer who may do nothing in the room. */
export const NO_RIGHTS: RoomViewer = {
  isOwner: false,
  isParticipant: false,
  isMonitoring: false,
  canJoin: false,
  canTakeOver: false,
  canGoToChatRoom: false,
  canProceed: false,
  canSendMessage: false,
  canWhisper: false,
  canLeave: false,
  blockedCode: null,
  blockedReason: null,
};

const STANDING_SENTENCES: Record<RoomStanding, string> = {
  owner: 'You own this enquiry.',
  joined: 'You have joined this enquiry.',
  monitoring: 'You are monitoring this enquiry.',
  none: 'You are not in this room.',
};

/** The panel under a monitored room. */
export function MonitorPanel(props: MonitorPanelProps) {
  const { room, unavailableReason, busy, notice } = props;
  const viewer = unavailableReason || !room ? NO_RIGHTS : room.viewer;
  const reasonId = useId();
  const noticeId = useId();
  // A conflict the notice already tells ("Someone else acted first… X owns it now") is not
  // said again by the reason line; the disabled buttons point at the notice instead.
  const toldByNotice = notice?.code === 'CONFLICT' && viewer.blockedCode === 'CONFLICT';
  // Why Join / Take over are unavailable: the server's words (an owner is told nothing more).
  const reason = toldByNotice ? null : (unavailableReason ?? (room ? viewer.blockedReason : null));
  const describedBy = (allowed: boolean) =>
    allowed ? undefined : toldByNotice ? noticeId : reason ? reasonId : undefined;
  const blocked = (allowed: boolean) => !allowed || busy !== null;

  return (
    <div className="monitor-panel" role="group" aria-label="Monitor panel">
      <p className="monitor-standing">
        {room && !unavailableReason ? STANDING_SENTENCES[standingOf(viewer)] : 'Monitoring is unavailable.'}
      </p>
      <div className="monitor-actions">
        <button
          type="button"
          onClick={props.onJoin}
          disabled={blocked(viewer.canJoin)}
          aria-describedby={describedBy(viewer.canJoin)}
        >
          {busy === 'join' ? 'Joining…' : 'Join'}
        </button>
        <button
          type="button"
          onClick={props.onTakeOver}
          disabled={blocked(viewer.canTakeOver)}
          aria-describedby={describedBy(viewer.canTakeOver)}
        >
          {busy === 'takeOver' ? 'Taking over…' : 'Take over'}
        </button>
        <button
          type="button"
          className={viewer.canGoToChatRoom ? 'primary' : undefined}
          onClick={props.onGoToChatRoom}
          disabled={blocked(viewer.canGoToChatRoom)}
          title={viewer.canGoToChatRoom ? undefined : 'Available after you join the enquiry.'}
        >
          Go to Chat Room
        </button>
        <button
          type="button"
          className={viewer.canProceed ? 'primary' : undefined}
          onClick={props.onProceed}
          disabled={blocked(viewer.canProceed)}
          title={viewer.canProceed ? undefined : 'Available after you take over the enquiry.'}
        >
          Proceed
        </button>
      </div>
      {reason && (
        <p id={reasonId} className="monitor-reason" data-code={viewer.blockedCode ?? undefined}>
          {reason}
        </p>
      )}
      {notice && (
        <p id={noticeId} className="monitor-notice" data-tone={notice.tone} role="alert">
          {notice.text}
        </p>
      )}
      <Composer
        label="Whisper to the agent"
        placeholder="Whisper to the agent (staff only)"
        sendLabel="Whisper"
        variant="whisper"
        disabledReason={viewer.canWhisper ? null : (unavailableReason ?? 'Whispers are not available here.')}
        showDisabledReason={unavailableReason === null}
        describedBy={unavailableReason !== null && reason ? reasonId : undefined}
        onSend={props.onWhisper}
      />
    </div>
  );
}
