/**
 * Preferences (zustand, persisted in localStorage): theme, board filters and sort.
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { Channel } from '../../../shared/domain';
import type { SortKey } from '../board/board-model';

export type ThemePreference = 'system' | 'dark' | 'light';

interface PreferencesState {
  theme: ThemePreference;
  sort: SortKey;
  ownerId: string | null;
  channel: Channel | null;
  text: string;
  setTheme(theme: ThemePreference): void;
  setSort(sort: SortKey): void;
  setOwnerId(ownerId: string | null): void;
  setChannel(channel: Channel | null): void;
  setText(text: string): void;
  clearFilters(): void;
}

export const usePreferences = create<PreferencesState>()(
  persist(
    (set) => ({
      theme: 'system',
      sort: 'newest',
      ownerId: null,
      channel: null,
      text: '',
      setTheme: (theme) => set({ theme }),
      setSort: (sort) => set({ sort }),
      setOwnerId: (ownerId) => set({ ownerId }),
      setChannel: (channel) => set({ channel }),
      setText: (text) => set({ text }),
      clearFilters: () => set({ ownerId: null, channel: null, text: '' }),
    }),
    {
      name: 'supervisor-console/preferences',
      // Filters are per sitting; only the theme and sort outlive a restart.
      partialize: (state) => ({ theme: state.theme, sort: state.sort }),
    },
  ),
);
