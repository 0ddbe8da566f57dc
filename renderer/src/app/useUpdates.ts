/**
 * The renderer's side of the installed app's updates: keeps the update store in step with
 * main ('update/get' once, then every 'update/status' event), and tells main this window's
 * pending work ('update/setPendingWork') whenever it changes, so that a restart to update
 * waits for it.
 */
import { useEffect } from 'react';
import type { PendingWork } from '../../../shared/ipc/contract';
import { onBridgeEvent, request } from '../bridge/bridge';
import { pendingKinds, usePendingWorkStore } from '../stores/pending-work-store';
import { useUpdateStore } from '../stores/update-store';

/** The kinds main was last told (null: not told yet in this page). */
let told: string | null = null;
let telling: Promise<void> = Promise.resolve();

/**
 * Tells main the current pending work if it differs from what it was last told; resolves once
 * main has it. Calls are sent in order, so the last one told is the current one.
 */
export function tellPendingWork(): Promise<void> {
  const kinds: PendingWork[] = pendingKinds(usePendingWorkStore.getState().claims);
  const key = kinds.join(',');
  if (key === told) return telling;
  told = key;
  telling = request('update/setPendingWork', { kinds }).then(
    () => undefined,
    () => {
      // Not told (the bridge was away): tell again at the next change or restart request.
      if (told === key) told = null;
    },
  );
  return telling;
}

/**
 * Mounted once by the app: update status in, pending work out. The status is asked for once
 * signed in (the top bar shows it) and kept up to date by main's events from then on.
 */
export function useUpdates(signedIn: boolean): void {
  useEffect(() => {
    const off = onBridgeEvent('update/status', (status) => useUpdateStore.getState().set(status));
    // A new page starts with no pending work: say so, in case an earlier page of this tab left some.
    told = null;
    void tellPendingWork();
    const unsubscribe = usePendingWorkStore.subscribe((state, previous) => {
      if (state.claims !== previous.claims) void tellPendingWork();
    });
    return () => {
      off();
      unsubscribe();
    };
  }, []);

  useEffect(() => {
    if (!signedIn) return undefined;
    let current = true;
    request('update/get', {}).then(
      (status) => {
        if (current) useUpdateStore.getState().set(status);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [signedIn]);
}
