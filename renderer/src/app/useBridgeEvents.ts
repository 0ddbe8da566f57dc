/**
 * Wires the bridge's pushed events into the stores: session changes, connection state,
 * notifications (toasts), and "open this room" requests from main (e.g. a clicked
 * desktop notification). Board and room events have their own feeds.
 */
import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { NotificationKind } from '../../../shared/domain';
import { onBridgeEvent } from '../bridge/bridge';
import { useBoardFeed } from '../board/board-queries';
import { useRoomFeed } from '../room/room-queries';
import { setSession } from '../session/session-queries';
import { useConnection } from '../stores/connection-store';
import { usePanes } from '../stores/ui-store';
import { showToast, type ToastTone } from '../stores/toast-store';

const NOTIFICATION_TONES: Record<NotificationKind, ToastTone> = {
  ADMIN_JOINED: 'info',
  TAKEN_OVER: 'warning',
  MONITORED_ENQUIRY_TAKEN_OVER: 'info',
  ASSISTANCE_REQUESTED: 'warning',
  WAIT_WARNING: 'warning',
  ENQUIRY_MISSED: 'error',
  ENQUIRY_TRANSFERRED: 'info',
};

/**
 * Board-wide alerts that can arrive many at a time (a busy hour): one toast per kind, the
 * newest shown, counting the rest, instead of a stack that buries everything else.
 */
const GROUPED_KINDS: ReadonlySet<NotificationKind> = new Set(['WAIT_WARNING', 'ENQUIRY_MISSED']);

/** Subscribes to every bridge event for as long as the app is mounted. */
export function useBridgeEvents(signedIn: boolean): void {
  const queryClient = useQueryClient();
  useBoardFeed(signedIn);
  useRoomFeed(signedIn);

  useEffect(() => {
    const offs = [
      onBridgeEvent('session/changed', (session) => setSession(queryClient, session)),
      onBridgeEvent('connection/state', ({ state, lastSyncAt, detail }) =>
        useConnection.getState().set(state, lastSyncAt, detail),
      ),
      onBridgeEvent('notification/toast', (notification) =>
        showToast({
          tone: NOTIFICATION_TONES[notification.kind] ?? 'info',
          title: notification.title,
          body: notification.body,
          enquiryId: notification.enquiryId,
          group: GROUPED_KINDS.has(notification.kind) ? notification.kind : undefined,
        }),
      ),
      onBridgeEvent('navigation/openRoom', ({ enquiryId }) => usePanes.getState().openRoom(enquiryId)),
    ];
    return () => offs.forEach((off) => off());
  }, [queryClient]);
}
