/**
 * The messages the browser host and its page client (preload/browser.ts) exchange over the
 * loopback WebSocket. They carry the IPC contract of shared/ipc/contract.ts unchanged:
 * `invoke` → `result` for requests, `event` for main → renderer events, plus `alert` (a
 * native alert to raise as a Web Notification) and `seen` (the page has the user's eye).
 */
import type { EventName, IpcResult, NativeAlert } from './contract';

/** Page → host. */
export type PageMessage = { t: 'invoke'; id: number; channel: string; args: unknown } | { t: 'seen' };

/** Host → page. */
export type HostMessage =
  | { t: 'result'; id: number; result: IpcResult<unknown> }
  | { t: 'event'; event: EventName; payload: unknown }
  | { t: 'alert'; alert: NativeAlert };

/** The WebSocket path on the host. */
export const BRIDGE_PATH = '/bridge';

/** Close code: this tab id is already attached (a duplicated tab); pick a new one. */
export const CLOSE_TAB_IN_USE = 4409;
/** Close code: the per-launch secret or the origin was wrong; do not retry. */
export const CLOSE_REFUSED = 4403;

/** The WebSocket subprotocol of the bridge (the host answers with it). */
export const BRIDGE_SUBPROTOCOL = 'supervisor-console';
/** A second offered subprotocol carries the tab's page key: `page-key.<key>`. */
export const PAGE_KEY_SUBPROTOCOL_PREFIX = 'page-key.';
/** The fragment parameter of the launch redirect that hands a tab its page key. */
export const PAGE_KEY_FRAGMENT = 'page-key';
