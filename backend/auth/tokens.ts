import { createHash } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { Store } from '../storage/store';
import { newSecret } from '../domain/ids';
import type { Role, StaffPrincipal, VisitorPrincipal } from '../domain/types';

const ISSUER = 'supervisor-console/enquiry-backend';

/**
 * Signs and verifies access tokens (HS256). The key lives in the store, so every instance
 * sharing a database accepts every other's tokens.
 */
export class TokenService {
  private constructor(
    private readonly key: Uint8Array,
    readonly accessTtlSeconds: number,
  ) {}

  static async open(store: Store, accessTtlSeconds: number, configuredSecret?: string): Promise<TokenService> {
    let secret = configuredSecret;
    if (!secret) {
      await store.query(`insert into meta (key, value) values ('token-key', $1) on conflict (key) do nothing`, [
        newSecret(48),
      ]);
      const rows = await store.query<{ value: string }>(`select value from meta where key = 'token-key'`);
      secret = rows[0]?.value;
    }
    if (!secret) throw new Error('No token signing key could be read or created.');
    return new TokenService(new TextEncoder().encode(secret), accessTtlSeconds);
  }

  async signStaff(staffId: string, tenantId: string, role: Role): Promise<{ token: string; expiresAt: Date }> {
    const expiresAt = new Date(Date.now() + this.accessTtlSeconds * 1000);
    const token = await new SignJWT({ tenant: tenantId, role, kind: 'staff' })
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

  /** The principal behind a bearer token, or null when it is missing, forged or expired. */
  async verify(token: string | null | undefined): Promise<StaffPrincipal | VisitorPrincipal | null> {
    if (!token || token.length > 4096) return null;
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'] });
      const tenantId = typeof payload['tenant'] === 'string' ? payload['tenant'] : null;
      if (!payload.sub || !tenantId) return null;
      if (payload['kind'] === 'staff' && (payload['role'] === 'ADMINISTRATOR' || payload['role'] === 'AGENT')) {
        return { kind: 'staff', staffId: payload.sub, tenantId, role: payload['role'], expiresAt: payload.exp ?? 0 };
      }
      if (payload['kind'] === 'visitor' && typeof payload['enquiry'] === 'string') {
        return { kind: 'visitor', visitorId: payload.sub, tenantId, enquiryId: payload['enquiry'] };
      }
      return null;
    } catch {
      return null;
    }
  }
}

/** Bearer token from an `Authorization` value, or null. */
export function bearer(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1] ?? null;
}

/** Refresh tokens are stored only as their SHA-256. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
