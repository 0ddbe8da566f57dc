/**
 * One room pane: the enquiry's header, its live transcript, and beneath it the monitor
 * panel (administrator monitoring) or the chat room (after Go to Chat Room / Proceed, or
 * an agent's own room). Refusals from the server (plan, role) are shown in the pane, and so
 * is the end of its live events when the viewer loses the right to the room: what it shows
 * stays, its actions are disabled, and it can be closed (opening it again starts afresh).
 */
import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Enquiry, Room } from '../../../shared/domain';
import type { SessionState } from '../../../shared/ipc/contract';
import { BridgeError, describeError } from '../bridge/bridge';
import { boardKey } from '../board/board-queries';
import type { BoardModel } from '../board/board-model';
import { useConnection } from '../stores/connection-store';
import { useEndedRooms } from '../stores/ended-rooms-store';
import { useReadCounts } from '../stores/read-store';
import { usePanes, type RoomPane as Pane } from '../stores/ui-store';
import { ChatRoomPanel } from './ChatRoomPanel';
import { ENDED_REASON, MonitorPanel, NO_RIGHTS, OFFLINE_REASON, PLAN_REASON } from './MonitorPanel';
import { RoomHeader } from './RoomHeader';
import { Transcript } from './Transcript';
import { TransferDialog } from './TransferDialog';
import { sendToRoom, useRoomActions } from './room-actions';
import { roomKey, useRoom } from './room-queries';
import { mergeMessages, standingOf } from './room-model';
import { useFocusKeeper } from './useFocusKeeper';

interface RoomPaneProps {
  pane: Pane;
  session: SessionState;
}

/** A room, side by side with the others. */
export function RoomPane({ pane, session }: RoomPaneProps) {
  const { enquiryId } = pane;
  const queryClient = useQueryClient();
  const room = useRoom(enquiryId);
  const actions = useRoomActions(enquiryId);
  const focused = usePanes((state) => state.focusedEnquiryId === enquiryId);
  const focusMode = usePanes((state) => state.focusMode);
  const toggleFocusMode = usePanes((state) => state.toggleFocusMode);
  // In focus mode the other rooms fold to their title bars; focusing one enlarges it instead.
  const folded = focusMode && !focused;
  const setMode = usePanes((state) => state.setMode);
  const closeRoom = usePanes((state) => state.closeRoom);
  const focusPane = usePanes((state) => state.focusPane);
  const markRead = useReadCounts((state) => state.markRead);
  const endedRoom = useEndedRooms((state) => state.ended[enquiryId] ?? null);
  const element = useRef<HTMLElement>(null);
  const isAdmin = session.role === 'ADMINISTRATOR';
  const mode = isAdmin ? pane.mode : 'chat';
  const [choosingAgent, setChoosingAgent] = useState(false);

  const boardEnquiry: Enquiry | undefined = queryClient
    .getQueryData<BoardModel>(boardKey)
    ?.byId.get(enquiryId);
  const enquiry = room.data?.enquiry ?? boardEnquiry;
  const visitor = enquiry?.visitor.name ?? 'Enquiry';

  useEffect(() => {
    if (focused && !element.current?.contains(document.activeElement)) {
      element.current?.focus();
      element.current?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
  }, [focused]);
  const keepFocus = useFocusKeeper(element, actions.busy !== null);

  const messageCount = room.data?.enquiry.messageCount;
  useEffect(() => {
    if (messageCount !== undefined) markRead(enquiryId, messageCount);
  }, [enquiryId, messageCount, markRead]);

  const send = async (text: string, kind: 'message' | 'whisper') => {
    const message = await sendToRoom(enquiryId, text, kind);
    queryClient.setQueryData<Room>(roomKey(enquiryId), (current) =>
      current ? { ...current, messages: mergeMessages(current.messages, [message]) } : current,
    );
  };

  const refusal = room.error instanceof BridgeError ? room.error : null;
  // A failed refresh of a room we already show (e.g. while offline) keeps what we have;
  // only a refusal, or a room never loaded, replaces it with the reason.
  const lost = room.isError && (!room.data || (refusal !== null && refusal.code !== 'NETWORK'));
  const planRefused = !session.enquiryMonitoring || refusal?.code === 'PLAN_REQUIRED';
  const connection = useConnection((state) => state.state);
  const offline = connection === 'offline' || connection === 'reconnecting';
  // The server ended the room's live events (a refusal read since says it all by itself).
  const ended = lost ? null : endedRoom;
  const unavailableReason = !session.enquiryMonitoring
    ? PLAN_REASON
    : lost
      ? refusal
        ? refusal.message
        : describeError(room.error)
      : ended
        ? ENDED_REASON
        : offline
          ? OFFLINE_REASON
          : null;

  return (
    <section
      ref={element}
      className="room-pane"
      data-room-pane={enquiryId}
      data-focus-region
      data-focused={focused || undefined}
      data-enlarged={(focusMode && focused) || undefined}
      data-folded={folded || undefined}
      tabIndex={-1}
      aria-label={`Room: ${visitor}`}
      onFocus={(event) => {
        keepFocus(event);
        if (!focused) focusPane(enquiryId);
      }}
    >
      <RoomHeader
        enquiry={enquiry}
        mode={mode}
        isAdmin={isAdmin}
        viewerId={session.staff?.id ?? null}
        standing={
          !session.enquiryMonitoring || lost || ended
            ? 'none'
            : room.data
              ? standingOf(room.data.viewer)
              : null
        }
        onClose={() => closeRoom(enquiryId)}
        layoutControl={
          folded ? null : (
            <button
              type="button"
              className={focusMode ? 'ghost room-focus' : 'ghost icon room-focus'}
              aria-label={focusMode ? 'Leave focus' : 'Focus room'}
              title={
                focusMode
                  ? 'Show the board and every room again'
                  : 'Enlarge this room; fold the board and the other rooms'
              }
              onClick={() => toggleFocusMode(enquiryId)}
            >
              {/* Side by side a pane is narrow: an icon, named by its label; enlarged, words. */}
              {focusMode ? 'Leave focus' : <span aria-hidden="true">⤢</span>}
            </button>
          )
        }
      />
      {ended && (
        <div className="room-refused room-ended" role="alert" data-code={ended.code}>
          <p>
            <strong>This room no longer updates</strong>
            <span>{ended.message}</span>
          </p>
          <button type="button" onClick={() => closeRoom(enquiryId)}>
            Close room
          </button>
        </div>
      )}
      {lost && planRefused ? (
        // The plan is said once, beside the disabled buttons (the panel's reason), not here too.
        <p className="muted transcript-empty">The transcript is not shown.</p>
      ) : lost ? (
        <div className="room-refused" role="alert">
          <strong>This room cannot be opened</strong>
          <span>{describeError(room.error)}</span>
        </div>
      ) : !room.data ? (
        <p className="muted transcript-empty" aria-busy="true">
          Opening the room…
        </p>
      ) : (
        <Transcript
          messages={room.data.messages}
          selfId={session.staff?.id ?? null}
          label={`Transcript with ${visitor}`}
        />
      )}
      {mode === 'monitor' ? (
        <MonitorPanel
          room={room.data ?? null}
          unavailableReason={unavailableReason}
          busy={actions.busy}
          notice={actions.notice}
          onJoin={() => void actions.join()}
          onTakeOver={() => void actions.takeOver()}
          onTransfer={() => setChoosingAgent(true)}
          onCloseEnquiry={() => void actions.close()}
          onGoToChatRoom={() => setMode(enquiryId, 'chat')}
          onProceed={() => setMode(enquiryId, 'chat')}
          onWhisper={(text) => send(text, 'whisper')}
        />
      ) : room.data ? (
        <ChatRoomPanel
          room={ended ? { ...room.data, viewer: NO_RIGHTS } : room.data}
          isAdmin={isAdmin}
          busy={actions.busy}
          unavailable={ended !== null || offline}
          onSend={(text) => send(text, 'message')}
          onWhisper={(text) => send(text, 'whisper')}
          onTakeOver={() => void actions.takeOver()}
          onTransfer={() => setChoosingAgent(true)}
          onCloseEnquiry={() => void actions.close()}
          onLeave={() => {
            void actions.leave().then((left) => left && setMode(enquiryId, 'monitor'));
          }}
          onBackToMonitor={() => setMode(enquiryId, 'monitor')}
        />
      ) : null}
      {choosingAgent && room.data && (
        <TransferDialog
          enquiry={room.data.enquiry}
          handingBack={room.data.viewer.isOwner}
          onCancel={() => setChoosingAgent(false)}
          onChoose={(agent) => {
            setChoosingAgent(false);
            // An administrator who handed the enquiry back is no longer in its chat room.
            void actions.transfer(agent).then((moved) => moved && setMode(enquiryId, 'monitor'));
          }}
        />
      )}
      {mode === 'chat' && actions.notice && (
        <p className="monitor-notice" data-tone={actions.notice.tone} role="alert">
          {actions.notice.text}
        </p>
      )}
    </section>
  );
}
