import type { GraphQLError } from 'graphql';
import type { Actor } from '../domain/actor';
import { codeOf, refusal } from '../domain/errors';
import { roomAccessBlock, type Block, type Viewer } from '../domain/rules';
import type { Enquiry, LoggedEvent, StaffPrincipal } from '../domain/types';
import type { Services } from '../services';

/**
 * Live streams keep the right they started with only while it lasts. Authorization is
 * checked when a subscription starts (requireActor, assertRoomAccess); this module ends
 * what outlives it:
 * - the access token's expiry: the socket closes at `exp` with {@link TOKEN_EXPIRED_CLOSE}
 *   (4403); graphql-ws clients retry it, ours with a refreshed token, resuming from cursors;
 * - sign-out: `logout` ends the session (the token's `sid` claim) on every instance through
 *   pub/sub; its sockets close with {@link SESSION_ENDED_CLOSE} (4401), which graphql-ws
 *   treats as fatal and our client answers by refreshing, which fails, so it signs out;
 *   a socket that names an ended session is refused the same way;
 * - the room: a room stream ends, with a last result carrying the refusal (FORBIDDEN or
 *   PLAN_REQUIRED), before the first event after which the viewer may no longer read the
 *   room (she left, or the room's state no longer lets her in) and when a re-read of her
 *   account (role, plan) no longer lets her in; an account that is gone closes the socket.
 */

/** Close code at the access token's expiry (graphql-ws Forbidden: reconnect with a fresh token). */
export const TOKEN_EXPIRED_CLOSE = 4403;
/** Close code when the session was signed out or the account is gone (graphql-ws Unauthorized). */
export const SESSION_ENDED_CLOSE = 4401;

const TOKEN_EXPIRED_REASON = 'Your access token expired; reconnect with a fresh one.';
const SESSION_ENDED_REASON = 'Your session has ended; sign in again.';
const ACCOUNT_GONE_REASON = 'Your account no longer exists; sign in again.';

/**
 * Sign-outs travel on the pub/sub as a message of this pseudo-tenant: the transport carries
 * them to every instance like events, and no tenant id can contain NUL.
 */
const SESSION_CHANNEL = '\u0000session-ended';

/** Longest timer Node keeps (about 24.8 days); a later expiry is re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The last item of a stream whose viewer lost the right to it; it resolves to the refusal. */
export class RevokedRight {
  constructor(readonly error: GraphQLError) {}
}

/** What a socket offers this module: closing it with a code and a reason. */
export interface ClosableSocket {
  close(code: number, reason: string): void;
}

interface Connection {
  principal: StaffPrincipal;
  socket: ClosableSocket;
  expiry: ReturnType<typeof setTimeout> | null;
}

/** Why a viewer who could read the room can no longer, as the stream's last result. */
function roomRightEnded(block: Block): GraphQLError {
  if (block.code === 'PLAN_REQUIRED') {
    return refusal(
      'PLAN_REQUIRED',
      "This room's live events have stopped: you are not in the room, and your plan no longer includes enquiry monitoring.",
    );
  }
  return refusal(
    block.code,
    "This room's live events have stopped: you are no longer in the room. Open the enquiry again if you are given access.",
  );
}

/**
 * One room stream's right: the viewer and the room as last seen. Events older than the
 * room the subscription was checked against are history the viewer may read; from it on,
 * each event's room (every change of owner, participants or status bumps its version) is
 * checked before it is delivered.
 */
export class RoomRight {
  private readonly checkedVersion: number;
  private latest: Enquiry;
  private end: ((last: RevokedRight) => void) | null = null;
  private ended = false;

  constructor(
    readonly principal: StaffPrincipal,
    private viewer: Viewer,
    enquiry: Enquiry,
    private readonly onDispose: (right: RoomRight) => void,
  ) {
    this.checkedVersion = enquiry.version;
    this.latest = enquiry;
  }

  /**
   * For the stream's `select`: whether the event may be delivered; when the right ended
   * with it, the stream is ended (through `end`) with the refusal instead.
   */
  admits(event: LoggedEvent, end: (last: RevokedRight) => void): boolean {
    this.end ??= end;
    if (this.ended) return false;
    const enquiry = event.payload.enquiry;
    if (enquiry.version < this.checkedVersion) return true;
    this.latest = enquiry;
    return !this.revokeIfBlocked();
  }

  /** Lets the right end from outside the stream (a re-read account); call once it is open. */
  attach(end: (last: RevokedRight) => void): void {
    this.end ??= end;
    if (!this.ended) this.revokeIfBlocked();
  }

  /** The viewer's account was read again: ends the stream if it no longer lets her in. */
  recheck(viewer: Viewer): void {
    this.viewer = viewer;
    if (!this.ended) this.revokeIfBlocked();
  }

  /** The stream ended (for any reason): forget it. */
  dispose(): void {
    this.ended = true;
    this.onDispose(this);
  }

  private revokeIfBlocked(): boolean {
    const block = roomAccessBlock(this.viewer, this.latest);
    if (!block || !this.end) return block !== null;
    this.ended = true;
    this.end(new RevokedRight(roomRightEnded(block)));
    this.onDispose(this);
    return true;
  }
}

const registry = new WeakMap<Services, LiveRights>();

/**
 * One per backend instance: the staff sockets it serves and the room streams on them.
 * Hook it into graphql-ws's onConnect ({@link admit}) and onClose ({@link release}).
 */
export class LiveRights {
  private readonly connections = new Map<object, Connection>();
  private readonly bySession = new Map<string, Set<Connection>>();
  /** Sessions signed out, until their last access token has expired. */
  private readonly endedSessions = new Map<string, number>();
  private readonly rooms = new Set<RoomRight>();
  private readonly stopListening: (() => void)[] = [];
  private recheckTimer: ReturnType<typeof setInterval> | null = null;
  private rechecking = false;

  private constructor(
    private readonly services: Services,
    private readonly log: (message: string) => void,
  ) {
    this.stopListening.push(
      services.pubsub.subscribe(SESSION_CHANNEL, (message) => {
        const sessionId = (message.payload as { sessionId?: unknown } | undefined)?.sessionId;
        if (typeof sessionId === 'string') this.sessionEnded(sessionId);
      }),
      services.tokens.onSessionEnded((sessionId) => this.publishSessionEnded(sessionId)),
    );
  }

  /** The instance's live rights (made on first use; see {@link close}). */
  static for(services: Services, log: (message: string) => void = () => undefined): LiveRights {
    let rights = registry.get(services);
    if (!rights) {
      rights = new LiveRights(services, log);
      registry.set(services, rights);
    }
    return rights;
  }

  /**
   * onConnect: a staff socket is accepted. Arms the close at its token's expiry; false
   * (and the socket closed with 4401) when its session has already been signed out.
   * `key` is the connection's own object (graphql-ws `ctx.extra`).
   */
  admit(key: object, socket: ClosableSocket, principal: StaffPrincipal): boolean {
    const sessionId = principal.sessionId;
    if (sessionId && this.endedSessions.has(sessionId)) {
      socket.close(SESSION_ENDED_CLOSE, SESSION_ENDED_REASON);
      return false;
    }
    this.release(key);
    const connection: Connection = { principal, socket, expiry: null };
    this.armExpiry(connection);
    this.connections.set(key, connection);
    if (sessionId) {
      const sockets = this.bySession.get(sessionId) ?? new Set();
      sockets.add(connection);
      this.bySession.set(sessionId, sockets);
    }
    this.startRechecks();
    return true;
  }

  /** Whether this session was signed out (its access tokens are refused until they expire). */
  hasEnded(sessionId: string | undefined): boolean {
    return sessionId !== undefined && this.endedSessions.has(sessionId);
  }

  /** onClose: the socket is gone. */
  release(key: object): void {
    const connection = this.connections.get(key);
    if (!connection) return;
    this.connections.delete(key);
    if (connection.expiry) clearTimeout(connection.expiry);
    const sessionId = connection.principal.sessionId;
    const sockets = sessionId ? this.bySession.get(sessionId) : undefined;
    if (sessionId && sockets) {
      sockets.delete(connection);
      if (sockets.size === 0) this.bySession.delete(sessionId);
    }
    if (this.connections.size === 0) this.stopRechecks();
  }

  /** A room stream's right, checked as it streams; the stream calls `dispose` when it ends. */
  room(principal: StaffPrincipal, actor: Actor, enquiry: Enquiry): RoomRight {
    const right = new RoomRight(principal, actor.viewer, enquiry, (r) => this.rooms.delete(r));
    this.rooms.add(right);
    return right;
  }

  /** Stops listening and forgets every socket (the server is closing them). */
  close(): void {
    for (const stop of this.stopListening.splice(0)) stop();
    for (const connection of this.connections.values())
      if (connection.expiry) clearTimeout(connection.expiry);
    this.connections.clear();
    this.bySession.clear();
    this.rooms.clear();
    this.stopRechecks();
    if (registry.get(this.services) === this) registry.delete(this.services);
  }

  private armExpiry(connection: Connection): void {
    const remaining = connection.principal.expiresAt * 1000 - Date.now();
    connection.expiry = setTimeout(
      () => {
        if (remaining > MAX_TIMER_MS) this.armExpiry(connection);
        else connection.socket.close(TOKEN_EXPIRED_CLOSE, TOKEN_EXPIRED_REASON);
      },
      Math.max(0, Math.min(remaining, MAX_TIMER_MS)),
    );
    connection.expiry.unref?.();
  }

  /** Tells every instance (this one too, through the pub/sub) that a session ended. */
  private async publishSessionEnded(sessionId: string): Promise<void> {
    const message = {
      tenantId: SESSION_CHANNEL,
      seq: -1,
      type: 'SESSION_ENDED',
      enquiryId: null,
      actorId: null,
      at: new Date().toISOString(),
      payload: { sessionId },
    } as unknown as LoggedEvent;
    try {
      await this.services.pubsub.publish(message);
    } catch (error) {
      // Other instances cannot be told now; this one still ends the session's sockets.
      this.log(`sign-out could not be sent to other instances: ${String(error)}`);
      this.sessionEnded(sessionId);
    }
  }

  private sessionEnded(sessionId: string): void {
    const now = Date.now();
    for (const [id, forgetAt] of this.endedSessions) if (forgetAt <= now) this.endedSessions.delete(id);
    // Access tokens of the session live at most one TTL from now (plus a second of rounding).
    this.endedSessions.set(sessionId, now + (this.services.tokens.accessTtlSeconds + 1) * 1000);
    for (const connection of [...(this.bySession.get(sessionId) ?? [])]) {
      connection.socket.close(SESSION_ENDED_CLOSE, SESSION_ENDED_REASON);
    }
  }

  /** Re-reads the accounts behind open sockets as often as the actor cache renews them. */
  private startRechecks(): void {
    if (this.recheckTimer) return;
    const every = Math.max(1_000, this.services.actors.ttlMs);
    this.recheckTimer = setInterval(() => void this.recheck(), every);
    this.recheckTimer.unref?.();
  }

  private stopRechecks(): void {
    if (this.recheckTimer) clearInterval(this.recheckTimer);
    this.recheckTimer = null;
  }

  private async recheck(): Promise<void> {
    if (this.rechecking) return;
    this.rechecking = true;
    try {
      const principals = new Map<string, StaffPrincipal>();
      for (const c of this.connections.values())
        principals.set(`${c.principal.tenantId}/${c.principal.staffId}`, c.principal);
      for (const r of this.rooms)
        principals.set(`${r.principal.tenantId}/${r.principal.staffId}`, r.principal);
      for (const [key, principal] of principals) {
        let viewer: Viewer | null;
        try {
          viewer = (await this.services.actors.actorOf(principal)).viewer;
        } catch (error) {
          if (codeOf(error) !== 'UNAUTHENTICATED') continue; // a store hiccup: next round
          viewer = null;
        }
        for (const right of [...this.rooms]) {
          if (`${right.principal.tenantId}/${right.principal.staffId}` !== key) continue;
          if (viewer) right.recheck(viewer);
        }
        if (viewer) continue;
        for (const connection of [...this.connections.values()]) {
          if (`${connection.principal.tenantId}/${connection.principal.staffId}` === key) {
            connection.socket.close(SESSION_ENDED_CLOSE, ACCOUNT_GONE_REASON);
          }
        }
      }
    } finally {
      this.rechecking = false;
    }
  }
}
