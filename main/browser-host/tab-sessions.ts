/**
 * One supervisor session per browser tab. Each tab (identified by an id the page keeps in
 * sessionStorage) gets its own SupervisorSession, so two admins can be signed in from two
 * tabs at once. A reload re-attaches to the tab's session within a grace period; a tab
 * gone for longer is signed out of its connection. With an update source (the fake one of
 * fake-updates.ts), each tab is a window of the app's updates: its requests and pending work
 * go there, and the update status comes back to it.
 */
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { EventName, EventPayloads, UpdateStatus } from '../../shared/ipc/contract';
import { createRequestHandler, type RequestHandler } from '../core/request-handler';
import { ROOM_REOPEN_HOLD_MS } from '../core/room-reopen-hold';
import { SupervisorSession } from '../core/session';
import type { NativeAlert } from '../core/ports';
import type { UpdateControl } from '../core/update-control';
import { CLOSE_TAB_IN_USE, type HostMessage } from '../../shared/ipc/loopback-protocol';

const pageMessage = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('invoke'),
    id: z.number().int().nonnegative(),
    channel: z.string().max(64),
    args: z.unknown(),
  }),
  z.object({ t: z.literal('seen') }),
]);

/** Largest page → host message accepted (a sent message is at most 4000 characters). */
const MAX_MESSAGE_BYTES = 64 * 1024;

/** A tab's part in the app's updates; `close` when the tab is gone for good. */
export interface TabUpdateControl extends UpdateControl {
  close(): void;
}

/** Where the tabs' update controls come from (one per tab). */
export interface TabUpdateSource {
  openTab(emit: (status: UpdateStatus) => void): TabUpdateControl;
}

interface TabEntry {
  session: SupervisorSession;
  updates: TabUpdateControl | null;
  handle: RequestHandler;
  socket: WebSocket | null;
  graceTimer: ReturnType<typeof setTimeout> | null;
}

export interface TabSessionsOptions {
  backendUrl: string;
  /** How long a detached tab's session waits for a reload before it is disposed. */
  graceMs?: number;
  log?(line: string): void;
  /** The app's updates (omitted: unavailable, as they are in a browser). */
  updates?: TabUpdateSource;
}

/** The sessions of all tabs connected to one browser host. */
export class TabSessions {
  private readonly tabs = new Map<string, TabEntry>();

  constructor(private readonly options: TabSessionsOptions) {}

  /** Attaches a tab's WebSocket (already authenticated by the server) to its session. */
  attach(tabId: string, socket: WebSocket): void {
    let entry = this.tabs.get(tabId);
    if (entry?.socket && entry.socket.readyState === entry.socket.OPEN) {
      socket.close(CLOSE_TAB_IN_USE, 'Tab id in use');
      return;
    }
    if (!entry) entry = this.create(tabId);
    // A reloaded page can connect before its old socket has reported closing: that page is
    // gone all the same, so its rooms wait for this one to open them again, as on detach.
    if (entry.socket) {
      entry.session.keepRoomsForReopen(this.roomHoldMs());
      entry.updates?.setPendingWork([]);
    }
    if (entry.graceTimer) clearTimeout(entry.graceTimer);
    entry.graceTimer = null;
    entry.socket = socket;
    const attached = entry;
    this.send(attached, { t: 'event', event: 'session/changed', payload: attached.session.getState() });
    this.send(attached, { t: 'event', event: 'connection/state', payload: attached.session.getConnection() });

    socket.on('message', (raw, isBinary) => {
      if (isBinary || (raw as Buffer).length > MAX_MESSAGE_BYTES) return;
      let parsed: z.infer<typeof pageMessage>;
      try {
        const result = pageMessage.safeParse(JSON.parse(String(raw)));
        if (!result.success) return;
        parsed = result.data;
      } catch {
        return;
      }
      if (parsed.t === 'seen') {
        attached.session.acknowledgeAlerts();
        return;
      }
      const { id } = parsed;
      void attached.handle(parsed.channel, parsed.args).then((result) => {
        if (attached.socket === socket) this.send(attached, { t: 'result', id, result });
      });
    });
    socket.on('close', () => {
      if (attached.socket !== socket) return;
      attached.socket = null;
      this.detach(tabId, attached);
    });
  }

  /** Disposes every session (host shutting down). */
  async disposeAll(): Promise<void> {
    const entries = [...this.tabs.values()];
    this.tabs.clear();
    await Promise.all(
      entries.map(async (entry) => {
        if (entry.graceTimer) clearTimeout(entry.graceTimer);
        entry.socket?.close(1001, 'Host shutting down');
        entry.updates?.close();
        await entry.session.dispose();
      }),
    );
  }

  private create(tabId: string): TabEntry {
    const entry: TabEntry = {
      socket: null,
      graceTimer: null,
      session: undefined as unknown as SupervisorSession,
      handle: undefined as unknown as RequestHandler,
      updates: null,
    };
    const emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => {
      this.send(entry, { t: 'event', event, payload });
    };
    entry.session = new SupervisorSession({
      backendUrl: this.options.backendUrl,
      ports: {
        emit,
        showAlert: (alert: NativeAlert) => this.send(entry, { t: 'alert', alert }),
        log: this.options.log,
      },
    });
    entry.updates = this.options.updates?.openTab((status) => emit('update/status', status)) ?? null;
    entry.handle = createRequestHandler(entry.session, this.options.log, entry.updates ?? undefined);
    this.tabs.set(tabId, entry);
    return entry;
  }

  private detach(tabId: string, entry: TabEntry): void {
    // The page is gone, most likely reloading: its rooms stay open for the reloaded page to
    // open again (no stop and restart of monitoring); the ones it does not reopen close.
    entry.session.keepRoomsForReopen(this.roomHoldMs());
    // Its dialogs, actions and drafts went with the page: they no longer hold a restart back.
    entry.updates?.setPendingWork([]);
    entry.graceTimer = setTimeout(() => {
      if (this.tabs.get(tabId) !== entry || entry.socket) return;
      this.tabs.delete(tabId);
      entry.updates?.close();
      void entry.session.signOut();
    }, this.graceMs());
    entry.graceTimer.unref?.();
  }

  /** How long a detached tab's session waits for a reload. */
  private graceMs(): number {
    return this.options.graceMs ?? 60_000;
  }

  /** How long a gone page's rooms wait for the next page: never past the tab's grace. */
  private roomHoldMs(): number {
    return Math.min(ROOM_REOPEN_HOLD_MS, this.graceMs());
  }

  private send(entry: TabEntry, message: HostMessage): void {
    const socket = entry.socket;
    if (socket && socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  }
}
