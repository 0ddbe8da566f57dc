/**
 * Entry of the utilityProcess that runs the embedded enquiry backend (embedded store in the
 * user's data dir; the demo world and its simulator only with `--demo`). Posts
 * {type:'ready', url} to the app when it listens.
 */
import { startBackend } from '../../backend/index';
import { embeddedBackendOptions } from './first-run';

interface ParentPort {
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

startBackend(embeddedBackendOptions(process.argv))
  .then((backend) => {
    parentPort?.postMessage({ type: 'ready', url: backend.url });
    process.on('SIGTERM', () => void backend.stop().finally(() => process.exit(0)));
  })
  .catch((error: unknown) => {
    parentPort?.postMessage({
      type: 'failed',
      message: error instanceof Error ? error.message : String(error),
    });
    process.exit(1);
  });
