/**
 * Preferences (zustand, persisted in localStorage): theme, board filters and sort, and how
 * much of the height the board takes while rooms are open.
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { Channel } from '../../../shared/domain';
import { DEFAULT_SORT, type SortKey } from '../board/board-order';

export type ThemePreference = 'system' | 'dark' | 'light';

/**
 * The board's share of the height while rooms are open, by default: with one room open
 * an administrator sees four to five cards per column, and the room keeps its header,
 * a readable transcript and the monitor panel.
 */
export const DEFAULT_BOARD_SHARE = 0.55;
/** The board never gets less than this share of the height, nor more than BOARD_SHARE_MAX. */
export const BOARD_SHARE_MIN = 0.15;
export const BOARD_SHARE_MAX = 0.8;

/** A board share within bounds; anything that is not a finite number gives the default. */
export function clampBoardShare(share: unknown): number {
  if (typeof share !== 'number' || !Number.isFinite(share)) return DEFAULT_BOARD_SHARE;
  return Math.min(BOARD_SHARE_MAX, Math.max(BOARD_SHARE_MIN, share));
}

interface PreferencesState {
  theme: ThemePreference;
  sort: SortKey;
  ownerId: string | null;
  channel: Channel | null;
  text: string;
  /** Fraction of the height the board takes while rooms are open (the split the admin chose). */
  boardShare: number;
  setTheme(theme: ThemePreference): void;
  setSort(sort: SortKey): void;
  setOwnerId(ownerId: string | null): void;
  setChannel(channel: Channel | null): void;
  setText(text: string): void;
  clearFilters(): void;
  setBoardShare(share: number): void;
}

type Persisted = Pick<PreferencesState, 'theme' | 'sort' | 'boardShare'>;

export const usePreferences = create<PreferencesState>()(
  persist(
    (set) => ({
      theme: 'system',
      sort: DEFAULT_SORT,
      ownerId: null,
      channel: null,
      text: '',
      boardShare: DEFAULT_BOARD_SHARE,
      setTheme: (theme) => set({ theme }),
      setSort: (sort) => set({ sort }),
      setOwnerId: (ownerId) => set({ ownerId }),
      setChannel: (channel) => set({ channel }),
      setText: (text) => set({ text }),
      clearFilters: () => set({ ownerId: null, channel: null, text: '' }),
      setBoardShare: (share) => set({ boardShare: clampBoardShare(share) }),
    }),
    {
      name: 'supervisor-console/preferences',
      // Version 1: the default sort became longest time first. Version 0 stored the old
      // default (newest first) whether or not it was chosen, so it gives way to the new one.
      version: 1,
      migrate: (persisted, version) => {
        const stored = (persisted ?? {}) as Partial<Persisted>;
        const migrated = version < 1 && stored.sort === 'newest' ? { ...stored, sort: DEFAULT_SORT } : stored;
        return migrated as PreferencesState;
      },
      // Filters are per sitting; the theme, sort and board/rooms split outlive a restart.
      partialize: (state): Persisted => ({
        theme: state.theme,
        sort: state.sort,
        boardShare: state.boardShare,
      }),
      // Stored before the split was remembered (no boardShare), or tampered with: in bounds.
      merge: (persisted, current) => {
        const stored = (persisted ?? {}) as Partial<Persisted>;
        return { ...current, ...stored, boardShare: clampBoardShare(stored.boardShare) };
      },
    },
  ),
);
