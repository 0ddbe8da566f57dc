/**
 * The desktop app's settings file (userData/settings.json): the backend URL (none: the
 * embedded backend), whether the embedded backend runs the demo world (the first-run
 * choice), the update feed, notification settings and the remembered window state. Never
 * holds a token; the refresh token is in secure-store.ts.
 *
 * The file is writable by the user (and by anything running as the user): the backend URL
 * and the update feed URL are taken only when https, or http to this computer (loopback);
 * anything else is refused with a logged line and read as not set.
 */
import { readFileSync, writeFileSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { NotificationSettings } from '../../shared/ipc/contract';
import type { SettingsStore } from '../core/ports';

const windowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(10_000),
  height: z.number().int().min(300).max(10_000),
  maximized: z.boolean().optional(),
});

const settingsSchema = z
  .object({
    backendUrl: z.string().url().optional(),
    updateFeedUrl: z.string().url().optional(),
    /** The first-run choice: the embedded backend seeds and runs the demo world. */
    embeddedDemo: z.boolean().optional(),
    notifications: z
      .object({ doNotDisturb: z.boolean().optional(), kinds: z.record(z.string(), z.boolean()).optional() })
      .optional(),
    window: windowStateSchema.optional(),
  })
  .passthrough();

export type WindowState = z.infer<typeof windowStateSchema>;
export type DesktopSettings = z.infer<typeof settingsSchema>;

/** Host names that are this computer (URL's own spelling: IPv6 in brackets). */
function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Why `value` may not be used as a service URL (the backend or the update feed), or null
 * when it may: https anywhere, http only to this computer, never a user name or password.
 */
export function serviceUrlProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'it is not text';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'it is not a URL';
  }
  if (url.username || url.password) return 'it carries a user name or password';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return null;
  return 'it must be https:// (http:// only to this computer: 127.0.0.1, localhost or [::1])';
}

const SERVICE_URL_KEYS = ['backendUrl', 'updateFeedUrl'] as const;

/** Reads and writes settings.json in `userDataDir`; a broken file reads as empty. */
export class SettingsFile implements SettingsStore {
  private readonly file: string;
  private data: DesktopSettings;

  /** `log` hears of every setting refused (one line each). */
  constructor(
    userDataDir: string,
    private readonly log: (line: string) => void = () => undefined,
  ) {
    this.file = join(userDataDir, 'settings.json');
    this.data = this.read();
  }

  /** Where the settings live (the first-run notice names it). */
  get path(): string {
    return this.file;
  }

  private read(): DesktopSettings {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch {
      return {};
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
    const record = { ...(raw as Record<string, unknown>) };
    for (const key of SERVICE_URL_KEYS) {
      if (record[key] === undefined) continue;
      const problem = serviceUrlProblem(record[key]);
      if (!problem) continue;
      this.log(`settings: ${key} in ${this.file} is not used: ${problem}.`);
      delete record[key];
    }
    const parsed = settingsSchema.safeParse(record);
    return parsed.success ? parsed.data : {};
  }

  get settings(): DesktopSettings {
    return this.data;
  }

  /**
   * The configured backend URL: SUPERVISOR_BACKEND_URL, else settings.json, else none. One
   * that is neither https nor loopback http is refused (logged) and counts as none.
   */
  backendUrl(env: NodeJS.ProcessEnv = process.env): string | null {
    const fromEnv = env['SUPERVISOR_BACKEND_URL'];
    if (fromEnv) {
      const problem = serviceUrlProblem(fromEnv);
      if (!problem) return fromEnv;
      this.log(`settings: SUPERVISOR_BACKEND_URL is not used: ${problem}.`);
    }
    return this.data.backendUrl ?? null;
  }

  /** The update feed URL from settings.json (already checked like the backend URL), or none. */
  updateFeedUrl(): string | null {
    return this.data.updateFeedUrl ?? null;
  }

  update(patch: Partial<DesktopSettings>): void {
    this.data = { ...this.data, ...patch };
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, JSON.stringify(this.data, null, 2), { mode: 0o600 });
    renameSync(temp, this.file);
  }

  async loadNotificationSettings(): Promise<Partial<NotificationSettings> | null> {
    return (this.data.notifications as Partial<NotificationSettings> | undefined) ?? null;
  }

  async saveNotificationSettings(settings: NotificationSettings): Promise<void> {
    this.update({ notifications: settings });
  }
}
