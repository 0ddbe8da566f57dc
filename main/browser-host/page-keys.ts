/**
 * The browser host's secrets, and why there are three.
 *
 * - The **launch token** is printed in `console ready at …/?token=…`. Whoever has it may use
 *   the console; it is only ever sent in that URL.
 * - The **cookie** (`supervisor_console_<port>`, HttpOnly, SameSite=Strict) lets the browser
 *   load the console's files without the token in every address. Cookies are not separated
 *   by port, so every server on 127.0.0.1 the browser visits receives it: its value is not
 *   the launch token and it opens nothing on its own.
 * - The **page key** is minted when the launch URL is opened and handed to that tab in the
 *   redirect's fragment (`#page-key=…`, never sent to any server). The page client keeps it
 *   in memory and in the tab's sessionStorage (per tab and per origin, port included, so a
 *   reload keeps it and no other port can read it), and offers it as a WebSocket
 *   subprotocol on every bridge connection. The bridge needs the cookie and a page key.
 *
 * A page key is `<nonce>.<HMAC-SHA256(launch token, nonce)>`: the host keeps no list, and
 * only the holder of the launch token can make one.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { BRIDGE_SUBPROTOCOL, PAGE_KEY_SUBPROTOCOL_PREFIX } from '../../shared/ipc/loopback-protocol';

/** Compares two secrets in constant time (for equal lengths). */
export function sameSecret(given: string | null | undefined, secret: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The secrets of one browser host launch. */
export class HostSecrets {
  /** The token of the printed console URL. */
  readonly launchToken = randomBytes(24).toString('base64url');
  /** The cookie's value: not the launch token, and useless without a page key. */
  readonly cookieValue = randomBytes(24).toString('base64url');

  /** A new page key for one tab that opened the launch URL. */
  mintPageKey(): string {
    const nonce = randomBytes(12).toString('base64url');
    return `${nonce}.${this.mac(nonce)}`;
  }

  /** Whether `key` is a page key this launch minted. */
  isPageKey(key: string | null | undefined): boolean {
    if (!key) return false;
    const match = /^([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/.exec(key);
    if (!match) return false;
    return sameSecret(match[2], this.mac(match[1] as string));
  }

  private mac(nonce: string): string {
    return createHmac('sha256', this.launchToken).update(`page-key:${nonce}`).digest('base64url');
  }
}

/** The subprotocols a WebSocket upgrade offered (its `Sec-WebSocket-Protocol` header). */
export function offeredSubprotocols(header: string | string[] | undefined): string[] {
  const joined = Array.isArray(header) ? header.join(',') : (header ?? '');
  return joined
    .split(',')
    .map((value) => value.trim())
    .filter((value) => value.length > 0);
}

/** The page key among the offered subprotocols, if any. */
export function pageKeyOffered(protocols: readonly string[]): string | null {
  const offered = protocols.find((value) => value.startsWith(PAGE_KEY_SUBPROTOCOL_PREFIX));
  return offered ? offered.slice(PAGE_KEY_SUBPROTOCOL_PREFIX.length) : null;
}

/** The subprotocol the host answers with: the bridge's own, never the key. */
export function chooseSubprotocol(protocols: ReadonlySet<string>): string | false {
  return protocols.has(BRIDGE_SUBPROTOCOL) ? BRIDGE_SUBPROTOCOL : false;
}
