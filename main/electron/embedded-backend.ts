/**
 * The "runs on first launch" default: with no backend URL configured, the enquiry backend
 * with the demo world runs in an Electron utilityProcess (the RunAsNode fuse is off, so
 * never ELECTRON_RUN_AS_NODE) and the console connects to it.
 */
import { utilityProcess } from 'electron';

/** The message backend-process.ts posts to its parent. */
export type BackendProcessMessage = { type: 'ready'; url: string } | { type: 'failed'; message: string };

export interface EmbeddedBackend {
  url: string;
  stop(): void;
}

/** Forks `entryPath` (dist/main/electron/backend-process.js) and waits for its ready message. */
export function startEmbeddedBackend(
  entryPath: string,
  dataDir: string,
  timeoutMs = 60_000,
): Promise<EmbeddedBackend> {
  const child = utilityProcess.fork(entryPath, ['--data-dir', dataDir], {
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
