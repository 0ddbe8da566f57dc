/**
 * Work in this window that a restart to update must not cut short (zustand): each place that
 * knows of some (the confirmation dialog, a join or take-over in flight, a composer holding
 * unsent text) claims it while it lasts, with {@link usePendingWork}. Main is told the kinds
 * whenever they change (see useUpdates.ts).
 */
import { useEffect, useId } from 'react';
import { create } from 'zustand';
import type { PendingWork } from '../../../shared/ipc/contract';

interface PendingWorkStore {
  /** What each claimant holds, by claimant id. */
  claims: Readonly<Record<string, PendingWork>>;
  claim(id: string, kind: PendingWork): void;
  release(id: string): void;
}

export const usePendingWorkStore = create<PendingWorkStore>()((set) => ({
  claims: {},
  claim: (id, kind) =>
    set((state) => (state.claims[id] === kind ? state : { claims: { ...state.claims, [id]: kind } })),
  release: (id) =>
    set((state) => {
      if (!(id in state.claims)) return state;
      const { [id]: _released, ...rest } = state.claims;
      return { claims: rest };
    }),
}));

/** The order kinds are told in (and said in): the contract's order. */
const ORDER: readonly PendingWork[] = ['confirmation', 'action', 'draft'];

/** The kinds of pending work the claims add up to, each once, in a fixed order. */
export function pendingKinds(claims: Readonly<Record<string, PendingWork>>): PendingWork[] {
  const held = new Set(Object.values(claims));
  return ORDER.filter((kind) => held.has(kind));
}

/** Claims `kind` of pending work while `active` is true (and the component is mounted). */
export function usePendingWork(kind: PendingWork, active: boolean): void {
  const id = useId();
  useEffect(() => {
    if (!active) return undefined;
    const { claim, release } = usePendingWorkStore.getState();
    claim(id, kind);
    return () => release(id);
  }, [id, kind, active]);
}
