import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Where the scale-out tests find PostgreSQL and Redis (CI starts both; see .ci/run). */
export const POSTGRES_ADMIN_URL =
  process.env['TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** A throwaway database and how to drop it. */
export interface FreshDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * Creates a fresh, empty database named `<prefix>_<random>` on the server of `adminUrl`;
 * throws (with the server's reason) when PostgreSQL is unreachable.
 */
export async function createFreshDatabase(
  prefix: string,
  adminUrl = POSTGRES_ADMIN_URL,
): Promise<FreshDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3_000 });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

/** A fresh database for one test file. */
export const freshDatabase = (): Promise<FreshDatabase> => createFreshDatabase('supervisor_test');
