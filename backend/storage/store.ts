/**
 * The storage adapter: both the embedded store (PGlite) and PostgreSQL speak the same SQL,
 * so the domain writes one set of queries against this small interface.
 */
export interface SqlExecutor {
  /** Runs one statement with positional parameters ($1, $2, …) and returns its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface TransactionOptions {
  /** A consistent snapshot for several reads (REPEATABLE READ, read only). */
  snapshot?: boolean;
}

export interface Store extends SqlExecutor {
  readonly kind: 'embedded' | 'postgres';
  /** Runs fn in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** True when the store answers a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** ping() and close() of a store: ping answers false once closed; close runs once. */
export function lifecycle(
  probe: () => Promise<unknown>,
  end: () => Promise<void>,
): Pick<Store, 'ping' | 'close'> {
  let closed = false;
  return {
    async ping() {
      if (closed) return false;
      try {
        await probe();
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await end();
    },
  };
}
