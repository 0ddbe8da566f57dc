/**
 * The refresh token, encrypted with Electron's safeStorage (OS keychain / DPAPI /
 * libsecret). Where encryption is unavailable — or on Linux falls back to a hard-coded
 * key ('basic_text') — the token is NOT persisted: the supervisor signs in each launch.
 */
import { readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { safeStorage } from 'electron';
import { z } from 'zod';
import type { RefreshTokenStore } from '../core/ports';

const entrySchema = z.object({
  refreshToken: z.string().min(1),
  backendUrl: z.string().min(1),
  tenant: z.string().min(1),
});

/** Whether safeStorage offers real encryption on this machine. */
export function canEncrypt(platform: NodeJS.Platform = process.platform): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return false;
  return true;
}

/** A {@link RefreshTokenStore} backed by safeStorage in `userDataDir/session.bin`. */
export function createSecureTokenStore(userDataDir: string, log?: (line: string) => void): RefreshTokenStore {
  const file = join(userDataDir, 'session.bin');
  return {
    async load() {
      if (!canEncrypt()) return null;
      try {
        const plain = safeStorage.decryptString(await readFile(file));
        const parsed = entrySchema.safeParse(JSON.parse(plain));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
    async save(entry) {
      if (!entry) {
        await rm(file, { force: true });
        return;
      }
      if (!canEncrypt()) {
        await rm(file, { force: true });
        log?.('safeStorage encryption is unavailable: the session is not remembered between launches');
        return;
      }
      await mkdir(userDataDir, { recursive: true });
      await writeFile(file, safeStorage.encryptString(JSON.stringify(entry)), { mode: 0o600 });
    },
  };
}
