import type { PGlite } from '@electric-sql/pglite';
import { errorText, StartupError } from '../startup-error';
import { checkDataDir } from './data-dir';
import { createPGlite } from './pglite-cluster';
import { CHECKPOINT_INTERVAL_MS, useBaselineWasmCompiler } from './pglite-runtime';
import { lifecycle, type SqlExecutor, type Store } from './store';

/**
 * The embedded default: PGlite (PostgreSQL in WebAssembly) persisted in a data dir, or in
 * memory for tests. PGlite runs one transaction at a time, so every transaction is serial.
 * Its settings and start-up are in pglite-runtime.ts and pglite-cluster.ts.
 */
export async function openEmbeddedStore(dataDir: string | null): Promise<Store> {
  useBaselineWasmCompiler();
  if (dataDir) checkDataDir(dataDir);
  let db: PGlite;
  try {
    db = await createPGlite(dataDir);
  } catch (error) {
    if (!dataDir) throw error;
    throw new StartupError(
      `--data-dir ${dataDir}: the embedded store there could not be opened (${errorText(error)}); check that this user may read and write every file in it and that it holds a store made by this app, or choose another folder.`,
      1,
      { cause: error },
    );
  }
  let used = false;
  const executor = (target: Pick<PGlite, 'query'>): SqlExecutor => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      used = true;
      const result = await target.query<T>(sql, params as unknown[]);
      return result.rows;
    },
  });
  const base = executor(db);
  // PGlite's single-user PostgreSQL never checkpoints on its own (see pglite-runtime.ts). A
  // checkpoint waits for the transaction in progress, like any statement on `db`.
  const checkpoints = setInterval(() => {
    if (!used || db.closed) return;
    used = false;
    db.exec('checkpoint').catch(() => {
      // Closed meanwhile, or the next interval tries again.
    });
  }, CHECKPOINT_INTERVAL_MS);
  checkpoints.unref();
  return {
    kind: 'embedded',
    query: base.query,
    transaction: (fn) => db.transaction((tx) => fn(executor(tx))),
    ...lifecycle(
      () => db.query('select 1'),
      () => {
        clearInterval(checkpoints);
        return db.close();
      },
    ),
  };
}
