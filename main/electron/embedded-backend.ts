/**
 * The "runs on first launch" default: with no backend URL configured, the enquiry backend
 * runs in an Electron utilityProcess (the RunAsNode fuse is off, so never
 * ELECTRON_RUN_AS_NODE) and the console connects to it. It seeds and runs the demo world
 * only when asked (first-run.ts): a fresh install knows no credentials.
 */
import { utilityProcess } from 'electron';
import { DEMO_FLAG } from './first-run';

/** The message backend-process.ts posts to its parent. */
export type BackendProcessMessage = { type: 'ready'; url: string } | { type: 'failed'; message: string };

export interface EmbeddedBackend {
  url: string;
  stop(): void;
}

/** The utilityProcess's arguments: the data dir, and `--demo` only when the demo was asked for. */
export function embeddedBackendArgs(dataDir: string, demo: boolean): string[] {
  return ['--data-dir', dataDir, ...(demo ? [DEMO_FLAG] : [])];
}

/** Forks `entryPath` (dist/main/electron/backend-process.js) and waits for its ready message. */
export function startEmbeddedBackend(
  entryPath: string,
  dataDir: string,
  options: { demo: boolean; timeoutMs?: number },
): Promise<EmbeddedBackend> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const child = utilityProcess.fork(entryPath, embeddedBackendArgs(dataDir, options.demo), {
    serviceName: 'Enquiry backend',
    stdio: 'inherit',
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error('The embedded enquiry backend did not start in time.'));
    }, timeoutMs);
    child.on('message', (message: BackendProcessMessage) => {
      if (message?.type === 'ready') {
        clearTimeout(timer);
        resolve({ url: message.url, stop: () => child.kill() });
      } else if (message?.type === 'failed') {
        clearTimeout(timer);
        reject(new Error(message.message));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The embedded enquiry backend exited (${code}).`));
    });
  });
}
