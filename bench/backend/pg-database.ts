/** A throwaway PostgreSQL database for one bench run, on the machine's local server. */
import { createFreshDatabase as create, type FreshDatabase } from '../../tests/support/postgres';
import { note } from './stats';

export type { FreshDatabase };

export const POSTGRES_ADMIN_URL =
  process.env['BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Creates `bench_<random>`; throws (with the server's reason) when PostgreSQL is unreachable. */
export const createFreshDatabase = (adminUrl = POSTGRES_ADMIN_URL): Promise<FreshDatabase> =>
  create('bench', adminUrl);

/** A section that could not run, and why. */
export interface Skipped {
  skipped: true;
  reason: string;
}

/**
 * Runs `fn` on a fresh database and drops it afterwards; answers Skipped, with the reason,
 * when PostgreSQL is unreachable.
 */
export async function withFreshDatabase<T>(fn: (url: string) => Promise<T>): Promise<T | Skipped> {
  let database: FreshDatabase;
  try {
    database = await createFreshDatabase();
  } catch (error) {
    return {
      skipped: true,
      reason: `PostgreSQL at ${new URL(POSTGRES_ADMIN_URL).host} unreachable: ${String(error)}`,
    };
  }
  try {
    return await fn(database.url);
  } finally {
    await database.drop().catch((error: unknown) => note(`could not drop ${database.url}: ${String(error)}`));
  }
}
