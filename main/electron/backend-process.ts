/**
 * Entry of the utilityProcess that runs the embedded enquiry backend (demo world, embedded
 * store in the user's data dir). Posts {type:'ready', url} to the app when it listens.
 */
import { startBackend } from '../../backend/index';

interface ParentPort {
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
const flag = process.argv.indexOf('--data-dir');
const dataDir = flag >= 0 ? process.argv[flag + 1] : undefined;

startBackend({ port: 0, host: '127.0.0.1', demo: true, simulator: true, dataDir, quiet: true })
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
