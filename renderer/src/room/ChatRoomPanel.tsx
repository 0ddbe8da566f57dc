/**
 * The chat room's footer: the message composer (and, for an administrator, a whisper and
 * the More (...) menu offering Take over / Transfer / Close enquiry / Leave / Back to the
 * monitor panel; for an agent, "Ask for help").
 */
import type { Room } from '../../../shared/domain';
import { AskForHelp } from './AskForHelp';
import { Composer } from './Composer';
import { MoreMenu, type MoreMenuItem } from './MoreMenu';
import type { RoomBusy } from './room-actions';
import { supervisorOffers } from './room-supervision';

interface ChatRoomPanelProps {
  room: Room;
  isAdmin: boolean;
  busy: RoomBusy;
  /** The room's actions are paused (reconnecting) or gone (the room ended). */
  unavailable: boolean;
  onSend(text: string): Promise<void>;
  onWhisper(text: string): Promise<void>;
  onTakeOver(): void;
  onTransfer(): void;
  onCloseEnquiry(): void;
  onLeave(): void;
  onBackToMonitor(): void;
}

/** Composer + More (...) for a room opened as a chat room. */
export function ChatRoomPanel({
  room,
  isAdmin,
  busy,
  unavailable,
  onSend,
  onWhisper,
  onTakeOver,
  onTransfer,
  onCloseEnquiry,
  onLeave,
  onBackToMonitor,
}: ChatRoomPanelProps) {
  const { viewer } = room;
  const items: MoreMenuItem[] = [];
  const offers = supervisorOffers(isAdmin ? room : null, unavailable);
  const blockedShown = isAdmin && !viewer.canTakeOver && viewer.blockedReason !== null && !viewer.isOwner;
  if (isAdmin) {
    // Once she owns it there is nothing to take over: no disabled leftover in the menu.
    if (!viewer.isOwner)
      items.push({
        label: 'Take over',
        disabled: !viewer.canTakeOver || busy !== null,
        onSelect: onTakeOver,
      });
    if (offers.transfer.shown)
      items.push({
        label: 'Transfer',
        disabled: !offers.transfer.enabled || busy !== null,
        onSelect: onTransfer,
      });
    if (offers.close.shown)
      items.push({
        label: 'Close enquiry',
        disabled: !offers.close.enabled || busy !== null,
        onSelect: onCloseEnquiry,
      });
    if (viewer.canLeave) items.push({ label: 'Leave enquiry', disabled: busy !== null, onSelect: onLeave });
    items.push({ label: 'Back to monitor panel', onSelect: onBackToMonitor });
  }
  const sendReason = viewer.canSendMessage
    ? null
    : room.enquiry.status === 'CLOSED' || room.enquiry.status === 'MISSED'
      ? 'This enquiry is closed.'
      : 'You cannot send messages in this room.';

  return (
    <div className="chat-panel" role="group" aria-label="Chat room">
      <div className="chat-panel-head">
        <span className="chat-standing">
          {viewer.isOwner
            ? 'Chat room · you are the owner'
            : viewer.isParticipant
              ? 'Chat room · joined'
              : 'Chat room'}
        </span>
        {items.length > 0 && <MoreMenu items={items} />}
        {!isAdmin && room.enquiry.status === 'HANDLING' && (viewer.isOwner || viewer.isParticipant) && (
          <AskForHelp enquiryId={room.enquiry.id} disabled={unavailable} />
        )}
      </div>
      {blockedShown && <p className="monitor-reason">{viewer.blockedReason}</p>}
      {/* The call, said once: by the line above when it says so already. */}
      {offers.reason && !(blockedShown && viewer.blockedCode === 'CALL_IN_PROGRESS') && (
        <p className="monitor-reason">{offers.reason}</p>
      )}
      <Composer
        label="Message"
        placeholder="Write to the visitor"
        sendLabel="Send"
        disabledReason={sendReason}
        onSend={onSend}
      />
      {viewer.canWhisper && !viewer.isOwner && isAdmin && (
        <Composer
          label="Whisper to the agent"
          placeholder="Whisper to the agent (staff only)"
          sendLabel="Whisper"
          variant="whisper"
          disabledReason={null}
          onSend={onWhisper}
        />
      )}
    </div>
  );
}
