/**
 * The Electron side of the typed bridge: one ipcMain handler per request channel of the
 * contract. Each handler first checks that the sender is the main frame of one of our
 * windows showing our renderer, then hands the still-`unknown` arguments to the core's request handler, which
 * parses them with zod. Events go to our windows with {@link sendToRenderer}.
 */
import { ipcMain, type BrowserWindow, type WebContents, type WebFrameMain } from 'electron';
import {
  REQUEST_CHANNELS,
  type EventName,
  type EventPayloads,
  type IpcResult,
} from '../../shared/ipc/contract';
import type { RequestHandler } from '../core/request-handler';
import { APP_ORIGIN } from './window';

/** The parts of a frame the sender check compares. */
type FrameIdentity = Pick<WebFrameMain, 'url' | 'processId' | 'routingId'>;

/** Whether two frame objects are one frame (Electron hands out one object per frame). */
function sameFrame(a: FrameIdentity, b: FrameIdentity | null | undefined): boolean {
  return !!b && (a === b || (a.processId === b.processId && a.routingId === b.routingId));
}

/** Whether `frameUrl` is a page of the console's app:// origin. */
function isAppOrigin(frameUrl: string): boolean {
  try {
    // Node's URL gives custom schemes an opaque origin ('null'), so compare scheme and host.
    const url = new URL(frameUrl);
    const app = new URL(APP_ORIGIN);
    return url.protocol === app.protocol && url.host === app.host;
  } catch {
    return false;
  }
}

/**
 * Whether an IPC message comes from one of `windows`: from its main frame (never a subframe
 * or a frame that has gone), showing our app:// renderer.
 */
export function isTrustedSender(
  event: { sender: Pick<WebContents, 'id'>; senderFrame: FrameIdentity | null },
  windows: readonly BrowserWindow[],
): boolean {
  const window = windows.find(
    (candidate) => !candidate.isDestroyed() && candidate.webContents.id === event.sender.id,
  );
  const frame = event.senderFrame;
  if (!window || !frame) return false;
  return sameFrame(frame, window.webContents.mainFrame) && isAppOrigin(frame.url);
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
