/** A throwaway PostgreSQL database for one bench run, on the machine's local server. */
import { createFreshDatabase as create, type FreshDatabase } from '../../tests/support/postgres';

export type { FreshDatabase };

export const POSTGRES_ADMIN_URL =
  process.env['BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Creates `bench_<random>`; throws (with the server's reason) when PostgreSQL is unreachable. */
export const createFreshDatabase = (adminUrl = POSTGRES_ADMIN_URL): Promise<FreshDatabase> => create('bench', adminUrl);
