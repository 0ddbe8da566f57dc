/**
 * The desktop app's settings file (userData/settings.json): the backend URL (none: the
 * embedded backend), whether the embedded backend runs the demo world (the first-run
 * choice), the update feed and channel, notification settings and the remembered window state. Never
 * holds a token; the refresh token is in secure-store.ts.
 *
 * The file is writable by the user (and by anything running as the user): the backend URL
 * and the update feed URL are taken only when https, or http to this computer (loopback);
 * anything else is refused with a logged line and read as not set.
 */
import { readFileSync, writeFileSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { NotificationSettings, UpdateChannel } from '../../shared/ipc/contract';
import type { SettingsStore } from '../core/ports';
import { serviceUrlProblem } from '../core/service-url';

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
    /** The release channel the app follows (the menu's Update Channel); stable when unset. */
    updateChannel: z.enum(['stable', 'beta']).optional(),
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

export { serviceUrlProblem };

function isUpdateChannel(value: unknown): value is UpdateChannel {
  return value === 'stable' || value === 'beta';
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
    if (record['updateChannel'] !== undefined && !isUpdateChannel(record['updateChannel'])) {
      this.log(`settings: updateChannel in ${this.file} is not used: it must be "stable" or "beta".`);
      delete record['updateChannel'];
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

  /** The release channel chosen in the app (stable unless beta was chosen). */
  updateChannel(): UpdateChannel {
    return this.data.updateChannel ?? 'stable';
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
