/** Starts host-process.ts as a child process, waits for its URL, and reads its notes. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

/** When the host first received each bench text from the backend and first sent it to the page. */
export interface HostNotes {
  received: Record<string, number>;
  sent: Record<string, number>;
  /** How late the host's event loop ran callbacks since the previous dump (5 ms resolution). */
  eventLoopDelayMs?: { p50: number; p99: number; max: number };
}

export interface HostChild {
  url: string;
  pid: number;
  /** The host's notes so far. */
  notes(): Promise<HostNotes>;
  stop(): Promise<void>;
}

/** Spawns the browser host against `backendUrl`, serving the renderer built into `rendererDir`. */
export function startHostChild(
  backendUrl: string,
  rendererDir: string,
  timeoutMs = 60_000,
): Promise<HostChild> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(HERE, 'host-process.ts'), backendUrl, rendererDir],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  let lines: string[] = [];
  let buffer = '';
  let onLine: (() => void) | null = null;
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    lines.push(...parts.filter(Boolean));
    onLine?.();
  });
  const nextLine = (ms: number) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        onLine = null;
        reject(new Error('the browser host did not answer in time'));
      }, ms);
      const check = () => {
        const line = lines.shift();
        if (line === undefined) return;
        clearTimeout(timer);
        onLine = null;
        resolve(line);
      };
      onLine = check;
      check();
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.stdin?.end();
    });
  const notes = async (): Promise<HostNotes> => {
    const file = join(tmpdir(), `bench-console-host-${process.pid}-${Date.now()}.json`);
    lines = [];
    child.stdin?.write(`dump ${file}\n`);
    await nextLine(10_000);
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as HostNotes;
    rmSync(file, { force: true });
    return parsed;
  };
  return nextLine(timeoutMs).then(
    (line) => {
      const { url } = JSON.parse(line) as { url: string };
      return { url, pid: child.pid ?? -1, notes, stop };
    },
    (error: unknown) => {
      child.kill('SIGKILL');
      throw error;
    },
  );
}
