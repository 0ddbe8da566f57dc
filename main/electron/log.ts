/**
 * The installed app's log file (electron-log): the update steps, start-up failures and the
 * core's lines, one per event. Rotates at 1 MB, keeping one old file (main.old.log beside
 * main.log): Linux ~/.config/Supervisor Console/logs, macOS ~/Library/Logs/Supervisor
 * Console, Windows %APPDATA%\Supervisor Console\logs. Every line passes redactSecrets
 * first: no token ever reaches the file. The menu's "Open Log Folder" opens the folder.
 */
import { dirname } from 'node:path';
import { redactSecrets } from '../core/redact';

/** The size at which the file rotates (one old file kept). */
const MAX_LOG_BYTES = 1024 * 1024;

export interface AppLog {
  /** One line, at info level (also on stderr). */
  info(line: string): void;
  /** One line, at warning level. */
  warn(line: string): void;
  /** One line, at error level (start-up failures). */
  error(line: string): void;
  /** The folder holding main.log (and main.old.log). */
  folder(): string;
}

/** Lines on stderr, until the file log is set up (and where it cannot be). */
export function stderrLog(): AppLog {
  const write = (level: string, line: string) =>
    process.stderr.write(`[supervisor-console] ${level} ${redactSecrets(line)}\n`);
  return {
    info: (line) => write('info', line),
    warn: (line) => write('warn', line),
    error: (line) => write('error', line),
    folder: () => '',
  };
}

/**
 * Sets up the file log, once the app is ready. electron-log is loaded here, not at import:
 * it requires Electron's own module, which a Node process (the tests that load app.ts with
 * a mocked Electron) cannot load.
 */
export async function createAppLog(): Promise<AppLog> {
  const { default: log } = await import('electron-log/main');
  log.transports.file.level = 'info';
  log.transports.file.maxSize = MAX_LOG_BYTES;
  log.transports.console.level = 'info';
  log.hooks.push((message) => ({
    ...message,
    data: message.data.map((part: unknown) => (typeof part === 'string' ? redactSecrets(part) : part)),
  }));
  return {
    info: (line) => log.info(line),
    warn: (line) => log.warn(line),
    error: (line) => log.error(line),
    folder: () => dirname(log.transports.file.getFile().path),
  };
}
