/**
 * UI state (zustand): the open room panes and their widths, which pane has focus, and the
 * board's layout. Server data never lives here; see the react-query hooks in board/ and room/.
 * The board/rooms split starts from, and is saved to, the persisted preferences.
 */
import { create } from 'zustand';
import { clampBoardShare, usePreferences } from './preferences-store';

/** How a pane shows its room: monitoring (with the monitor panel) or the chat room. */
export type PaneMode = 'monitor' | 'chat';

export interface RoomPane {
  enquiryId: string;
  mode: PaneMode;
  /** Relative width (flex-grow); resizing moves width between neighbours. */
  weight: number;
}

/** At most this many rooms side by side; opening another closes the oldest. */
export const MAX_PANES = 6;

interface PaneState {
  panes: RoomPane[];
  focusedEnquiryId: string | null;
  /** Fraction of the height the board takes while rooms are open (remembered across restarts). */
  boardShare: number;
  openRoom(enquiryId: string, mode?: PaneMode): void;
  closeRoom(enquiryId: string): void;
  closeAll(): void;
  setMode(enquiryId: string, mode: PaneMode): void;
  focusPane(enquiryId: string | null): void;
  /** Moves width between a pane and its right-hand neighbour by `delta` (weight units). */
  resizePane(index: number, delta: number): void;
  /** Sets the board/rooms split (clamped) and remembers it in the preferences. */
  setBoardShare(share: number): void;
}

const MIN_WEIGHT = 0.35;

export const usePanes = create<PaneState>()((set) => ({
  panes: [],
  focusedEnquiryId: null,
  // Persisted preferences hydrate synchronously from localStorage, so this is the saved split.
  boardShare: usePreferences.getState().boardShare,
  openRoom: (enquiryId, mode) =>
    set((state) => {
      const existing = state.panes.find((pane) => pane.enquiryId === enquiryId);
      if (existing) {
        const panes = mode
          ? state.panes.map((pane) => (pane.enquiryId === enquiryId ? { ...pane, mode } : pane))
          : state.panes;
        return { panes, focusedEnquiryId: enquiryId };
      }
      const kept = state.panes.length >= MAX_PANES ? state.panes.slice(1) : state.panes;
      return {
        panes: [...kept, { enquiryId, mode: mode ?? 'monitor', weight: 1 }],
        focusedEnquiryId: enquiryId,
      };
    }),
  closeRoom: (enquiryId) =>
    set((state) => {
      const index = state.panes.findIndex((pane) => pane.enquiryId === enquiryId);
      if (index < 0) return state;
      const panes = state.panes.filter((pane) => pane.enquiryId !== enquiryId);
      const neighbour = panes[Math.min(index, panes.length - 1)];
      return {
        panes,
        focusedEnquiryId:
          state.focusedEnquiryId === enquiryId ? (neighbour?.enquiryId ?? null) : state.focusedEnquiryId,
      };
    }),
  closeAll: () => set({ panes: [], focusedEnquiryId: null }),
  setMode: (enquiryId, mode) =>
    set((state) => ({
      panes: state.panes.map((pane) => (pane.enquiryId === enquiryId ? { ...pane, mode } : pane)),
    })),
  focusPane: (enquiryId) => set({ focusedEnquiryId: enquiryId }),
  resizePane: (index, delta) =>
    set((state) => {
      const left = state.panes[index];
      const right = state.panes[index + 1];
      if (!left || !right) return state;
      const total = left.weight + right.weight;
      const leftWeight = Math.min(total - MIN_WEIGHT, Math.max(MIN_WEIGHT, left.weight + delta));
      const panes = [...state.panes];
      panes[index] = { ...left, weight: leftWeight };
      panes[index + 1] = { ...right, weight: total - leftWeight };
      return { panes };
    }),
  setBoardShare: (share) => {
    const boardShare = clampBoardShare(share);
    set({ boardShare });
    usePreferences.getState().setBoardShare(boardShare);
  },
}));
