/**
 * Rooms as server state (react-query): `room/open` answers the Room (and, for an
 * administrator, starts monitoring); 'room/events' append to it live. When an event may
 * change what the viewer is allowed to do, the room is opened again (idempotent) so the
 * monitor panel always shows the server's answer.
 */
import { useEffect } from 'react';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Room, RoomEvent } from '../../../shared/domain';
import { onBridgeEvent, request } from '../bridge/bridge';
import { applyRoomEvents, changesViewer, mergeRoom } from './room-model';

/** The query key of one room. */
export function roomKey(enquiryId: string) {
  return ['room', enquiryId] as const;
}

/** Room events that arrived before the room's first answer; applied on top of it. */
const earlyEvents = new Map<string, RoomEvent[]>();

async function openRoom(queryClient: QueryClient, enquiryId: string): Promise<Room> {
  const fresh = await request('room/open', { enquiryId });
  let room = mergeRoom(queryClient.getQueryData<Room>(roomKey(enquiryId)), fresh);
  const early = earlyEvents.get(enquiryId);
  if (early) {
    room = applyRoomEvents(room, early);
    earlyEvents.delete(enquiryId);
  }
  return room;
}

/** One room's live state. */
export function useRoom(enquiryId: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: roomKey(enquiryId),
    queryFn: () => openRoom(queryClient, enquiryId),
    staleTime: Infinity,
    structuralSharing: false,
    retry: false,
  });
}

/** Stores a Room the server answered with (join, take over, leave), merged with what we hold. */
export function storeRoom(queryClient: QueryClient, room: Room): void {
  queryClient.setQueryData<Room>(roomKey(room.enquiry.id), (previous) => mergeRoom(previous, room));
}

/** Asks the server again which actions the viewer may use now. */
export function refreshRoom(queryClient: QueryClient, enquiryId: string): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: roomKey(enquiryId), exact: true });
}

/** Tells main the pane closed (stops monitoring) and forgets the room. */
export function closeRoomOnServer(queryClient: QueryClient, enquiryId: string): void {
  queryClient.removeQueries({ queryKey: roomKey(enquiryId), exact: true });
  earlyEvents.delete(enquiryId);
  request('room/close', { enquiryId }).catch(() => undefined);
}

/** Subscribes to 'room/events' for every open room. */
export function useRoomFeed(enabled: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    const refreshTimers = new Map<string, ReturnType<typeof setTimeout>>();
    const off = onBridgeEvent('room/events', ({ enquiryId, events }) => {
      const key = roomKey(enquiryId);
      if (!queryClient.getQueryData<Room>(key)) {
        if (queryClient.getQueryState(key)?.status === 'pending') {
          earlyEvents.set(enquiryId, [...(earlyEvents.get(enquiryId) ?? []), ...events]);
        }
        return;
      }
      queryClient.setQueryData<Room>(key, (room) => room && applyRoomEvents(room, events));
      if (changesViewer(events)) {
        clearTimeout(refreshTimers.get(enquiryId));
        refreshTimers.set(
          enquiryId,
          setTimeout(() => void refreshRoom(queryClient, enquiryId), 60),
        );
      }
    });
    return () => {
      off();
      for (const timer of refreshTimers.values()) clearTimeout(timer);
    };
  }, [enabled, queryClient]);
}
