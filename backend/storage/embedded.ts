import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { lifecycle, type SqlExecutor, type Store } from './store';

/**
 * The embedded default: PGlite (PostgreSQL in WebAssembly) persisted in a data dir, or in
 * memory for tests. PGlite runs one transaction at a time, so every transaction is serial.
 */
export async function openEmbeddedStore(dataDir: string | null): Promise<Store> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const extra = (process.env.PGX ?? '').split(' ').filter(Boolean);
  const db = await PGlite.create(dataDir ?? undefined, extra.length ? { startParams: [...PGlite.defaultStartParams, ...extra] } : {});
  const executor = (target: Pick<PGlite, 'query'>): SqlExecutor => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const result = await target.query<T>(sql, params as unknown[]);
      return result.rows;
    },
  });
  const base = executor(db);
  return {
    kind: 'embedded',
    query: base.query,
    transaction: (fn) => db.transaction((tx) => fn(executor(tx))),
    ...lifecycle(
      () => db.query('select 1'),
      () => db.close(),
    ),
  };
}
