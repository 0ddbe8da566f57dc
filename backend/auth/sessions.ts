import type { Store } from '../storage/store';
import { refusal } from '../domain/errors';
import type { Role, StaffRef } from '../domain/types';
import { LoginLimits, PasswordCheckGate, type LoginLimitSettings } from './login-limits';
import type { LimitStore } from './limit-store';
import { verifyAgainstNoAccount, verifyPassword } from './passwords';
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
 * Sign-in attempts are counted before any password is checked and limited per account +
 * address, per address and per account (see LoginLimits); an unknown account costs the same
 * password check as a known one, so the answer's timing does not tell whether it exists.
 */
export class SessionService {
  private readonly limits: LoginLimits;
  private readonly checks = new PasswordCheckGate();

  constructor(
    private readonly store: Store,
    private readonly tokens: TokenService,
    limitStore: LimitStore,
    loginLimits: Partial<LoginLimitSettings> = {},
  ) {
    this.limits = new LoginLimits(limitStore, loginLimits);
    verifyAgainstNoAccount('warm-up').catch(() => undefined); // makes the stand-in hash now, not in a sign-in
  }

  /** Signs in; `clientAddress` is the caller's address (the socket's, never a header). */
  async login(
    tenant: string,
    email: string,
    password: string,
    clientAddress = 'unknown',
  ): Promise<AuthPayload> {
    const normalizedEmail = email.trim().toLowerCase();
    const tenantId = tenant.trim().toLowerCase();
    if (
      !tenantId ||
      !normalizedEmail ||
      tenantId.length > 64 ||
      normalizedEmail.length > 254 ||
      password.length > 256
    ) {
      throw refusal('BAD_USER_INPUT', 'Enter your tenant, email and password.');
    }
    const admission = await this.limits.admit(`${tenantId}/${normalizedEmail}`, clientAddress);
    let row: StaffAuthRow | undefined;
    let ok = false;
    try {
      const rows = await this.store.query<StaffAuthRow>(
        'select id, tenant_id, name, email, role, password_hash from staff where tenant_id = $1 and lower(email) = $2',
        [tenantId, normalizedEmail],
      );
      const found = rows[0];
      row = found;
      ok = await this.checks.run(() =>
        found ? verifyPassword(password, found.password_hash) : verifyAgainstNoAccount(password),
      );
    } catch (error) {
      await admission.withdrawn();
      throw error;
    }
    if (!row || !ok) {
      await admission.failed();
      throw refusal('UNAUTHENTICATED', 'The tenant, email or password is not right.');
    }
    await admission.succeeded();
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
    const rows = await this.store.query(
      'update refresh_tokens set revoked = true where token_hash = $1 returning token_hash',
      [hashRefreshToken(refreshToken)],
    );
    // Every instance closes this session's live sockets (see LiveRights).
    if (rows.length > 0) await this.tokens.endSession(sessionIdOf(refreshToken));
    return rows.length > 0;
  }

  private async issue(row: StaffAuthRow, sessionId = newSessionId()): Promise<AuthPayload> {
    const access = await this.tokens.signStaff(row.id, row.tenant_id, row.role, sessionId);
    const refreshToken = newRefreshToken(sessionId);
    await this.store.query(
      'insert into refresh_tokens (token_hash, staff_id, expires_at) values ($1, $2, $3)',
      [hashRefreshToken(refreshToken), row.id, new Date(Date.now() + REFRESH_TTL_MS).toISOString()],
    );
    return {
      accessToken: access.token,
      refreshToken,
      expiresAt: access.expiresAt.toISOString(),
      staff: { id: row.id, name: row.name, email: row.email, role: row.role },
    };
  }
}
