/**
 * The chat room's footer: the message composer (and, for an administrator, a whisper and
 * the More (...) menu offering Take over / Leave / Back to the monitor panel).
 */
import type { Room } from '../../../shared/domain';
import { Composer } from './Composer';
import { MoreMenu, type MoreMenuItem } from './MoreMenu';

interface ChatRoomPanelProps {
  room: Room;
  isAdmin: boolean;
  busy: null | 'join' | 'takeOver' | 'leave';
  onSend(text: string): Promise<void>;
  onWhisper(text: string): Promise<void>;
  onTakeOver(): void;
  onLeave(): void;
  onBackToMonitor(): void;
}

/** Composer + More (...) for a room opened as a chat room. */
export function ChatRoomPanel({
  room,
  isAdmin,
  busy,
  onSend,
  onWhisper,
  onTakeOver,
  onLeave,
  onBackToMonitor,
}: ChatRoomPanelProps) {
  const { viewer } = room;
  const items: MoreMenuItem[] = [];
  if (isAdmin) {
    items.push({ label: 'Take over', disabled: !viewer.canTakeOver || busy !== null, onSelect: onTakeOver });
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
      </div>
      {isAdmin && viewer.canTakeOver === false && viewer.blockedReason && !viewer.isOwner && (
        <p className="monitor-reason">{viewer.blockedReason}</p>
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
