import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The backend as a user starts it: `node --import tsx backend/cli.ts …` in a child process
 * (the node process itself, no npm or shell wrapper, so its pid is the one to measure),
 * timed from spawn to its ready line.
 */

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const READY = /enquiry backend listening on (http:\/\/\S+\/graphql)/;

export interface StartedProcess {
  child: ChildProcess;
  pid: number;
  url: string | null;
  /** Spawn to the ready line, ms. */
  readyMs: number;
  /** The last lines the process wrote to stderr (for a failure's reason). */
  stderrTail(): string;
}

/** Spawns `node --import tsx <script> ...args` and waits for a line matching `ready` (bounded). */
export function spawnUntilReady(
  script: string,
  args: string[],
  timeoutMs = 120_000,
  ready: RegExp = READY,
): Promise<StartedProcess> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-2_000);
  });
  const stderrTail = (): string => stderr.trim();
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} not ready within ${timeoutMs} ms; stderr: ${stderrTail()}`));
    }, timeoutMs);
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      stdout += chunk;
      const match = ready.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      child.stdout?.removeAllListeners('data');
      child.stdout?.resume();
      resolve({
        child,
        pid: child.pid as number,
        url: match[1] ?? null,
        readyMs: performance.now() - started,
        stderrTail,
      });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code ?? signal}) before ready; stderr: ${stderrTail()}`));
    });
  });
}

/** Resident and peak resident memory of a process, MB (Linux /proc), or null elsewhere. */
export function residentMemory(pid: number): { rssMb: number; peakRssMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string): number =>
      Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    const rss = kb('VmRSS');
    const peak = kb('VmHWM');
    if (!Number.isFinite(rss)) return null;
    return { rssMb: Math.round(rss / 102.4) / 10, peakRssMb: Math.round(peak / 102.4) / 10 };
  } catch {
    return null;
  }
}

/** Sends SIGTERM and waits for the exit (SIGKILL after `timeoutMs`); returns ms taken and how it ended. */
export function stopProcess(
  child: ChildProcess,
  timeoutMs = 20_000,
): Promise<{ stopMs: number; exit: string }> {
  const started = performance.now();
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ stopMs: 0, exit: `already exited (${child.exitCode ?? child.signalCode})` });
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({
        stopMs: Math.round(performance.now() - started),
        exit: code !== null ? `code ${code}` : `signal ${signal}`,
      });
    });
    child.kill('SIGTERM');
  });
}

/** Ready line to the first `GET /healthz` answered 200 ("serving"), ms; null when it was not 200. */
export async function healthzAfterReadyMs(graphqlUrl: string): Promise<number | null> {
  const started = performance.now();
  const response = await fetch(graphqlUrl.replace(/\/graphql$/, '/healthz'));
  await response.text();
  return response.status === 200 ? performance.now() - started : null;
}
