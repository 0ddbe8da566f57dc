/**
 * The desktop app's settings file (userData/settings.json): the backend URL (none: the
 * embedded demo backend), notification settings and the remembered window state. Never
 * holds a token; the refresh token is in secure-store.ts.
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
    notifications: z
      .object({ doNotDisturb: z.boolean().optional(), kinds: z.record(z.string(), z.boolean()).optional() })
      .optional(),
    window: windowStateSchema.optional(),
  })
  .passthrough();

export type WindowState = z.infer<typeof windowStateSchema>;
export type DesktopSettings = z.infer<typeof settingsSchema>;

/** Reads and writes settings.json in `userDataDir`; a broken file reads as empty. */
export class SettingsFile implements SettingsStore {
  private readonly file: string;
  private data: DesktopSettings;

  constructor(userDataDir: string) {
    this.file = join(userDataDir, 'settings.json');
    this.data = SettingsFile.read(this.file);
  }

  private static read(file: string): DesktopSettings {
    try {
      const parsed = settingsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      return parsed.success ? parsed.data : {};
    } catch {
      return {};
    }
  }

  get settings(): DesktopSettings {
    return this.data;
  }

  /** The configured backend URL: SUPERVISOR_BACKEND_URL, else settings.json, else none. */
  backendUrl(env: NodeJS.ProcessEnv = process.env): string | null {
    return env['SUPERVISOR_BACKEND_URL'] || this.data.backendUrl || null;
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
