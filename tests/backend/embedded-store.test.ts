/**
 * The embedded store's start-up: PostgreSQL settings, new clusters unpacked from the cached
 * pristine cluster (and made again when that cache is damaged), periodic checkpoints, and the
 * schema applied only when the store's recorded version is older (on both stores).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { openEmbeddedStore } from '../../backend/storage/embedded';
import { migrate, SCHEMA_VERSION } from '../../backend/storage/migrations';
import { unpackCluster } from '../../backend/storage/pglite-cluster';
import { CHECKPOINT_INTERVAL_MS } from '../../backend/storage/pglite-runtime';
import { openPostgresStore } from '../../backend/storage/postgres';
import type { Store } from '../../backend/storage/store';
import { freshDatabase } from '../support/postgres';

const scratch = mkdtempSync(join(tmpdir(), 'embedded-store-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let dirs = 0;
const newDir = (): string => join(scratch, `dir-${(dirs += 1)}`);

async function withStore<T>(dataDir: string | null, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openEmbeddedStore(dataDir);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

describe('embedded store settings', () => {
  it('runs PostgreSQL with a small buffer pool and bounded WAL, also on an existing data dir', async () => {
    const dir = newDir();
    await withStore(dir, async () => undefined);
    const [settings] = await withStore(dir, (store) =>
      store.query(
        `select current_setting('shared_buffers') as shared_buffers,
                current_setting('max_wal_size') as max_wal_size,
                current_setting('min_wal_size') as min_wal_size`,
      ),
    );
    expect(settings).toEqual({ shared_buffers: '16MB', max_wal_size: '64MB', min_wal_size: '32MB' });
  });
});

describe('new clusters', () => {
  it('makes a data dir that keeps its data across a restart', async () => {
    const dir = newDir();
    await withStore(dir, async (store) => {
      await store.query('create table kept (n int)');
      await store.query('insert into kept values (1), (2)');
    });
    expect(existsSync(join(dir, 'PG_VERSION'))).toBe(true);
    const rows = await withStore(dir, (store) => store.query<{ n: number }>('select n from kept order by n'));
    expect(rows.map((r) => r.n)).toEqual([1, 2]);
  });

  it('unpacks again a data dir left without PG_VERSION (a start cut short while unpacking)', async () => {
    const dir = newDir();
    await withStore(dir, async () => undefined);
    rmSync(join(dir, 'PG_VERSION'));
    rmSync(join(dir, 'base'), { recursive: true });
    const [row] = await withStore(dir, (store) => store.query<{ one: number }>('select 1 as one'));
    expect(row?.one).toBe(1);
  });

  it('refuses a tarball entry that would leave the data dir', () => {
    const header = Buffer.alloc(512);
    header.write('/../escaped', 0);
    header.write('0000600\0', 100);
    header.write('00000000000\0', 124);
    header.write('0', 156);
    header.write('ustar\u000000', 257);
    const dir = newDir();
    expect(() => unpackCluster(Buffer.concat([header, Buffer.alloc(1024)]), dir)).toThrow(/unexpected entry/);
    expect(existsSync(join(scratch, 'escaped'))).toBe(false);
  });

  it.skipIf(process.platform === 'win32' || process.platform === 'darwin')(
    'makes the cached cluster again when the cache file is damaged (XDG_CACHE_HOME on Linux)',
    async () => {
      const cacheHome = newDir();
      const cacheDir = join(cacheHome, 'supervisor-console', 'enquiry-backend');
      vi.stubEnv('XDG_CACHE_HOME', cacheHome);
      try {
        // No cache yet: made (in a worker thread) and kept.
        await withStore(null, async () => undefined);
        const [file] = readdirSync(cacheDir).filter((name) => name.endsWith('-cluster.tar.gz'));
        expect(file).toBeDefined();
        writeFileSync(join(cacheDir, file!), 'not a gzip file');
        const [row] = await withStore(null, (store) => store.query<{ one: number }>('select 1 as one'));
        expect(row?.one).toBe(1);
        expect(gunzipSync(readFileSync(join(cacheDir, file!))).length).toBeGreaterThan(1_000_000);
        expect(readdirSync(cacheDir).filter((name) => name.endsWith('.partial'))).toEqual([]);
      } finally {
        vi.unstubAllEnvs();
      }
    },
    120_000,
  );
});

describe('checkpoints', () => {
  afterEach(() => vi.useRealTimers());

  it('checkpoints every CHECKPOINT_INTERVAL_MS after something ran (a single-user PostgreSQL never does)', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    await withStore(newDir(), async (store) => {
      const checkpoint = async () =>
        (
          await store.query<{ lsn: string }>(
            'select checkpoint_lsn::text as lsn from pg_control_checkpoint()',
          )
        )[0]?.lsn;
      await store.query('create table written (n int)');
      await store.query('insert into written select generate_series(1, 1000)');
      const before = await checkpoint();
      vi.advanceTimersByTime(CHECKPOINT_INTERVAL_MS);
      await vi.waitFor(async () => expect(await checkpoint()).not.toBe(before), {
        timeout: 5_000,
        interval: 50,
      });
    });
  });
});

/** The schema's fast path, on whichever store `open` gives. */
function schemaVersionTests(open: () => Promise<Store>): void {
  it('records the schema version, and does not apply the schema again while it is current', async () => {
    const store = await open();
    try {
      await migrate(store);
      const [version] = await store.query<{ value: string }>(
        `select value from meta where key = 'schema_version'`,
      );
      expect(version?.value).toBe(String(SCHEMA_VERSION));
      await store.query('drop index events_actor');
      await migrate(store);
      const index = `select count(*)::int as n from pg_indexes where indexname = 'events_actor'`;
      expect((await store.query<{ n: number }>(index))[0]?.n).toBe(0);
      // A store without a recorded version (made before versions were recorded) gets the schema.
      await store.query(`delete from meta where key = 'schema_version'`);
      await migrate(store);
      expect((await store.query<{ n: number }>(index))[0]?.n).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('still adopts unleased monitors at every start (part of step 2)', async () => {
    const store = await open();
    try {
      await migrate(store);
      await store.query(
        `insert into tenants (id, name, plan, enquiry_monitoring) values ('t', 'T', 'enterprise', true)`,
      );
      await store.query(
        `insert into staff (id, tenant_id, name, email, role, password_hash) values ('s', 't', 'S', 's@t', 'ADMINISTRATOR', '')`,
      );
      await store.query(`insert into visitors (id, tenant_id, name) values ('v', 't', 'V')`);
      await store.query(
        `insert into enquiries (id, tenant_id, status, channel, visitor_id, waiting_since, updated_at)
         values ('e', 't', 'OPEN', 'WEB_CHAT', 'v', now(), now())`,
      );
      await store.query(
        `insert into room_members (enquiry_id, staff_id, kind, since) values ('e', 's', 'MONITOR', now())`,
      );
      await migrate(store);
      const leases = await store.query<{ staff_id: string; expires_at: Date | null }>(
        `select staff_id, expires_at from monitor_leases where enquiry_id = 'e'`,
      );
      expect(leases.map((l) => l.staff_id)).toEqual(['s']);
      expect(leases[0]?.expires_at).not.toBeNull();
    } finally {
      await store.close();
    }
  });
}

describe('schema version on the embedded store', () => {
  schemaVersionTests(() => openEmbeddedStore(null));
});

describe('schema version on PostgreSQL', () => {
  const databases: { drop(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const database of databases) await database.drop();
  });
  schemaVersionTests(async () => {
    const database = await freshDatabase();
    databases.push(database);
    return openPostgresStore(database.url);
  });
});
