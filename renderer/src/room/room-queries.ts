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
import { useEndedRooms } from '../stores/ended-rooms-store';
import { applyRoomEvents, changesViewer, mergeRoom } from './room-model';

/** The query key of one room. */
export function roomKey(enquiryId: string) {
  return ['room', enquiryId] as const;
}

/** Room events that arrived before the room's first answer; applied on top of it. */
const earlyEvents = new Map<string, RoomEvent[]>();

async function openRoom(queryClient: QueryClient, enquiryId: string): Promise<Room> {
  const endsHeard = useEndedRooms.getState().serial;
  const fresh = await request('room/open', { enquiryId });
  // Opened again after its stream was ended: main streams it afresh, so it updates again.
  useEndedRooms.getState().reopened(enquiryId, endsHeard);
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

/**
 * Opens every room on screen again (`room/open` is idempotent): after main took this page
 * back without a reload (its connection to main came back), the rooms it holds for the
 * page stream on and stay monitored, and what happened meanwhile is fetched.
 */
export function reopenRooms(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: ['room'] });
}

/** Tells main the pane closed (stops monitoring) and forgets the room. */
export function closeRoomOnServer(queryClient: QueryClient, enquiryId: string): void {
  queryClient.removeQueries({ queryKey: roomKey(enquiryId), exact: true });
  earlyEvents.delete(enquiryId);
  useEndedRooms.getState().forget(enquiryId);
  request('room/close', { enquiryId }).catch(() => undefined);
}

/**
 * Room events are applied at once when nothing was applied in this animation frame, and
 * otherwise together at the start of the next one: a quiet room shows a message at once,
 * and a flood renders each room once per frame, not once per batch from main. A hidden
 * page gets no frames, so a timer stands in.
 */
function frameGate(flush: () => void): { offer(): void; cancel(): void } {
  let busy = false;
  let queued = false;
  let frame: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const open = () => {
    if (frame !== null) cancelAnimationFrame(frame);
    if (timer !== null) clearTimeout(timer);
    frame = null;
    timer = null;
    busy = false;
    if (queued) {
      queued = false;
      pass();
    }
  };
  const pass = () => {
    busy = true;
    flush();
    frame = requestAnimationFrame(open);
    timer = setTimeout(open, 100);
  };
  return {
    offer() {
      if (busy) queued = true;
      else pass();
    },
    cancel() {
      if (frame !== null) cancelAnimationFrame(frame);
      if (timer !== null) clearTimeout(timer);
      frame = null;
      timer = null;
    },
  };
}

/** Subscribes to 'room/events' and 'room/ended' for every open room. */
export function useRoomFeed(enabled: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    const refreshTimers = new Map<string, ReturnType<typeof setTimeout>>();
    let pending = new Map<string, RoomEvent[]>();
    const apply = (enquiryId: string, events: RoomEvent[]) => {
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
    };
    const frames = frameGate(() => {
      const due = pending;
      pending = new Map();
      for (const [enquiryId, events] of due) apply(enquiryId, events);
    });
    const off = onBridgeEvent('room/events', ({ enquiryId, events }) => {
      const queued = pending.get(enquiryId);
      if (queued) queued.push(...events);
      else pending.set(enquiryId, [...events]);
      frames.offer();
    });
    // The server ended a room's stream for good: its pane says so (a pane closed meanwhile: nothing).
    const offEnded = onBridgeEvent('room/ended', (payload) => {
      if (queryClient.getQueryState(roomKey(payload.enquiryId))) useEndedRooms.getState().end(payload);
    });
    return () => {
      off();
      offEnded();
      frames.cancel();
      for (const timer of refreshTimers.values()) clearTimeout(timer);
    };
  }, [enabled, queryClient]);
}
