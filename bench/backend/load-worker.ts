import { race } from './racer';
import { runClosedLoop } from './closed-loop';
import { SubscriberPool } from './subscribers';
import type { WorkerEnvelope, WorkerReply, WorkerResponse } from './worker-protocol';

/**
 * The load worker: a child process of the bench that runs the clients (take-over racers,
 * subscribers, closed-loop HTTP load) so that they do not share the servers' event loop. Commands arrive over IPC;
 * it exits when the parent disconnects.
 */

const pool = new SubscriberPool();

async function handle(envelope: WorkerEnvelope): Promise<WorkerReply> {
  const command = envelope.command;
  switch (command.cmd) {
    case 'race':
      return race(command.url, command.requests);
    case 'connect':
      return pool.connect(
        command.kind,
        command.url,
        command.token,
        command.query,
        command.clients,
        command.batch,
      );
    case 'await':
      return pool.awaitSeq(command.seq, command.timeoutMs);
    case 'reset':
      pool.reset();
      return { ok: true };
    case 'report':
      return pool.report(command.stamps, command.capture);
    case 'disconnect':
      pool.disconnect();
      return { ok: true };
    case 'load':
      return runClosedLoop(command.spec);
    case 'cpu': {
      const usage = process.cpuUsage();
      return { user: usage.user, system: usage.system };
    }
  }
}

process.on('message', (message: WorkerEnvelope) => {
  handle(message).then(
    (reply) => process.send?.({ id: message.id, reply } satisfies WorkerResponse),
    (error: unknown) =>
      process.send?.({
        id: message.id,
        error: error instanceof Error ? error.message : String(error),
      } satisfies WorkerResponse),
  );
});
process.on('disconnect', () => {
  pool.disconnect();
  process.exit(0);
});
