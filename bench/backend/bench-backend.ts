import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBackend, type RunningBackend } from '../../backend/index';
import { createFreshDatabase, POSTGRES_ADMIN_URL } from './pg-database';
import { note } from './stats';

/**
 * A backend for one bench section, in this process on port 0, with the demo world holding
 * still and the per-sender message limit raised out of the way: on the embedded store (in
 * memory, or in a temporary data dir) or on a throwaway PostgreSQL database.
 */

export type StoreChoice = 'embedded' | 'postgres';

export interface BenchBackend {
  backend: RunningBackend;
  /** How the store was set up, for the report. */
  storage: string;
  /** Stops the backend and removes its database or data dir. */
  dispose(): Promise<void>;
}

/** Why a store could not be had (PostgreSQL down): the section reports it as skipped. */
export class StoreUnavailable extends Error {}

export async function startBenchBackend(
  store: StoreChoice,
  embeddedMode: 'memory' | 'dir' = 'memory',
): Promise<BenchBackend> {
  const common = {
    port: 0,
    demo: true,
    simulator: false,
    quiet: true,
    messagesPer10Seconds: 100_000,
  } as const;
  if (store === 'embedded') {
    const dir = embeddedMode === 'dir' ? mkdtempSync(join(tmpdir(), 'bench-embedded-')) : null;
    const backend = await startBackend(dir ? { ...common, dataDir: dir } : { ...common, inMemory: true });
    return {
      backend,
      storage: dir ? 'embedded (PGlite) in a temporary data dir' : 'embedded (PGlite) in memory',
      async dispose() {
        await backend.stop();
        if (dir) rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  let database;
  try {
    database = await createFreshDatabase();
  } catch (error) {
    throw new StoreUnavailable(
      `PostgreSQL at ${new URL(POSTGRES_ADMIN_URL).host} unreachable: ${String(error)}`,
    );
  }
  let backend: RunningBackend;
  try {
    backend = await startBackend({ ...common, databaseUrl: database.url });
  } catch (error) {
    await database.drop().catch(() => undefined);
    throw error;
  }
  return {
    backend,
    storage: 'PostgreSQL (a fresh database on the local server), in-process pub/sub',
    async dispose() {
      await backend.stop();
      await database
        .drop()
        .catch((error: unknown) => note(`could not drop ${database.url}: ${String(error)}`));
    },
  };
}

/** Skipped-section report for a store that could not be had; rethrows anything else. */
export function skippedFor(error: unknown): { skipped: true; reason: string } {
  if (error instanceof StoreUnavailable) return { skipped: true, reason: error.message };
  throw error;
}
