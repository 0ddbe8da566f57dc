import { createHash } from 'node:crypto';
import { SignJWT, jwtVerify, type JWTPayload } from 'jose';
import type { Store } from '../storage/store';
import { newSecret } from '../domain/ids';
import type { Role } from '../domain/types';
import { VerifiedTokens, type TokenPrincipal } from './verified-tokens';

const ISSUER = 'supervisor-console/enquiry-backend';

/**
 * Signs and verifies access tokens (HS256). The key lives in the store, so every instance
 * sharing a database accepts every other's tokens. The key is imported into WebCrypto once,
 * and a token that verified is remembered until it expires (see VerifiedTokens), so a
 * request with a token this instance has seen costs a map lookup, not an HMAC.
 */
export class TokenService {
  private readonly verified = new VerifiedTokens();
  private readonly sessionEndListeners = new Set<(sessionId: string) => Promise<void> | void>();

  private constructor(
    private readonly key: CryptoKey,
    readonly accessTtlSeconds: number,
  ) {}

  static async open(
    store: Store,
    accessTtlSeconds: number,
    configuredSecret?: string,
  ): Promise<TokenService> {
    let secret = configuredSecret;
    if (!secret) {
      await store.query(
        `insert into meta (key, value) values ('token-key', $1) on conflict (key) do nothing`,
        [newSecret(48)],
      );
      const rows = await store.query<{ value: string }>(`select value from meta where key = 'token-key'`);
      secret = rows[0]?.value;
    }
    if (!secret) throw new Error('No token signing key could be read or created.');
    const key = await globalThis.crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    );
    return new TokenService(key, accessTtlSeconds);
  }

  /**
   * An access token for a staff member; `sessionId` (the `sid` claim) ties it to the
   * sign-in it came from, so that signing out can end the session's live sockets.
   */
  async signStaff(
    staffId: string,
    tenantId: string,
    role: Role,
    sessionId?: string,
  ): Promise<{ token: string; expiresAt: Date }> {
    const expiresAt = new Date(Date.now() + this.accessTtlSeconds * 1000);
    const token = await new SignJWT({
      tenant: tenantId,
      role,
      kind: 'staff',
      ...(sessionId ? { sid: sessionId } : {}),
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(staffId)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key);
    return { token, expiresAt };
  }

  async signVisitor(visitorId: string, tenantId: string, enquiryId: string): Promise<string> {
    return new SignJWT({ tenant: tenantId, enquiry: enquiryId, kind: 'visitor' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(visitorId)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime('24h')
      .sign(this.key);
  }

  /**
   * Tells every listener (the live-rights registry of this instance, which tells every
   * instance) that a sign-in session ended: its sockets close. Resolves once told.
   */
  async endSession(sessionId: string): Promise<void> {
    await Promise.all([...this.sessionEndListeners].map(async (listener) => listener(sessionId)));
  }

  /** Listens for {@link endSession}; returns the function that stops listening. */
  onSessionEnded(listener: (sessionId: string) => Promise<void> | void): () => void {
    this.sessionEndListeners.add(listener);
    return () => this.sessionEndListeners.delete(listener);
  }

  /**
   * Without waiting: null for no token, the principal of a token verified before and not
   * expired, or undefined when the token must go through `verify`.
   */
  known(token: string | null | undefined): TokenPrincipal | null | undefined {
    if (!token) return null;
    return this.verified.get(token);
  }

  /** The principal behind a bearer token, or null when it is missing, forged or expired. */
  async verify(token: string | null | undefined): Promise<TokenPrincipal | null> {
    if (!token || token.length > 4096) return null;
    const known = this.verified.get(token);
    if (known) return known;
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'] });
      const principal = principalOf(payload);
      if (principal) this.verified.remember(token, principal, payload.exp);
      return principal;
    } catch {
      return null;
    }
  }
}

/** The principal a verified token's claims name, frozen (it may be shared between requests); null if none. */
function principalOf(payload: JWTPayload): TokenPrincipal | null {
  const tenantId = typeof payload['tenant'] === 'string' ? payload['tenant'] : null;
  if (!payload.sub || !tenantId) return null;
  if (payload['kind'] === 'staff' && (payload['role'] === 'ADMINISTRATOR' || payload['role'] === 'AGENT')) {
    const sid = typeof payload['sid'] === 'string' ? payload['sid'] : undefined;
    return Object.freeze({
      kind: 'staff',
      staffId: payload.sub,
      tenantId,
      role: payload['role'],
      expiresAt: payload.exp ?? 0,
      ...(sid ? { sessionId: sid } : {}),
    });
  }
  if (payload['kind'] === 'visitor' && typeof payload['enquiry'] === 'string') {
    return Object.freeze({
      kind: 'visitor',
      visitorId: payload.sub,
      tenantId,
      enquiryId: payload['enquiry'],
    });
  }
  return null;
}

/** Bearer token from an `Authorization` value, or null. */
export function bearer(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1] ?? null;
}

/** A new sign-in session's id (the access token's `sid` claim). */
export function newSessionId(): string {
  return newSecret(12);
}

/**
 * A new refresh token of a session: `<sessionId>.<secret>`. Only its hash is stored, so the
 * session id cannot be changed without making the token unknown; a refresh keeps it.
 */
export function newRefreshToken(sessionId: string): string {
  return `${sessionId}.${newSecret(32)}`;
}

/**
 * The session a refresh token belongs to; a token from before sessions had ids (no `.`;
 * base64url never has one) starts a new session.
 */
export function sessionIdOf(refreshToken: string): string {
  const dot = refreshToken.indexOf('.');
  return dot > 0 && dot <= 64 ? refreshToken.slice(0, dot) : newSessionId();
}

/** Refresh tokens are stored only as their SHA-256. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
