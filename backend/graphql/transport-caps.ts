/**
 * How many live subscriptions one WebSocket and one staff member (across all their sockets
 * on this instance) may hold. The console holds the board, notifications and one stream per
 * open room on one socket, far below the defaults; past a cap a subscribe is refused with
 * RATE_LIMITED and the socket, with its other subscriptions, stays up.
 */
import { GraphQLError } from 'graphql';

/** Subscriptions one socket may hold by default. */
export const DEFAULT_SUBSCRIPTIONS_PER_SOCKET = 100;
/** Subscriptions one staff member may hold across sockets by default. */
export const DEFAULT_SUBSCRIPTIONS_PER_STAFF = 200;

/** The part of a graphql-ws server context the caps read. */
interface SocketContext {
  /** graphql-ws's own table of this socket's subscriptions: the live ones and those starting. */
  subscriptions: Record<string, unknown>;
  extra: { socket: { once(event: 'close', listener: () => void): unknown } };
}

export interface SubscriptionCapOptions {
  perSocket?: number;
  perStaff?: number;
}

/** Counts subscriptions per socket and per staff member; one per GraphQL server. */
export class SubscriptionCaps {
  readonly perSocket: number;
  readonly perStaff: number;
  private readonly socketsOfStaff = new Map<string, Set<SocketContext>>();

  constructor(options: SubscriptionCapOptions = {}) {
    this.perSocket = options.perSocket ?? DEFAULT_SUBSCRIPTIONS_PER_SOCKET;
    this.perStaff = options.perStaff ?? DEFAULT_SUBSCRIPTIONS_PER_STAFF;
  }

  /**
   * Call from graphql-ws `onSubscribe` (synchronously, before any await): graphql-ws has
   * already entered the new subscription in `ctx.subscriptions`, so the counts include it.
   * Returns the refusal to answer with, or null when the subscription may start.
   */
  admit(ctx: SocketContext, staffId: string): GraphQLError | null {
    const sockets = this.register(ctx, staffId);
    if (Object.keys(ctx.subscriptions).length > this.perSocket) {
      return capError(
        `This connection already holds ${this.perSocket} subscriptions, the most one connection may hold. Complete some before starting more.`,
        this.perSocket,
      );
    }
    let total = 0;
    for (const socket of sockets) total += Object.keys(socket.subscriptions).length;
    if (total > this.perStaff) {
      return capError(
        `You already hold ${this.perStaff} subscriptions across your connections, the most one staff member may hold. Close some rooms or windows before opening more.`,
        this.perStaff,
      );
    }
    return null;
  }

  /** Sockets of a staff member this instance counts (for tests and diagnostics). */
  socketCount(staffId: string): number {
    return this.socketsOfStaff.get(staffId)?.size ?? 0;
  }

  private register(ctx: SocketContext, staffId: string): Set<SocketContext> {
    let sockets = this.socketsOfStaff.get(staffId);
    if (!sockets) {
      sockets = new Set();
      this.socketsOfStaff.set(staffId, sockets);
    }
    if (!sockets.has(ctx)) {
      sockets.add(ctx);
      const held = sockets;
      ctx.extra.socket.once('close', () => {
        held.delete(ctx);
        if (held.size === 0 && this.socketsOfStaff.get(staffId) === held) this.socketsOfStaff.delete(staffId);
      });
    }
    return sockets;
  }
}

function capError(message: string, limit: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'RATE_LIMITED', limit } });
}
