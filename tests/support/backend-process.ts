import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The enquiry backend as a child process, started the way `npm run backend` starts it (one
 * Node process running backend/cli.ts under tsx, so that a signal reaches the backend itself
 * and not a wrapper), for tests that kill it: SIGKILL leaves no chance to flush or close.
 */

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const READY_LINE = /^enquiry backend listening on (http:\/\/[^\s]+:(\d+)\/graphql)$/m;
/** Output kept for failure messages: the last this many characters. */
const OUTPUT_KEPT = 8_000;

export interface BackendProcess {
  url: string;
  port: number;
  pid: number;
  /** What the process printed (stdout and stderr, the last few KB), for failure messages. */
  output(): string;
  /** Whether the process has exited. */
  readonly exited: boolean;
  /** SIGKILL, then waits for the exit. */
  kill(): Promise<void>;
  /** SIGTERM (a clean stop), then waits for the exit; its exit code. */
  stop(): Promise<number | null>;
}

const running = new Set<ChildProcess>();

/**
 * Starts `backend/cli.ts` with `args` and resolves once it prints its ready line; rejects
 * with its output when it exits first or is not ready within `timeoutMs`.
 */
export function spawnBackend(args: readonly string[], timeoutMs = 60_000): Promise<BackendProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'backend/cli.ts', ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let printed = '';
  let exited = false;
  const exit = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      exited = true;
      running.delete(child);
      resolve(code);
    });
  });
  const keep = (chunk: Buffer): void => {
    printed = (printed + chunk.toString('utf8')).slice(-OUTPUT_KEPT);
  };
  child.stderr?.on('data', keep);
  return new Promise<BackendProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`backend not ready within ${timeoutMs} ms; it printed:\n${printed}`));
    }, timeoutMs);
    void exit.then((code) => {
      clearTimeout(timer);
      reject(new Error(`backend exited with ${code} before it was ready; it printed:\n${printed}`));
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      keep(chunk);
      const ready = READY_LINE.exec(printed);
      if (!ready || child.pid === undefined) return;
      clearTimeout(timer);
      child.stdout?.removeAllListeners('data');
      child.stdout?.on('data', keep);
      resolve({
        url: ready[1] as string,
        port: Number(ready[2]),
        pid: child.pid,
        output: () => printed,
        get exited() {
          return exited;
        },
        async kill() {
          if (!exited) child.kill('SIGKILL');
          await exit;
        },
        async stop() {
          if (!exited) child.kill('SIGTERM');
          return exit;
        },
      });
    });
  });
}

/**
 * The backend on a data dir (the embedded store): demo world seeded on the first start, no
 * simulator, no send limit; started again on the same dir after a kill, it carries on.
 */
export function spawnBackendOnDataDir(dataDir: string): Promise<BackendProcess> {
  return spawnBackend([
    '--data-dir',
    dataDir,
    '--port',
    '0',
    '--demo',
    '--no-simulator',
    '--quiet',
    '--message-rate',
    '100000',
  ]);
}

/** SIGKILLs every backend this module started that still runs (for afterAll). */
export function killAllBackends(): void {
  for (const child of running) child.kill('SIGKILL');
}
