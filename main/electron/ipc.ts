/**
 * The Electron side of the typed bridge: one ipcMain handler per request channel of the
 * contract. Each handler first checks that the sender is one of our windows showing our
 * renderer, then hands the still-`unknown` arguments to the core's request handler, which
 * parses them with zod. Events go to our windows with {@link sendToRenderer}.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import {
  REQUEST_CHANNELS,
  type EventName,
  type EventPayloads,
  type IpcResult,
} from '../../shared/ipc/contract';
import type { RequestHandler } from '../core/request-handler';
import { APP_ORIGIN } from './window';

/** Whether an IPC message comes from one of `windows`, showing our app:// renderer. */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  windows: readonly BrowserWindow[],
): boolean {
  const ours = windows.some((window) => !window.isDestroyed() && window.webContents.id === event.sender.id);
  if (!ours) return false;
  const frameUrl = event.senderFrame?.url ?? '';
  try {
    // Node's URL gives custom schemes an opaque origin ('null'), so compare scheme and host.
    const url = new URL(frameUrl);
    const app = new URL(APP_ORIGIN);
    return url.protocol === app.protocol && url.host === app.host;
  } catch {
    return false;
  }
}

const REFUSED: IpcResult<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'This request did not come from the console window.' },
};

/** Registers the request handlers; returns a disposer that removes them. */
export function registerIpcHandlers(
  handle: RequestHandler,
  windows: () => readonly BrowserWindow[],
): () => void {
  for (const channel of REQUEST_CHANNELS) {
    ipcMain.handle(channel, async (event, args: unknown) => {
      if (!isTrustedSender(event, windows())) return REFUSED;
      return handle(channel, args);
    });
  }
  return () => {
    for (const channel of REQUEST_CHANNELS) ipcMain.removeHandler(channel);
  };
}

/** Pushes one contract event to every one of our live windows. */
export function sendToRenderer<E extends EventName>(
  windows: readonly BrowserWindow[],
  event: E,
  payload: EventPayloads[E],
): void {
  for (const window of windows) {
    if (!window.isDestroyed()) window.webContents.send(event, payload);
  }
}
