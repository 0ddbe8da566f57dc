import type { Store } from '../storage/store';
import { refusal } from '../domain/errors';
import type { Role, StaffRef } from '../domain/types';
import { verifyPassword } from './passwords';
import { RateLimiter } from './rate-limiter';
import { hashRefreshToken, newRefreshToken, newSessionId, sessionIdOf, type TokenService } from './tokens';

const REFRESH_TTL_MS = 30 * 24 * 3600 * 1000;

export interface AuthPayload {
  accessToken: string;
  refreshToken: string;
  expiresAt: string;
  staff: StaffRef;
}

interface StaffAuthRow {
  id: string;
  tenant_id: string;
  name: string;
  email: string;
  role: Role;
  password_hash: string;
}

/**
 * Sign-in and refresh: short-lived access tokens, rotating refresh tokens stored hashed.
 * Repeated failed sign-ins for one account are RATE_LIMITED.
 */
export class SessionService {
  private readonly failedLogins = new RateLimiter(10, 5 * 60 * 1000);

  constructor(
    private readonly store: Store,
    private readonly tokens: TokenService,
  ) {}

  async login(tenant: string, email: string, password: string): Promise<AuthPayload> {
    const normalizedEmail = email.trim().toLowerCase();
    const tenantId = tenant.trim().toLowerCase();
    if (!tenantId || !normalizedEmail || tenantId.length > 64 || normalizedEmail.length > 254 || password.length > 256) {
      throw refusal('BAD_USER_INPUT', 'Enter your tenant, email and password.');
    }
    const limitKey = `${tenantId}/${normalizedEmail}`;
    if (this.failedLogins.blocked(limitKey)) {
      throw refusal('RATE_LIMITED', 'Too many failed sign-ins for this account. Wait a few minutes and try again.');
    }
    const rows = await this.store.query<StaffAuthRow>(
      'select id, tenant_id, name, email, role, password_hash from staff where tenant_id = $1 and lower(email) = $2',
      [tenantId, normalizedEmail],
    );
    const row = rows[0];
    const ok = row ? await verifyPassword(password, row.password_hash) : false;
    if (!row || !ok) {
      this.failedLogins.hit(limitKey);
      throw refusal('UNAUTHENTICATED', 'The tenant, email or password is not right.');
    }
    this.failedLogins.reset(limitKey);
    return this.issue(row);
  }

  /** Exchanges a refresh token for new tokens; the old refresh token stops working. */
  async refresh(refreshToken: string): Promise<AuthPayload> {
    const hash = hashRefreshToken(refreshToken);
    const now = new Date();
    const rows = await this.store.query<StaffAuthRow>(
      `update refresh_tokens r set revoked = true
         from staff s
        where r.token_hash = $1 and r.revoked = false and r.expires_at > $2 and s.id = r.staff_id
        returning s.id, s.tenant_id, s.name, s.email, s.role, s.password_hash`,
      [hash, now.toISOString()],
    );
    const row = rows[0];
    if (!row) throw refusal('UNAUTHENTICATED', 'Your session has ended. Sign in again.');
    return this.issue(row, sessionIdOf(refreshToken));
  }

  async logout(refreshToken: string): Promise<boolean> {
    const rows = await this.store.query('update refresh_tokens set revoked = true where token_hash = $1 returning token_hash', [
      hashRefreshToken(refreshToken),
    ]);
    // Every instance closes this session's live sockets (see LiveRights).
    if (rows.length > 0) await this.tokens.endSession(sessionIdOf(refreshToken));
    return rows.length > 0;
  }

  private async issue(row: StaffAuthRow, sessionId = newSessionId()): Promise<AuthPayload> {
    const access = await this.tokens.signStaff(row.id, row.tenant_id, row.role, sessionId);
    const refreshToken = newRefreshToken(sessionId);
    await this.store.query('insert into refresh_tokens (token_hash, staff_id, expires_at) values ($1, $2, $3)', [
      hashRefreshToken(refreshToken),
      row.id,
      new Date(Date.now() + REFRESH_TTL_MS).toISOString(),
    ]);
    return {
      accessToken: access.token,
      refreshToken,
      expiresAt: access.expiresAt.toISOString(),
      staff: { id: row.id, name: row.name, email: row.email, role: row.role },
    };
  }
}
