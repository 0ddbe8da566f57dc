import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_ADMIN_URL } from '../support/postgres';

/**
 * Operator mistakes at start-up, tried as a new user would: each must end the process with one
 * line on stderr that names the flag or resource and says what to do, and the exit code (2 for
 * a usage mistake, 1 for a resource that cannot be used). Each case spawns the real CLI.
 */

const BACKEND = ['--import', 'tsx', 'backend/cli.ts'];
const SERVE = ['--import', 'tsx', 'main/browser-host/cli.ts'];
/** Root may read anything: the permission cases run as `nobody` then. */
const NOBODY = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

/** Whether `nobody` can reach this checkout (every folder above it searchable by others). */
function nobodyReachesCheckout(): boolean {
  if (process.getuid?.() !== 0) return true;
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
    if (dirname(dir) === dir) return true;
  }
}
const PERMISSION_CASES = nobodyReachesCheckout();
if (!PERMISSION_CASES) {
  console.log(
    `operator-errors: the permission cases are skipped: as root they run as nobody, who cannot reach this checkout (${process.cwd()}: a folder above it is not searchable by others)`,
  );
}

interface Outcome {
  code: number | null;
  stdout: string;
  lines: string[];
}

/** At most this many CLIs at once: the machine is shared, and each costs ~1 s of CPU. */
const SLOTS = 3;
let running = 0;
const waiting: (() => void)[] = [];

/** Runs a CLI to its exit (or kills it after `ms` and says so). */
async function run(
  args: string[],
  options: { uid?: number; gid?: number } = {},
  ms = 60_000,
): Promise<Outcome> {
  if (running >= SLOTS) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await spawnToExit(args, options, ms);
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

function spawnToExit(args: string[], options: { uid?: number; gid?: number }, ms: number): Promise<Outcome> {
  return new Promise<Outcome>((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DEBUG: '' },
      uid: options.uid,
      gid: options.gid,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`${args.join(' ')} did not exit within ${ms} ms; stdout: ${stdout}; stderr: ${stderr}`),
      );
    }, ms);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, lines: stderr.split('\n').filter((line) => line.trim() !== '') });
    });
  });
}

/** Exactly one line of stderr, no stack, nothing on stdout; returns the line. */
function oneLine(outcome: Outcome, code: number): string {
  expect(outcome.lines, 'one line on stderr').toHaveLength(1);
  expect(outcome.code).toBe(code);
  expect(outcome.stdout).not.toMatch(/ready|listening/);
  const line = outcome.lines[0]!;
  expect(line).not.toMatch(/\bat .*:\d+:\d+|\[object Object\]|Unhandled error/);
  return line;
}

/** A loopback port nothing listens on. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let root = '';
let busy: Server;
let busyPort = 0;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'operator-errors-'));
  chmodSync(root, 0o755); // nobody must reach the folders inside
  // A store folder this user may not read, and one it may read but not write.
  for (const [name, mode] of [
    ['unreadable', 0o000],
    ['read-only', 0o555],
  ] as const) {
    mkdirSync(join(root, name));
    writeFileSync(join(root, name, 'PG_VERSION'), '17\n');
    chmodSync(join(root, name, 'PG_VERSION'), mode === 0o000 ? 0o600 : 0o444);
    chmodSync(join(root, name), mode);
  }
  writeFileSync(join(root, 'a-file'), 'not a folder');
  // A folder that looks like a store (PG_VERSION) but is not one.
  mkdirSync(join(root, 'not-a-store'));
  writeFileSync(join(root, 'not-a-store', 'PG_VERSION'), '17\n');
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  busyPort = (busy.address() as { port: number }).port;
});

afterAll(async () => {
  for (const name of ['unreadable', 'read-only']) chmodSync(join(root, name), 0o755);
  rmSync(root, { recursive: true, force: true });
  await new Promise<void>((resolve) => busy.close(() => resolve()));
});

describe.concurrent('start-up mistakes answer in one line', { timeout: 120_000 }, () => {
  it.skipIf(!PERMISSION_CASES)(
    'an existing --data-dir this user may not read (backend and npm run serve)',
    async () => {
      const dir = join(root, 'unreadable');
      const [backend, serve] = await Promise.all([
        run([...BACKEND, '--port', '0', '--data-dir', dir], NOBODY),
        run([...SERVE, '--data-dir', dir, '--renderer-dir', root, '--quiet'], NOBODY),
      ]);
      for (const outcome of [backend, serve])
        expect(oneLine(outcome, 1)).toBe(
          `--data-dir ${dir}: the folder is not readable by this user (EACCES); give this user read and write access to it (e.g. chown -R / chmod -R u+rwX) or choose another folder.`,
        );
    },
  );

  it.skipIf(!PERMISSION_CASES)(
    'a read-only --data-dir, a file given as --data-dir, a folder that is not a store',
    async () => {
      const [readOnly, file, notAStore] = await Promise.all([
        run([...BACKEND, '--port', '0', '--data-dir', join(root, 'read-only')], NOBODY),
        run([...BACKEND, '--port', '0', '--data-dir', join(root, 'a-file')]),
        run([...BACKEND, '--port', '0', '--data-dir', join(root, 'not-a-store')]),
      ]);
      expect(oneLine(notAStore, 1)).toMatch(
        /^--data-dir .*not-a-store: the embedded store there could not be opened \(.+\); check that this user may read and write every file in it and that it holds a store made by this app, or choose another folder\.$/,
      );
      expect(oneLine(readOnly, 1)).toMatch(
        /^--data-dir .*read-only: the folder is not writable by this user \(EACCES\); give this user read and write access/,
      );
      expect(oneLine(file, 1)).toMatch(/^--data-dir .*a-file: this is a file, not a folder; give a folder/);
    },
  );

  it('a port in use, for the backend and for npm run serve', async () => {
    const [backend, serve] = await Promise.all([
      run([...BACKEND, '--in-memory', '--port', String(busyPort)]),
      run([...SERVE, '--in-memory', '--port', String(busyPort), '--renderer-dir', root, '--quiet']),
    ]);
    for (const outcome of [backend, serve])
      expect(oneLine(outcome, 1)).toBe(
        `--port ${busyPort}: the port is already in use on 127.0.0.1 (another backend or program is listening there); stop it or choose another port (--port 0 picks a free one).`,
      );
  });

  it('Redis unreachable names the Redis URL', async () => {
    const url = `redis://127.0.0.1:${await deadPort()}`;
    const line = oneLine(await run([...BACKEND, '--in-memory', '--port', '0', '--redis-url', url]), 1);
    expect(line).toBe(
      `--redis-url ${url}: Redis could not be reached (ECONNREFUSED); start Redis there, or correct --redis-url (or REDIS_URL), e.g. redis://127.0.0.1:6379.`,
    );
  });

  it('PostgreSQL unreachable, and a user it does not know', async () => {
    const dead = `postgres://postgres@127.0.0.1:${await deadPort()}/enquiries`;
    const server = new URL(POSTGRES_ADMIN_URL);
    const stranger = `postgres://no_such_role_x@${server.host}/enquiries`;
    const [unreachable, unknownUser] = await Promise.all([
      run([...BACKEND, '--port', '0', '--database-url', dead]),
      run([...BACKEND, '--port', '0', '--database-url', stranger]),
    ]);
    expect(oneLine(unreachable, 1)).toBe(
      `--database-url ${dead}: PostgreSQL could not be reached (ECONNREFUSED); start PostgreSQL there or correct --database-url (or DATABASE_URL), e.g. postgres://postgres@127.0.0.1:5432/enquiries.`,
    );
    expect(oneLine(unknownUser, 1)).toMatch(
      /^--database-url postgres:\/\/no_such_role_x@.*: PostgreSQL refused user "no_such_role_x" \(.*\); put a user and password it accepts in the URL\.$/,
    );
  });

  it('a password in a URL never reaches the message', async () => {
    const url = `redis://:sekret-pass@127.0.0.1:${await deadPort()}`;
    const line = oneLine(await run([...BACKEND, '--in-memory', '--port', '0', '--redis-url', url]), 1);
    expect(line).not.toContain('sekret-pass');
    expect(line).toMatch(/^--redis-url redis:\/\/:\*\*\*@127\.0\.0\.1:\d+: Redis could not be reached/);
  });

  it('option values are refused with the flag names, exit 2', async () => {
    const [interval, cors, lease, unknown] = await Promise.all([
      run([...BACKEND, '--simulator-interval', '10']),
      run([...BACKEND, '--cors-origin', 'https://ok.test,not-an-origin']),
      run([...BACKEND, '--monitor-lease-ttl', '10']),
      run([...BACKEND, '--prot', '5']),
    ]);
    expect(oneLine(interval, 2)).toBe(
      '--simulator-interval must be at least 50, not 10. Run with --help for the options.',
    );
    expect(oneLine(cors, 2)).toBe(
      '--cors-origin must be an origin like https://host:port, not "not-an-origin". Run with --help for the options.',
    );
    expect(oneLine(lease, 2)).toBe(
      '--monitor-lease-ttl must be at least 150, not 10. Run with --help for the options.',
    );
    expect(oneLine(unknown, 2)).toBe("Unknown option '--prot'. Run with --help for the options.");
  });

  it('npm run serve: a usage mistake exits 2; a --backend-url nobody answers at is one line, never "console ready"', async () => {
    const dead = `http://127.0.0.1:${await deadPort()}/graphql`;
    const [unknown, badUrl, unreachable] = await Promise.all([
      run([...SERVE, '--bogus']),
      run([...SERVE, '--backend-url', 'ftp://example.test']),
      run([...SERVE, '--backend-url', dead, '--renderer-dir', root, '--quiet']),
    ]);
    expect(oneLine(unknown, 2)).toBe("Unknown option '--bogus'. Run with --help for the options.");
    expect(oneLine(badUrl, 2)).toMatch(/^--backend-url must be an http:\/\/ or https:\/\/ URL/);
    expect(oneLine(unreachable, 1)).toBe(
      `--backend-url ${dead}: could not reach the enquiry backend (GET ${dead.replace('/graphql', '/healthz')}: ECONNREFUSED); start it (npm run backend) or correct --backend-url.`,
    );
  });
});

describe('--database-url naming a database that does not exist yet', { timeout: 120_000 }, () => {
  it('creates it, says so, and serves', async () => {
    const name = `operator_errors_${Math.random().toString(36).slice(2, 10)}`;
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${name}`;
    const child = spawn(process.execPath, [...BACKEND, '--port', '0', '--database-url', url.toString()], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      const ready = await new Promise<string>((resolve, reject) => {
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const line = /enquiry backend listening on (\S+)/.exec(stdout);
          if (line) resolve(line[1]!);
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
      });
      expect(stderr).toContain(`created the database "${name}"`);
      expect((await fetch(ready.replace('/graphql', '/readyz'))).status).toBe(200);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await admin.connect();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
