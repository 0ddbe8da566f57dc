/**
 * UI state (zustand): the open room panes and their widths, which pane has focus, and the
 * board's layout. Server data never lives here; see the react-query hooks in board/ and room/.
 * The board/rooms split starts from, and is saved to, the persisted preferences. The panes
 * are kept in the window's sessionStorage (saved-panes.ts), so a reload reopens them, for
 * the person who opened them only.
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { clampBoardShare, usePreferences } from './preferences-store';
import {
  MAX_PANES,
  MIN_PANE_WEIGHT,
  readSavedPanes,
  SAVED_PANES_KEY,
  sameOwner,
  savedPanesStorage,
  type PaneMode,
  type PaneOwner,
  type RoomPane,
  type SavedPanes,
} from './saved-panes';

export { MAX_PANES, type PaneMode, type RoomPane };

interface PaneState {
  panes: RoomPane[];
  focusedEnquiryId: string | null;
  /**
   * Focus mode: the focused room takes the rooms' row and the height the board gives up (the
   * board folds to its column headings, the other rooms to their title bars).
   */
  focusMode: boolean;
  /** The signed-in staff member the panes belong to; null while nobody is signed in. */
  openedBy: PaneOwner | null;
  /** Fraction of the height the board takes while rooms are open (remembered across restarts). */
  boardShare: number;
  /**
   * Keeps the panes when `owner` is who opened them (a reload by the same person);
   * otherwise closes them all and makes `owner` theirs. Called with every session the
   * console learns of, before it is shown.
   */
  keepPanesFor(owner: PaneOwner | null): void;
  openRoom(enquiryId: string, mode?: PaneMode): void;
  closeRoom(enquiryId: string): void;
  setMode(enquiryId: string, mode: PaneMode): void;
  focusPane(enquiryId: string | null): void;
  /** Enlarges `enquiryId`'s room (focus mode on), or leaves focus mode when it is already enlarged. */
  toggleFocusMode(enquiryId: string): void;
  /** Moves width between a pane and its right-hand neighbour by `delta` (weight units). */
  resizePane(index: number, delta: number): void;
  /** Sets the board/rooms split (clamped) and remembers it in the preferences. */
  setBoardShare(share: number): void;
}

export const usePanes = create<PaneState>()(
  persist(
    (set) => ({
      panes: [],
      focusedEnquiryId: null,
      focusMode: false,
      openedBy: null,
      // Persisted preferences hydrate synchronously from localStorage, so this is the saved split.
      boardShare: usePreferences.getState().boardShare,
      keepPanesFor: (owner) =>
        set((state) =>
          sameOwner(state.openedBy, owner)
            ? state
            : { panes: [], focusedEnquiryId: null, focusMode: false, openedBy: owner },
        ),
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
            focusMode: state.focusMode && panes.length > 0,
          };
        }),
      setMode: (enquiryId, mode) =>
        set((state) => ({
          panes: state.panes.map((pane) => (pane.enquiryId === enquiryId ? { ...pane, mode } : pane)),
        })),
      focusPane: (enquiryId) => set({ focusedEnquiryId: enquiryId }),
      toggleFocusMode: (enquiryId) =>
        set((state) =>
          state.focusMode && state.focusedEnquiryId === enquiryId
            ? { focusMode: false }
            : { focusMode: true, focusedEnquiryId: enquiryId },
        ),
      resizePane: (index, delta) =>
        set((state) => {
          const left = state.panes[index];
          const right = state.panes[index + 1];
          if (!left || !right) return state;
          const total = left.weight + right.weight;
          const leftWeight = Math.min(
            total - MIN_PANE_WEIGHT,
            Math.max(MIN_PANE_WEIGHT, left.weight + delta),
          );
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
    }),
    {
      name: SAVED_PANES_KEY,
      storage: savedPanesStorage(),
      partialize: (state): SavedPanes => ({
        openedBy: state.openedBy,
        panes: state.panes,
        focusedEnquiryId: state.focusedEnquiryId,
        focusMode: state.focusMode || undefined,
      }),
      // Read back from storage: untrusted, so checked; whatever does not fit is left out.
      merge: (saved, current) => ({ ...current, ...readSavedPanes(saved) }),
    },
  ),
);
