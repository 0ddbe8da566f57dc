import pg from 'pg';
import { errorCode, errorText, redactUrl, StartupError } from '../startup-error';
import { lifecycle, type SqlExecutor, type Store } from './store';

/**
 * The scale-out store: a PostgreSQL pool shared by any number of backend instances. A database
 * that does not exist yet is created (and the log says so) when the user may create databases.
 */
export async function openPostgresStore(
  databaseUrl: string,
  log?: (message: string) => void,
): Promise<Store> {
  await reachDatabase(databaseUrl, log);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 20 });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw postgresFailure(databaseUrl, error);
  }
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

const CONNECT_TIMEOUT_MS = 5_000;

/** Connects once to check the server, the user and the database; creates a missing database. */
export async function reachDatabase(databaseUrl: string, log?: (message: string) => void): Promise<void> {
  const probe = async (connectionString: string): Promise<pg.Client> => {
    const client = new pg.Client({ connectionString, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return client;
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  };
  try {
    await (await probe(databaseUrl)).end();
  } catch (error) {
    if ((error as { code?: unknown }).code !== '3D000') throw postgresFailure(databaseUrl, error);
    const database = pg.defaults.database ?? '';
    const name = databaseName(databaseUrl);
    if (!name || name === database) throw postgresFailure(databaseUrl, error);
    const maintenance = new URL(databaseUrl);
    maintenance.pathname = '/postgres';
    let admin: pg.Client;
    try {
      admin = await probe(maintenance.toString());
    } catch {
      throw postgresFailure(databaseUrl, error);
    }
    try {
      await admin.query(`create database ${pg.escapeIdentifier(name)}`);
      log?.(`created the database "${name}" on ${redactUrl(databaseUrl)}`);
    } catch (cause) {
      // Another instance may have created it meanwhile (42P04 duplicate_database).
      if ((cause as { code?: unknown }).code !== '42P04') {
        throw new StartupError(
          `--database-url ${redactUrl(databaseUrl)}: the database "${name}" does not exist and could not be created (${errorText(cause)}); create it (createdb "${name}") or name an existing one.`,
          1,
          { cause },
        );
      }
    } finally {
      await admin.end().catch(() => undefined);
    }
  }
}

/** The database a postgres:// URL names (its path), or null when it names none. */
function databaseName(databaseUrl: string): string | null {
  try {
    const name = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));
    return name === '' ? null : name;
  } catch {
    return null;
  }
}

/** What went wrong reaching PostgreSQL, as one line naming the flag and the fix. */
function postgresFailure(databaseUrl: string, error: unknown): StartupError {
  const shown = redactUrl(databaseUrl);
  const flag = `--database-url ${shown}`;
  const url = (() => {
    try {
      return new URL(databaseUrl);
    } catch {
      return null;
    }
  })();
  const user = url?.username ? decodeURIComponent(url.username) : null;
  const sqlState = (error as { code?: unknown }).code;
  const code = errorCode(error);
  const urlHint =
    'correct --database-url (or DATABASE_URL), e.g. postgres://postgres@127.0.0.1:5432/enquiries';
  let message: string;
  if (
    code === 'ECONNREFUSED' ||
    code === 'ENOTFOUND' ||
    code === 'EAI_AGAIN' ||
    code === 'EHOSTUNREACH' ||
    code === 'ENETUNREACH'
  )
    message = `${flag}: PostgreSQL could not be reached (${code}); start PostgreSQL there or ${urlHint}.`;
  else if (/timeout/i.test(errorText(error)) || code === 'ETIMEDOUT')
    message = `${flag}: PostgreSQL did not answer within ${CONNECT_TIMEOUT_MS / 1000} s; check that it runs there and that no firewall is in the way, or ${urlHint}.`;
  else if (sqlState === '28P01' || sqlState === '28000')
    message = user
      ? `${flag}: PostgreSQL refused user "${user}" (${errorText(error)}); put a user and password it accepts in the URL.`
      : `${flag}: PostgreSQL refused the login (${errorText(error)}); the URL names no user: name one PostgreSQL knows in the URL, e.g. postgres://postgres@127.0.0.1:5432/enquiries.`;
  else if (sqlState === '3D000')
    message = `${flag}: ${errorText(error)}; create it (createdb) or name an existing database in the URL.`;
  else message = `${flag}: PostgreSQL could not be used (${errorText(error)}); ${urlHint}.`;
  return new StartupError(message, 1, { cause: error });
}
