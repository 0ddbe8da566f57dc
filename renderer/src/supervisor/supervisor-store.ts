/**
 * The supervisor's regions on the board (issue 13, items 1–3), fed by main without polling:
 * live metrics from the 'metrics/live' event (the backend's liveMetrics subscription), help
 * requests read once and again whenever a board event says one began or ended. A request
 * that ended stays a little while as ended, saying who ended it and how (the event carries it).
 */
import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { BoardEvent, EventType } from '../../../shared/domain';
import type { EndedHelpRequest, LiveMetrics, OpenHelpRequest } from '../../../shared/ipc/contract';
import { onBridgeEvent, request } from '../bridge/bridge';
import { useSession } from '../session/session-queries';

export const metricsKey = ['liveMetrics'] as const;
export const helpRequestsKey = ['helpRequests'] as const;

/** Board events after which the open help requests are read again. */
const HELP_EVENTS: ReadonlySet<EventType> = new Set(['ASSISTANCE_REQUESTED', 'HELP_REQUEST_ENDED']);

/** Whether the viewer is an administrator whose plan includes monitoring. */
export function useIsSupervisor(): boolean {
  const session = useSession().data;
  return session?.status === 'signed-in' && session.role === 'ADMINISTRATOR' && session.enquiryMonitoring;
}

/** The tenant's live metrics, pushed by main as they change. */
export function useLiveMetrics(enabled: boolean) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    return onBridgeEvent('metrics/live', (metrics) =>
      queryClient.setQueryData<LiveMetrics>(metricsKey, metrics),
    );
  }, [enabled, queryClient]);
  return useQuery({
    queryKey: metricsKey,
    queryFn: (): Promise<LiveMetrics> => request('metrics/get', {}),
    enabled,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

/** Enquiry ids with an open help request: the board cards' marker. */
export const useHelpMarkers = create<{ ids: ReadonlySet<string>; set(ids: ReadonlySet<string>): void }>(
  (set) => ({ ids: new Set(), set: (ids) => set({ ids }) }),
);

/** How long an ended help request stays in the region, saying who ended it and how. */
export const ENDED_SHOWN_MS = 12_000;

/** Help requests that ended a moment ago, by id, each leaving after {@link ENDED_SHOWN_MS}. */
export const useEndedHelpRequests = create<{
  ended: ReadonlyMap<string, EndedHelpRequest>;
  add(request: EndedHelpRequest): void;
}>((set, get) => ({
  ended: new Map(),
  add(request) {
    if (get().ended.has(request.id)) return;
    set({ ended: new Map(get().ended).set(request.id, request) });
    setTimeout(() => {
      const next = new Map(get().ended);
      next.delete(request.id);
      set({ ended: next });
    }, ENDED_SHOWN_MS);
  },
}));

/** The ended help request a HELP_REQUEST_ENDED board event carries, with its enquiry. */
function endedBy(event: BoardEvent): EndedHelpRequest | null {
  const help = event.helpRequest;
  if (event.type !== 'HELP_REQUEST_ENDED' || !help?.endedAt) return null;
  const { id, visitor } = event.enquiry;
  return { ...help, enquiry: { id, visitor } };
}

/** The open help requests, read again when the board's events say one began or ended. */
export function useHelpRequests(enabled: boolean) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    return onBridgeEvent('board/events', (events) => {
      for (const event of events) {
        const ended = endedBy(event);
        if (ended) useEndedHelpRequests.getState().add(ended);
      }
      if (events.some((event) => HELP_EVENTS.has(event.type))) {
        void queryClient.invalidateQueries({ queryKey: helpRequestsKey, exact: true });
      }
    });
  }, [enabled, queryClient]);
  const query = useQuery({
    queryKey: helpRequestsKey,
    queryFn: (): Promise<OpenHelpRequest[]> => request('helpRequests/list', {}),
    enabled,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  const { data } = query;
  useEffect(() => {
    useHelpMarkers
      .getState()
      .set(new Set(enabled && data ? data.filter((h) => !h.endedAt).map((h) => h.enquiry.id) : []));
  }, [data, enabled]);
  return query;
}

/** Whether the supervisor hid the strip (kept across restarts). */
export const useSupervisorStrip = create<{ hidden: boolean; toggle(): void }>()(
  persist((set) => ({ hidden: false, toggle: () => set((state) => ({ hidden: !state.hidden })) }), {
    name: 'supervisor-strip',
  }),
);
