/**
 * The browser host's page client: defines `window.supervisor` (the same SupervisorApi the
 * Electron preload exposes) over a loopback WebSocket to the host, so the renderer cannot
 * tell which host it runs in. Native alerts become Web Notifications where the browser
 * permits them; otherwise the renderer's in-app toasts are the banner.
 *
 * Bundled by the host (esbuild, IIFE) and served as /bridge.js before the app's script.
 */
import type { EventName, EventPayloads, IpcResult, SupervisorApi } from '../shared/ipc/contract';
import {
  BRIDGE_PATH,
  BRIDGE_SUBPROTOCOL,
  CLOSE_REFUSED,
  CLOSE_TAB_IN_USE,
  PAGE_KEY_FRAGMENT,
  PAGE_KEY_SUBPROTOCOL_PREFIX,
  type HostMessage,
  type PageMessage,
} from '../shared/ipc/loopback-protocol';

const TAB_KEY = 'supervisor-console.tab';
const PAGE_KEY = 'supervisor-console.page-key';

/**
 * This tab's page key (main/browser-host/page-keys.ts): handed over in the launch
 * redirect's fragment, which is then taken out of the address bar. Kept in memory and in
 * the tab's sessionStorage, so a reload keeps it: sessionStorage is per tab and per origin
 * (port included), so the other loopback servers that receive the host's cookie never see
 * it. It is a key to this host's bridge, never a token of the backend.
 */
const pageKey: string | null = (() => {
  // Anything else would make `new WebSocket` throw (a subprotocol must be a plain token).
  const wellFormed = (key: string | null) => (key && /^[A-Za-z0-9_.-]{1,128}$/.test(key) ? key : null);
  const fragment = new URLSearchParams(location.hash.slice(1));
  const handed = wellFormed(fragment.get(PAGE_KEY_FRAGMENT));
  if (fragment.has(PAGE_KEY_FRAGMENT)) {
    fragment.delete(PAGE_KEY_FRAGMENT);
    const rest = fragment.toString();
    history.replaceState(
      history.state,
      '',
      `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`,
    );
  }
  if (handed) {
    try {
      sessionStorage.setItem(PAGE_KEY, handed);
    } catch {
      // No storage: the key lives as long as this page; a reload needs the launch URL again.
    }
    return handed;
  }
  try {
    return wellFormed(sessionStorage.getItem(PAGE_KEY));
  } catch {
    return null;
  }
})();

function newTabId(): string {
  const id = crypto.randomUUID().replace(/-/g, '');
  sessionStorage.setItem(TAB_KEY, id);
  return id;
}

/** The id of this tab's session on the host; survives reloads, not new tabs. */
function tabId(): string {
  return sessionStorage.getItem(TAB_KEY) ?? newTabId();
}

type Listener = (payload: unknown) => void;

const listeners = new Map<EventName, Set<Listener>>();
const pending = new Map<number, (result: IpcResult<unknown>) => void>();
const outbox: string[] = [];
let socket: WebSocket | null = null;
let nextId = 1;
let attempts = 0;
let refused = false;

/** The last sync time main reported, kept for the offline state shown while the host is away. */
let lastSyncAt: string | null = null;

function dispatch(event: EventName, payload: unknown): void {
  if (event === 'connection/state')
    lastSyncAt = (payload as { lastSyncAt: string | null }).lastSyncAt ?? lastSyncAt;
  for (const listener of [...(listeners.get(event) ?? [])]) {
    try {
      listener(payload);
    } catch (error) {
      console.error(`supervisor: ${event} listener failed`, error);
    }
  }
}

function send(message: PageMessage): void {
  const text = JSON.stringify(message);
  if (socket && socket.readyState === WebSocket.OPEN) socket.send(text);
  else outbox.push(text);
}

function showAlert(alert: { title: string; body: string; enquiryId: string | null }): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const notification = new Notification(alert.title, {
    body: alert.body,
    tag: alert.enquiryId ?? 'supervisor-console',
  });
  notification.onclick = () => {
    window.focus();
    notification.close();
    if (alert.enquiryId) dispatch('navigation/openRoom', { enquiryId: alert.enquiryId });
  };
}

function connect(): void {
  const url = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${BRIDGE_PATH}?tab=${encodeURIComponent(tabId())}`;
  const protocols = [BRIDGE_SUBPROTOCOL];
  if (pageKey) protocols.push(`${PAGE_KEY_SUBPROTOCOL_PREFIX}${pageKey}`);
  const ws = new WebSocket(url, protocols);
  socket = ws;
  ws.onopen = () => {
    attempts = 0;
    while (outbox.length > 0 && ws.readyState === WebSocket.OPEN) ws.send(outbox.shift() as string);
  };
  ws.onmessage = (message) => {
    let data: HostMessage;
    try {
      data = JSON.parse(String(message.data)) as HostMessage;
    } catch {
      return;
    }
    if (data.t === 'result') {
      pending.get(data.id)?.(data.result);
      pending.delete(data.id);
    } else if (data.t === 'event') {
      dispatch(data.event, data.payload);
    } else if (data.t === 'alert') {
      showAlert(data.alert);
    }
  };
  ws.onclose = (event) => {
    if (socket === ws) socket = null;
    // Requests not yet sent are answered NETWORK below: never send them later as well.
    outbox.length = 0;
    for (const [id, resolve] of pending) {
      resolve({
        ok: false,
        error: { code: 'NETWORK', message: 'The console lost its connection to the host.' },
      });
      pending.delete(id);
    }
    if (event.code === CLOSE_REFUSED) {
      refused = true;
      dispatch('connection/state', {
        state: 'offline',
        lastSyncAt: null,
        detail:
          'This page is not authorised. Open the URL that `npm run serve` printed (each new tab needs it).',
      });
      return;
    }
    if (event.code === CLOSE_TAB_IN_USE) newTabId();
    // The renderer keeps what it shows and says it is offline until the host answers again.
    dispatch('connection/state', {
      state: 'offline',
      lastSyncAt: lastSyncAt,
      detail: 'The console host is not answering; reconnecting…',
    });
    const delay = Math.min(5_000, 200 * 2 ** attempts++) * (0.5 + Math.random() * 0.5);
    setTimeout(connect, delay);
  };
}

const api: SupervisorApi = {
  invoke(channel, args) {
    if (refused) {
      return Promise.resolve({
        ok: false,
        error: { code: 'UNAUTHENTICATED', message: 'This page is not authorised.' },
      });
    }
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve as (result: IpcResult<unknown>) => void);
      send({ t: 'invoke', id, channel, args });
    });
  },
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void) {
    const set = listeners.get(event) ?? new Set<Listener>();
    listeners.set(event, set);
    const wrapped = listener as Listener;
    set.add(wrapped);
    return () => {
      set.delete(wrapped);
    };
  },
};

function markSeen(): void {
  if (document.visibilityState === 'visible') send({ t: 'seen' });
}

function askForNotificationsOnce(): void {
  if (typeof Notification !== 'undefined' && Notification.permission === 'default') {
    void Notification.requestPermission().catch(() => undefined);
  }
}

Object.defineProperty(window, 'supervisor', {
  value: Object.freeze(api),
  writable: false,
  configurable: false,
});
window.addEventListener('focus', markSeen);
document.addEventListener('visibilitychange', markSeen);
window.addEventListener('pointerdown', askForNotificationsOnce, { once: true, capture: true });
connect();
