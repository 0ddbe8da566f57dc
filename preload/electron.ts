/**
 * The Electron preload (sandboxed, context-isolated): exposes `window.supervisor`, the
 * SupervisorApi of the IPC contract, through contextBridge. Only contract channels and
 * events pass; the renderer never gets ipcRenderer itself.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { EventName, EventPayloads, RequestChannel, SupervisorApi } from '../shared/ipc/contract';

// Allow-lists checked against the contract at compile time (`satisfies` makes them exhaustive)
// and kept as plain data so the sandboxed preload stays tiny (no zod at runtime here; main parses).
const REQUESTS = {
  'session/get': true,
  'session/signIn': true,
  'session/signOut': true,
  'board/load': true,
  'room/open': true,
  'room/close': true,
  'enquiry/join': true,
  'enquiry/takeOver': true,
  'enquiry/leave': true,
  'room/sendMessage': true,
  'room/sendWhisper': true,
  'agents/list': true,
  'enquiry/transfer': true,
  'enquiry/close': true,
  'enquiry/askForHelp': true,
  'enquiry/helpRequest': true,
  'notifications/getSettings': true,
  'notifications/updateSettings': true,
  'audit/list': true,
  'audit/csv': true,
  'staff/list': true,
  'settings/getTenant': true,
  'settings/updateTenant': true,
  'settings/getMine': true,
  'settings/updateMine': true,
  'update/get': true,
  'update/check': true,
  'update/restart': true,
  'update/setPendingWork': true,
  'metrics/get': true,
  'helpRequests/list': true,
  'helpRequests/dismiss': true,
  'presence/get': true,
  'presence/set': true,
} as const satisfies Record<RequestChannel, true>;

const EVENTS = {
  'connection/state': true,
  'session/changed': true,
  'board/events': true,
  'room/events': true,
  'notification/toast': true,
  'navigation/openRoom': true,
  'room/ended': true,
  'update/status': true,
  'metrics/live': true,
} as const satisfies Record<EventName, true>;

const isRequestChannel = (channel: unknown): channel is RequestChannel =>
  typeof channel === 'string' && Object.prototype.hasOwnProperty.call(REQUESTS, channel);

const api: SupervisorApi = {
  invoke(channel, args) {
    if (!isRequestChannel(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'BAD_USER_INPUT', message: 'Unknown request.' } });
    }
    return ipcRenderer.invoke(channel, args);
  },
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void) {
    if (!Object.prototype.hasOwnProperty.call(EVENTS, event))
      throw new Error(`Unknown event ${String(event)}`);
    const wrapped = (_event: IpcRendererEvent, payload: EventPayloads[E]) => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => {
      ipcRenderer.removeListener(event, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('supervisor', api);
