/**
 * The signed-in supervisor's tokens. They live here, in main, and nowhere else: the
 * renderer never sees an access or refresh token. Refreshes happen before expiry, are
 * single-flight, and are forced after the backend rejected the access token (4403/401).
 */
import type { StaffRef } from '../../shared/domain';

/** The backend's AuthPayload, as LOGIN / REFRESH_SESSION select it. */
export interface AuthPayload {
  accessToken: string;
  refreshToken: string;
  expiresAt: string;
  staff: StaffRef;
}

/** Exchanges a refresh token for a new AuthPayload; throws SupervisorFailure on refusal. */
export type RefreshExchange = (refreshToken: string) => Promise<AuthPayload>;

/** How long before expiry to refresh: a quarter of the lifetime, at most 60 s. */
function refreshLead(lifetimeMs: number): number {
  return Math.min(60_000, Math.max(100, lifetimeMs * 0.25));
}

/** Holds and refreshes one supervisor's tokens. */
export class Credentials {
  private payload: AuthPayload | null = null;
  private rejected = false;
  private refreshing: Promise<string> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lifetimeMs = 0;

  /**
   * @param exchange calls refreshSession on the backend.
   * @param onRotated told of every new payload (to persist the new refresh token).
   * @param onRefreshFailed told when a scheduled refresh failed (the error is passed on).
   */
  constructor(
    private readonly exchange: RefreshExchange,
    private readonly onRotated: (payload: AuthPayload) => void,
    private readonly onRefreshFailed: (error: unknown) => void,
  ) {}

  /** Whether tokens are held. */
  get present(): boolean {
    return this.payload !== null;
  }

  /** The current refresh token, for sign-out. */
  get refreshToken(): string | null {
    return this.payload?.refreshToken ?? null;
  }

  /** Takes a new payload (sign-in or refresh) and schedules the next refresh. */
  accept(payload: AuthPayload): void {
    this.payload = payload;
    this.rejected = false;
    const expiresAt = Date.parse(payload.expiresAt);
    this.lifetimeMs = Number.isFinite(expiresAt) ? Math.max(0, expiresAt - Date.now()) : 60_000;
    this.schedule();
  }

  /** Forgets the tokens (sign-out, or the refresh token was refused). */
  clear(): void {
    this.payload = null;
    this.rejected = false;
    this.refreshing = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** The backend refused the access token: the next {@link fresh} refreshes first. */
  markRejected(): void {
    if (this.payload) this.rejected = true;
  }

  /** The access token as it is now, without refreshing (null when signed out). */
  current(): string | null {
    return this.payload?.accessToken ?? null;
  }

  /** An access token that is not known to be rejected or about to expire. */
  async fresh(): Promise<string> {
    const payload = this.payload;
    if (!payload) throw new Error('signed out');
    const remaining = Date.parse(payload.expiresAt) - Date.now();
    if (!this.rejected && !(remaining < refreshLead(this.lifetimeMs) / 2)) return payload.accessToken;
    return this.refresh();
  }

  /**
   * The access token for a request (refreshed first when needed), or null when signed out.
   * A failed refresh is reported to onRefreshFailed and passed on.
   */
  forRequest(): Promise<string | null> {
    if (!this.present) return Promise.resolve(null);
    return this.fresh().catch((error: unknown) => {
      this.onRefreshFailed(error);
      throw error;
    });
  }

  /**
   * After the backend refused the token on a subscription (4401/4403): refreshes now. A
   * failed refresh is reported to onRefreshFailed and passed on.
   */
  async reauthenticate(): Promise<void> {
    this.markRejected();
    try {
      await this.refresh();
    } catch (error) {
      this.onRefreshFailed(error);
      throw error;
    }
  }

  /** Refreshes now (single-flight: concurrent callers share one exchange). */
  refresh(): Promise<string> {
    if (this.refreshing) return this.refreshing;
    const payload = this.payload;
    if (!payload) return Promise.reject(new Error('signed out'));
    const attempt: Promise<string> = this.exchange(payload.refreshToken)
      .then((next) => {
        if (this.payload !== payload) throw new Error('signed out during refresh');
        this.accept(next);
        this.onRotated(next);
        return next.accessToken;
      })
      .finally(() => {
        if (this.refreshing === attempt) this.refreshing = null;
      });
    this.refreshing = attempt;
    return attempt;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    const payload = this.payload;
    if (!payload) return;
    const due = Date.parse(payload.expiresAt) - refreshLead(this.lifetimeMs) - Date.now();
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.refresh().catch((error: unknown) => {
          if (this.payload !== payload) return;
          this.onRefreshFailed(error);
          // Try again shortly unless the session was ended by the failure handler.
          if (this.payload === payload && !this.timer) {
            this.timer = setTimeout(() => this.schedule(), 2_000);
            this.timer.unref?.();
          }
        });
      },
      Math.max(0, due),
    );
    this.timer.unref?.();
  }
}
