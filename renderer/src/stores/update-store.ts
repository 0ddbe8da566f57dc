/**
 * The installed app's update as main last told it (zustand), for the top bar's "Update"
 * status. A problem (only ever after a check a person asked for) can be dismissed.
 */
import { create } from 'zustand';
import type { UpdateStatus } from '../../../shared/ipc/contract';

/** Tells one reported problem from the next, even when both say the same words. */
export function problemKey(status: UpdateStatus | null): string | null {
  if (status?.state !== 'idle' || status.problem === null) return null;
  return `${status.lastCheckedAt ?? ''}|${status.problem}`;
}

interface UpdateStore {
  status: UpdateStatus | null;
  /** The problem the reader dismissed or that timed out (see {@link problemKey}). */
  dismissedProblem: string | null;
  set(status: UpdateStatus): void;
  dismissProblem(): void;
}

export const useUpdateStore = create<UpdateStore>()((set) => ({
  status: null,
  dismissedProblem: null,
  set: (status) => set({ status }),
  dismissProblem: () => set((state) => ({ dismissedProblem: problemKey(state.status) })),
}));
