/**
 * The monitor panel: Join, Take over, Go to Chat Room, Proceed — each enabled exactly as
 * the server's viewer answer allows, disabled with the reason shown — beside them Transfer
 * (a Handling enquiry) and Close enquiry (one the administrator owns), and a whisper to
 * the agent.
 */
import { useId } from 'react';
import type { Room, RoomViewer } from '../../../shared/domain';
import { ROOM_ACTION_SHORTCUTS } from '../app/shortcuts';
import { Composer } from './Composer';
import type { RoomBusy, RoomNotice } from './room-actions';
import { standingOf, type RoomStanding } from './room-model';
import { supervisorOffers } from './room-supervision';
import './room-supervision.css';

export const PLAN_REASON = 'Your plan does not include enquiry monitoring';
export const ENDED_REASON = 'This room no longer updates, so its actions are unavailable.';
export const OFFLINE_REASON =
  'Reconnecting to the enquiry backend: actions are paused until the console is live again.';

interface MonitorPanelProps {
  room: Room | null;
  /** Why the whole panel is unavailable (no plan, room refused or ended); overrides the viewer. */
  unavailableReason: string | null;
  busy: RoomBusy;
  notice: RoomNotice | null;
  onJoin(): void;
  onTakeOver(): void;
  onTransfer(): void;
  onCloseEnquiry(): void;
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
  // Transfer and Close enquiry: the panel's reason (plan, ended, offline, the server's word on
  // a call) or, when the panel says nothing of the call, their own (one line fewer where it does).
  const offers = supervisorOffers(room, unavailableReason !== null);
  const offerReasonId = useId();
  const callToldByPanel = reason !== null && viewer.blockedCode === 'CALL_IN_PROGRESS';
  const offerReason = callToldByPanel ? null : offers.reason;
  const offerDescribedBy = (enabled: boolean) =>
    enabled ? undefined : offerReason ? offerReasonId : reason ? reasonId : undefined;

  return (
    <div className="monitor-panel" role="group" aria-label="Monitor panel">
      <div className="monitor-standing-row">
        <p className="monitor-standing">
          {room && !unavailableReason ? STANDING_SENTENCES[standingOf(viewer)] : 'Monitoring is unavailable.'}
        </p>
        {(offers.transfer.shown || offers.close.shown) && (
          <div className="supervisor-actions">
            {offers.transfer.shown && (
              <button
                type="button"
                onClick={props.onTransfer}
                disabled={blocked(offers.transfer.enabled)}
                aria-describedby={offerDescribedBy(offers.transfer.enabled)}
                title={offers.reason ?? undefined}
              >
                {busy === 'transfer' ? 'Transferring…' : 'Transfer'}
              </button>
            )}
            {offers.close.shown && (
              <button
                type="button"
                onClick={props.onCloseEnquiry}
                disabled={blocked(offers.close.enabled)}
                aria-describedby={offerDescribedBy(offers.close.enabled)}
                title={offers.reason ?? undefined}
              >
                {busy === 'close' ? 'Closing…' : 'Close enquiry'}
              </button>
            )}
          </div>
        )}
      </div>
      <div className="monitor-actions">
        <button
          type="button"
          onClick={props.onJoin}
          disabled={blocked(viewer.canJoin)}
          aria-describedby={describedBy(viewer.canJoin)}
          aria-keyshortcuts={ROOM_ACTION_SHORTCUTS.Join}
        >
          {busy === 'join' ? 'Joining…' : 'Join'}
        </button>
        <button
          type="button"
          onClick={props.onTakeOver}
          disabled={blocked(viewer.canTakeOver)}
          aria-describedby={describedBy(viewer.canTakeOver)}
          aria-keyshortcuts={ROOM_ACTION_SHORTCUTS['Take over']}
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
      {offerReason && (
        <p id={offerReasonId} className="monitor-reason" data-code={offers.reasonCode ?? undefined}>
          {offerReason}
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
