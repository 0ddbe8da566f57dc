/**
 * What the framework-free core needs from whichever host runs it (Electron or the browser
 * host). Each host implements these ports; the core never imports Electron or a socket.
 */
import type { EventName, EventPayloads, NativeAlert, NotificationSettings } from '../../shared/ipc/contract';

export type { NativeAlert };

/** Pushes one contract event to the renderer that this session serves. */
export type EmitEvent = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

/** Where the refresh token is kept between launches (Electron: safeStorage). */
export interface RefreshTokenStore {
  /** The stored refresh token and the backend it belongs to, or null. */
  load(): Promise<{ refreshToken: string; backendUrl: string; tenant: string } | null>;
  /** Persists the token, or forgets it when given null. May refuse (see secure-store.ts). */
  save(entry: { refreshToken: string; backendUrl: string; tenant: string } | null): Promise<void>;
}

/** Where notification settings are kept. */
export interface SettingsStore {
  loadNotificationSettings(): Promise<Partial<NotificationSettings> | null>;
  saveNotificationSettings(settings: NotificationSettings): Promise<void>;
}

/** The host's side of a supervisor session. */
export interface SessionPorts {
  emit: EmitEvent;
  /** Shows a native alert. Hosts without one (tests) leave it out. */
  showAlert?(alert: NativeAlert): void;
  /** Told whenever the number of unseen alerts changes (tray badge). */
  onAlertCount?(count: number): void;
  refreshTokenStore?: RefreshTokenStore;
  settingsStore?: SettingsStore;
  /** Diagnostic log lines. Never passed a secret. */
  log?(line: string): void;
}

/** Reconnect back-off: delay before retry n is min(maxMs, baseMs·2ⁿ), jittered to 50–100 %. */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 15_000 };

/** The jittered delay before retry number `attempt` (0-based). */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(attempt, 20));
  return Math.round(ceiling * (0.5 + Math.random() * 0.5));
}
