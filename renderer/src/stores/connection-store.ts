/**
 * The live connection's state as main reports it ('connection/state'), always shown in the
 * top bar with the last sync time.
 */
import { create } from 'zustand';
import type { ConnectionState } from '../../../shared/ipc/contract';

interface ConnectionStore {
  state: ConnectionState | 'unknown';
  lastSyncAt: string | null;
  detail: string | null;
  set(state: ConnectionState, lastSyncAt: string | null, detail: string | null): void;
  /** Records a successful load, for when main has not reported a state yet. */
  synced(at: string): void;
}

export const useConnection = create<ConnectionStore>()((set) => ({
  state: 'unknown',
  lastSyncAt: null,
  detail: null,
  set: (state, lastSyncAt, detail) => set({ state, lastSyncAt, detail }),
  synced: (at) =>
    set((current) => ({
      lastSyncAt: current.lastSyncAt && current.lastSyncAt > at ? current.lastSyncAt : at,
    })),
}));
