/**
 * The room panes a tab keeps across a reload: what is read back from sessionStorage is
 * checked (bad JSON, wrong shapes, too many panes), and the panes are kept only for the
 * person who opened them. A page main takes back without a reload opens its rooms again.
 */
import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionState } from '../../shared/ipc/contract';
import {
  MAX_PANES,
  MIN_PANE_WEIGHT,
  NO_SAVED_PANES,
  ownerOf,
  readSavedPanes,
  SAVED_PANES_KEY,
  sameOwner,
} from '../../renderer/src/stores/saved-panes';

const ada = { tenant: 'demo', staffId: 'stf_ada' };
const alan = { tenant: 'demo', staffId: 'stf_alan' };
const pane = (enquiryId: string, mode = 'monitor', weight: unknown = 1) => ({ enquiryId, mode, weight });

describe('reading saved panes back', () => {
  it('restores well-formed panes in their order, modes and widths, with the focused one', () => {
    const saved = {
      openedBy: ada,
      panes: [pane('enq_a', 'monitor', 1.4), pane('enq_b', 'chat', 0.6)],
      focusedEnquiryId: 'enq_b',
    };
    expect(readSavedPanes(saved)).toEqual(saved);
  });

  it('restores nothing without a valid owner, or from something that is not saved panes', () => {
    const panes = [pane('enq_a')];
    for (const value of [
      null,
      undefined,
      'panes',
      42,
      [],
      { panes },
      { openedBy: null, panes },
      { openedBy: { tenant: 'demo' }, panes },
      { openedBy: { tenant: '', staffId: 'stf_ada' }, panes },
      { openedBy: { tenant: 'demo', staffId: 7 }, panes },
      { openedBy: ada, panes: 'enq_a' },
      { openedBy: ada },
    ]) {
      expect(readSavedPanes(value)).toEqual(NO_SAVED_PANES);
    }
  });

  it('leaves out malformed panes and repeats, and keeps the others', () => {
    const saved = readSavedPanes({
      openedBy: ada,
      panes: [
        pane('enq_a'),
        null,
        'enq_x',
        pane('', 'monitor'),
        pane('x'.repeat(129)),
        pane('enq_y', 'spy'),
        { mode: 'chat', weight: 1 },
        pane('enq_a', 'chat'),
        pane('enq_b', 'chat'),
      ],
      focusedEnquiryId: 'enq_b',
    });
    expect(saved.panes).toEqual([pane('enq_a'), pane('enq_b', 'chat')]);
    expect(saved.focusedEnquiryId).toBe('enq_b');
  });

  it('keeps widths in bounds: a missing or non-finite weight is 1, extremes are clamped', () => {
    const saved = readSavedPanes({
      openedBy: ada,
      panes: [
        pane('a', 'monitor', 'wide'),
        pane('b', 'monitor', Infinity),
        pane('c', 'monitor', -3),
        pane('d', 'monitor', 1e9),
      ],
    });
    expect(saved.panes.map((p) => p.weight)).toEqual([1, 1, MIN_PANE_WEIGHT, 50]);
  });

  it('keeps only the newest MAX_PANES panes of too many', () => {
    const ids = Array.from({ length: MAX_PANES + 4 }, (_, i) => `enq_${i}`);
    const saved = readSavedPanes({
      openedBy: ada,
      panes: ids.map((id) => pane(id)),
      focusedEnquiryId: 'enq_0',
    });
    expect(saved.panes.map((p) => p.enquiryId)).toEqual(ids.slice(-MAX_PANES));
    // The focused pane was among those left out: nothing has focus.
    expect(saved.focusedEnquiryId).toBeNull();
  });

  it('focuses nothing unless the focus names a kept pane', () => {
    for (const focusedEnquiryId of ['enq_gone', 12, { id: 'enq_a' }, undefined]) {
      expect(
        readSavedPanes({ openedBy: ada, panes: [pane('enq_a')], focusedEnquiryId }).focusedEnquiryId,
      ).toBeNull();
    }
  });
});

describe('whose panes they are', () => {
  const session = (patch: Partial<SessionState>): SessionState => ({
    status: 'signed-in',
    staff: { id: 'stf_ada', name: 'Ada Lovelace', email: 'ada@demo.test', role: 'ADMINISTRATOR' },
    tenant: 'demo',
    role: 'ADMINISTRATOR',
    enquiryMonitoring: true,
    backendUrl: 'http://127.0.0.1:1/graphql',
    ...patch,
  });

  it('is the signed-in tenant and staff member; nobody when signed out', () => {
    expect(ownerOf(session({}))).toEqual(ada);
    expect(ownerOf(session({ status: 'signed-out', staff: null, tenant: null }))).toBeNull();
    expect(sameOwner(ada, { ...ada })).toBe(true);
    expect(sameOwner(ada, alan)).toBe(false);
    expect(sameOwner(ada, { ...ada, tenant: 'basic' })).toBe(false);
    expect(sameOwner(null, null)).toBe(true);
    expect(sameOwner(ada, null)).toBe(false);
  });
});

/** A sessionStorage stand-in; `refuseWrites` makes it throw as a full storage does. */
function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  let refuse = false;
  return {
    items,
    refuseWrites() {
      refuse = true;
    },
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => {
      if (refuse) throw new DOMException('full', 'QuotaExceededError');
      items.set(key, value);
    },
    removeItem: (key: string) => void items.delete(key),
  };
}

/** The pane store as a freshly loaded page sees it, over `storage`. */
async function loadPaneStore(storage: ReturnType<typeof memoryStorage>) {
  vi.stubGlobal('sessionStorage', storage);
  vi.resetModules();
  return (await import('../../renderer/src/stores/ui-store')).usePanes;
}

describe('the pane store across a reload', () => {
  beforeEach(() => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('saves the panes to the tab and restores them on the next load, for the same person only', async () => {
    const storage = memoryStorage();
    const before = await loadPaneStore(storage);
    before.getState().keepPanesFor(ada);
    before.getState().openRoom('enq_a');
    before.getState().openRoom('enq_b', 'chat');
    before.getState().focusPane('enq_a');
    const saved = JSON.parse(storage.items.get(SAVED_PANES_KEY) ?? 'null');
    expect(saved.state).toEqual({
      openedBy: ada,
      panes: [pane('enq_a'), pane('enq_b', 'chat')],
      focusedEnquiryId: 'enq_a',
    });
    expect(JSON.stringify(saved)).not.toMatch(/token|password/i);

    const after = await loadPaneStore(storage);
    expect(after.getState().panes).toEqual([pane('enq_a'), pane('enq_b', 'chat')]);
    after.getState().keepPanesFor(ada);
    expect(after.getState().panes).toHaveLength(2);
    expect(after.getState().focusedEnquiryId).toBe('enq_a');

    // Another person signs in in the tab: nothing of Ada's is shown or kept.
    after.getState().keepPanesFor(alan);
    expect(after.getState().panes).toEqual([]);
    expect((await loadPaneStore(storage)).getState()).toMatchObject({ panes: [], openedBy: alan });
  });

  it('forgets the panes at sign-out', async () => {
    const storage = memoryStorage();
    const store = await loadPaneStore(storage);
    store.getState().keepPanesFor(ada);
    store.getState().openRoom('enq_a');
    store.getState().keepPanesFor(null);
    const reloaded = await loadPaneStore(storage);
    expect(reloaded.getState()).toMatchObject({ panes: [], focusedEnquiryId: null, openedBy: null });
  });

  it('starts with no panes from bad JSON or a tampered save, and opens rooms as usual', async () => {
    for (const raw of ['{not json', '"panes"', JSON.stringify({ state: { openedBy: ada, panes: 'x' } })]) {
      const store = await loadPaneStore(memoryStorage({ [SAVED_PANES_KEY]: raw }));
      expect(store.getState().panes).toEqual([]);
      store.getState().keepPanesFor(ada);
      store.getState().openRoom('enq_a');
      expect(store.getState().panes).toEqual([pane('enq_a')]);
    }
  });

  it('keeps working when the tab refuses to store more', async () => {
    const storage = memoryStorage();
    const store = await loadPaneStore(storage);
    storage.refuseWrites();
    expect(() => store.getState().openRoom('enq_a')).not.toThrow();
    expect(store.getState().panes).toEqual([pane('enq_a')]);
  });
});

describe('the session and the panes', () => {
  beforeEach(() => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  const signedIn = (staffId: string): SessionState => ({
    status: 'signed-in',
    staff: { id: staffId, name: staffId, email: `${staffId}@demo.test`, role: 'ADMINISTRATOR' },
    tenant: 'demo',
    role: 'ADMINISTRATOR',
    enquiryMonitoring: true,
    backendUrl: 'http://127.0.0.1:1/graphql',
  });
  const signedOut: SessionState = {
    status: 'signed-out',
    staff: null,
    tenant: null,
    role: null,
    enquiryMonitoring: false,
    backendUrl: 'http://127.0.0.1:1/graphql',
  };

  it('keeps restored panes for their owner, opens the rooms again when main takes the page back, and drops them for anyone else', async () => {
    const storage = memoryStorage();
    const first = await loadPaneStore(storage);
    first.getState().keepPanesFor(ada);
    first.getState().openRoom('enq_a');

    // The reloaded page: its modules load afresh over the same tab storage.
    const usePanes = await loadPaneStore(storage);
    const { setSession } = await import('../../renderer/src/session/session-queries');
    const { roomKey } = await import('../../renderer/src/room/room-queries');
    const queryClient = new QueryClient();
    setSession(queryClient, signedIn('stf_ada'));
    expect(usePanes.getState().panes).toEqual([pane('enq_a')]);

    // The same person announced again while connected (sign-in's answer, a window's load):
    // the rooms stay as they are.
    queryClient.setQueryData(roomKey('enq_a'), { enquiry: { id: 'enq_a' } });
    const { useConnection } = await import('../../renderer/src/stores/connection-store');
    useConnection.getState().set('live', null, null);
    setSession(queryClient, signedIn('stf_ada'));
    expect(queryClient.getQueryState(roomKey('enq_a'))?.isInvalidated).toBe(false);
    // ... and after the page was cut off from main: its rooms are opened again.
    useConnection.getState().set('offline', null, 'The console host is not answering; reconnecting…');
    setSession(queryClient, signedIn('stf_ada'));
    expect(queryClient.getQueryState(roomKey('enq_a'))?.isInvalidated).toBe(true);

    setSession(queryClient, signedIn('stf_alan'));
    expect(usePanes.getState()).toMatchObject({ panes: [], openedBy: alan });
    expect(queryClient.getQueryData(roomKey('enq_a'))).toBeUndefined();

    usePanes.getState().openRoom('enq_b');
    setSession(queryClient, signedOut);
    expect(usePanes.getState()).toMatchObject({ panes: [], openedBy: null });
  });
});
