import { accessSync, constants, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { errorCode, errorText, StartupError } from '../startup-error';

/**
 * Refuses a data dir this process cannot use before PGlite tries it (PGlite reports that as
 * "failed to initialize properly", an abort or a bare object): creates it when missing, and
 * checks that it and everything in it may be read and written by this user.
 */
export function checkDataDir(dataDir: string): void {
  const fail = (what: string, fix: string, cause: unknown): never => {
    throw new StartupError(`--data-dir ${dataDir}: ${what}; ${fix}.`, 1, { cause });
  };
  const access =
    'give this user read and write access to it (e.g. chown -R / chmod -R u+rwX) or choose another folder';
  try {
    if (!statSync(dataDir).isDirectory())
      fail('this is a file, not a folder', 'give a folder (it is created when missing)', null);
  } catch (error) {
    if (error instanceof StartupError) throw error;
    if (errorCode(error) !== 'ENOENT')
      fail(`the folder cannot be looked at (${errorCode(error) ?? errorText(error)})`, access, error);
    try {
      mkdirSync(dataDir, { recursive: true });
    } catch (cause) {
      const code = errorCode(cause);
      fail(
        `the folder cannot be created (${code === 'EACCES' ? 'permission denied' : code === 'EROFS' ? 'read-only file system' : (code ?? errorText(cause))})`,
        'create it and give this user write access to it, or choose a folder this user may write',
        cause,
      );
    }
    return;
  }
  const check = (path: string, directory: boolean): void => {
    const what = path === dataDir ? 'the folder' : `${path.slice(dataDir.length + 1)} in it`;
    for (const [mode, verb] of [
      [constants.R_OK | (directory ? constants.X_OK : 0), 'readable'],
      [constants.W_OK, 'writable'],
    ] as const) {
      try {
        accessSync(path, mode);
      } catch (error) {
        const code = errorCode(error);
        if (code === 'EROFS')
          fail(`${what} is on a read-only file system`, 'choose a folder on a writable file system', error);
        fail(`${what} is not ${verb} by this user (${code ?? errorText(error)})`, access, error);
      }
    }
  };
  check(dataDir, true);
  // A store is ~1,000 files: checking each costs a few milliseconds.
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        check(path, true);
        walk(path);
      } else if (entry.isFile()) check(path, false);
    }
  };
  walk(dataDir);
}
