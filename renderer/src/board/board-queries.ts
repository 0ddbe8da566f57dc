/**
 * The Enquiry Overview as server state (react-query): the first page of every column from
 * `board/load`, the rest paged in the background, kept live by 'board/events' applied in
 * batches: at most one board render per {@link FLUSH_MS}, however fast events arrive.
 */
import { useEffect } from 'react';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { OVERVIEW_COLUMNS, type BoardEvent, type OverviewColumn } from '../../../shared/domain';
import { onBridgeEvent, request } from '../bridge/bridge';
import { useConnection } from '../stores/connection-store';
import { applyBoardEvents, applyPage, emptyBoard, type BoardModel } from './board-model';

export const boardKey = ['board'] as const;

const FIRST_PAGE = 300;
const NEXT_PAGE = 1000;
/** Stop paging a column in the background beyond this many enquiries. */
const MAX_LOADED_PER_COLUMN = 20_000;

/** Minimum time between two board renders caused by events. */
export const FLUSH_MS = 100;

/** Events that arrived before the first load finished; applied on top of it. */
let earlyEvents: BoardEvent[] = [];

async function loadBoard(): Promise<BoardModel> {
  const pages = await Promise.all(
    OVERVIEW_COLUMNS.map((column) => request('board/load', { column, first: FIRST_PAGE })),
  );
  let board = emptyBoard();
  OVERVIEW_COLUMNS.forEach((column, index) => {
    board = applyPage(board, column, pages[index]!, true);
  });
  board = applyBoardEvents(board, earlyEvents);
  earlyEvents = [];
  useConnection.getState().synced(new Date().toISOString());
  return board;
}

/** The board, loaded once per session and then only changed by events. */
export function useBoard() {
  return useQuery({
    queryKey: boardKey,
    queryFn: loadBoard,
    staleTime: Infinity,
    structuralSharing: false,
    retry: 1,
  });
}

async function loadRemainingPages(queryClient: QueryClient, column: OverviewColumn, signal: AbortSignal) {
  let loaded = 0;
  while (!signal.aborted && loaded < MAX_LOADED_PER_COLUMN) {
    const board = queryClient.getQueryData<BoardModel>(boardKey);
    const after = board?.nextPage[column];
    if (!board || !after) return;
    const page = await request('board/load', { column, first: NEXT_PAGE, after });
    if (signal.aborted) return;
    loaded += page.enquiries.length;
    queryClient.setQueryData<BoardModel>(
      boardKey,
      (current) => current && applyPage(current, column, page, false),
    );
  }
}

/** Pages in the rest of every column once the first pages are on screen. */
export function useRemainingPages(loaded: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!loaded) return;
    const controller = new AbortController();
    for (const column of OVERVIEW_COLUMNS) {
      loadRemainingPages(queryClient, column, controller.signal).catch(() => undefined);
    }
    return () => controller.abort();
  }, [loaded, queryClient]);
}

/**
 * Subscribes to 'board/events' and applies them to the board query, coalescing bursts so
 * that the UI renders at most once per frame.
 */
export function useBoardFeed(enabled: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    let pending: BoardEvent[] = [];
    let scheduled = false;
    let lastFlush = 0;
    let frame = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      scheduled = false;
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      lastFlush = performance.now();
      const events = pending;
      pending = [];
      if (!queryClient.getQueryData(boardKey)) {
        earlyEvents.push(...events);
        return;
      }
      queryClient.setQueryData<BoardModel>(boardKey, (board) => board && applyBoardEvents(board, events));
    };
    const off = onBridgeEvent('board/events', (events) => {
      for (const event of events) pending.push(event);
      if (scheduled) return;
      scheduled = true;
      const wait = Math.max(0, lastFlush + FLUSH_MS - performance.now());
      // Render on the next frame after the wait; hidden windows get no frames, so a timer backs it up.
      timer = setTimeout(() => {
        frame = requestAnimationFrame(flush);
        timer = setTimeout(flush, 250);
      }, wait);
    });
    return () => {
      off();
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [enabled, queryClient]);
}
