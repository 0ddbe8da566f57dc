import pg from 'pg';
import { lifecycle, type SqlExecutor, type Store } from './store';

/** The scale-out store: a PostgreSQL pool shared by any number of backend instances. */
export async function openPostgresStore(databaseUrl: string): Promise<Store> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 20 });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  await pool.query('select 1');
  const executor = (target: pg.Pool | pg.PoolClient): SqlExecutor => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const result = await target.query(sql, params as unknown[]);
      return result.rows as T[];
    },
  });
  const base = executor(pool);
  return {
    kind: 'postgres',
    query: base.query,
    async transaction(fn, options) {
      const client = await pool.connect();
      try {
        await client.query(options?.snapshot ? 'begin isolation level repeatable read read only' : 'begin');
        const result = await fn(executor(client));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    ...lifecycle(
      () => pool.query('select 1'),
      () => pool.end(),
    ),
  };
}
