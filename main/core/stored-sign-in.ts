/**
 * The sign-in kept between launches: the refresh token with the backend and tenant it
 * belongs to, in the host's store (Electron: safeStorage). Keeping or forgetting it never
 * fails the session; a refusal to keep it is logged (never the token).
 */
import { SupervisorFailure } from './failures';
import type { SessionPorts } from './ports';

/** A refresh token as kept, with the backend and tenant it belongs to. */
export interface StoredRefreshToken {
  refreshToken: string;
  backendUrl: string;
  tenant: string;
}

export class StoredSignIn {
  constructor(
    private readonly ports: SessionPorts,
    private readonly backendUrl: string,
  ) {}

  /** The kept sign-in for this backend, or null (none, another backend's, or unreadable). */
  async load(): Promise<StoredRefreshToken | null> {
    const stored = await this.ports.refreshTokenStore?.load().catch(() => null);
    return stored && stored.backendUrl === this.backendUrl ? stored : null;
  }

  /** Keeps the refresh token for the tenant (replacing any kept before). */
  async keep(refreshToken: string, tenant: string): Promise<void> {
    await this.ports.refreshTokenStore
      ?.save({ refreshToken, backendUrl: this.backendUrl, tenant })
      .catch((error: unknown) => this.ports.log?.(`refresh token not persisted (${describe(error)})`));
  }

  /** Forgets the kept sign-in. */
  async forget(): Promise<void> {
    await this.ports.refreshTokenStore?.save(null).catch(() => undefined);
  }
}

/** An error as logged: its code or name, never its message (it may quote a token). */
export function describe(error: unknown): string {
  if (error instanceof SupervisorFailure) return error.ipcError.code;
  return error instanceof Error ? error.name : 'unknown error';
}
