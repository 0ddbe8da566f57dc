import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { login } from '../support/backend-client';

const TSX = ['--import', 'tsx', 'backend/cli.ts'];

describe('npm run backend', () => {
  it('prints its options with --help', () => {
    const result = spawnSync(process.execPath, [...TSX, '--help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    for (const option of [
      '--port',
      '--host',
      '--data-dir',
      '--database-url',
      '--redis-url',
      '--demo',
      '--no-simulator',
      '--message-rate',
      '--monitor-lease-ttl',
    ]) {
      expect(result.stdout).toContain(option);
    }
  });

  it('refuses an unknown option or a bad value with a clear message and exit code 2', () => {
    const unknown = spawnSync(process.execPath, [...TSX, '--prot', '5'], { encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--prot'/);
    const bad = spawnSync(process.execPath, [...TSX, '--port', 'eighty'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--port must be a whole number/);
    const url = spawnSync(process.execPath, [...TSX, '--database-url', 'mysql://x'], { encoding: 'utf8' });
    expect(url.status).toBe(2);
    expect(url.stderr).toBe(
      '--database-url (or DATABASE_URL) must be a postgres:// URL, not "mysql://x". Run with --help for the options.\n',
    );
    const rate = spawnSync(process.execPath, [...TSX, '--message-rate', '0'], { encoding: 'utf8' });
    expect(rate.status).toBe(2);
    expect(rate.stderr).toBe('--message-rate must be at least 1, not 0. Run with --help for the options.\n');
    const lease = spawnSync(process.execPath, [...TSX, '--monitor-lease-ttl', '10'], { encoding: 'utf8' });
    expect(lease.status).toBe(2);
    expect(lease.stderr).toBe(
      '--monitor-lease-ttl must be at least 150, not 10. Run with --help for the options.\n',
    );
  });

  it('starts on a free port, prints the ready line, serves health and the demo world, and stops on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [...TSX, '--port', '0', '--in-memory', '--demo', '--no-simulator'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const lines = createInterface({ input: child.stdout });
    const ready = await new Promise<string>((resolve, reject) => {
      lines.on('line', (line) => {
        if (line.startsWith('enquiry backend listening on')) resolve(line);
      });
      child.once('exit', (code) => reject(new Error(`backend exited early with ${code}`)));
    });
    const match = /^enquiry backend listening on (http:\/\/127\.0\.0\.1:(\d+)\/graphql)$/.exec(ready);
    expect(match).not.toBeNull();
    const url = match![1]!;
    expect(Number(match![2])).toBeGreaterThan(0);
    expect((await fetch(url.replace('/graphql', '/healthz'))).status).toBe(200);
    expect((await fetch(url.replace('/graphql', '/readyz'))).status).toBe(200);
    expect((await login(url, 'basic', 'bea@basic.test')).name).toBe('Bea Arthur');
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
