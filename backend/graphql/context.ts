import { bearer } from '../auth/tokens';
import type { Actor } from '../domain/actor';
import { refusal, unauthenticated } from '../domain/errors';
import type { StaffPrincipal, VisitorPrincipal } from '../domain/types';
import type { Services } from '../services';
import { LiveRights } from './live-rights';

/** The GraphQL context: the instance's services and who is calling. */
export interface BackendContext {
  services: Services;
  principal: StaffPrincipal | VisitorPrincipal | null;
  clientAddress: string;
}

/**
 * Builds a context from an Authorization header value (HTTP) or connection_init payload
 * (WebSocket); at once when the token is none or already known, else after verifying it.
 */
export function contextFor(
  services: Services,
  authorization: unknown,
  clientAddress: string,
): BackendContext | Promise<BackendContext> {
  const token = bearer(authorization);
  const known = services.tokens.known(token);
  if (known !== undefined) return { services, principal: known, clientAddress };
  return services.tokens.verify(token).then((principal) => ({ services, principal, clientAddress }));
}

/**
 * The signed-in staff member (at most `actorCacheTtlMs` old, see ActorCache), or
 * UNAUTHENTICATED: no staff token, an expired one, or an account that no longer exists.
 */
export async function requireActor(ctx: BackendContext): Promise<Actor> {
  const principal = ctx.principal;
  if (!principal || principal.kind !== 'staff') throw unauthenticated();
  if (principal.expiresAt * 1000 <= Date.now())
    throw refusal('UNAUTHENTICATED', 'Your access token expired; refresh your session.');
  if (LiveRights.for(ctx.services).hasEnded(principal.sessionId)) {
    throw refusal('UNAUTHENTICATED', 'Your session has ended; sign in again.');
  }
  return ctx.services.actors.actorOf(principal);
}

export function requireVisitor(ctx: BackendContext): VisitorPrincipal {
  if (!ctx.principal || ctx.principal.kind !== 'visitor')
    throw refusal('UNAUTHENTICATED', 'A visitor token is required.');
  return ctx.principal;
}

/** Counts a hit against a limiter; RATE_LIMITED when over. */
export function limit(limiter: { hit(key: string): boolean }, key: string): void {
  if (!limiter.hit(key))
    throw refusal('RATE_LIMITED', 'Too many requests; slow down and try again in a moment.');
}
