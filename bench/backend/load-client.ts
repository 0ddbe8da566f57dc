import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type {
  AwaitReply,
  ConnectReply,
  CpuReply,
  DeliveryReport,
  LoadReply,
  LoadSpec,
  RaceReply,
  SubscriberKind,
  WorkerCommand,
  WorkerResponse,
} from './worker-protocol';

/** The bench's handle on its load worker process (see load-worker.ts). */
export class LoadWorker {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (reply: unknown) => void; reject: (error: Error) => void }
  >();
  private readonly exited: Promise<void>;

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: WorkerResponse) => {
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.error !== undefined) waiter.reject(new Error(`load worker: ${message.error}`));
      else waiter.resolve(message.reply);
    });
    this.exited = new Promise((resolve) => {
      child.once('exit', () => {
        for (const waiter of this.pending.values()) waiter.reject(new Error('load worker exited'));
        this.pending.clear();
        resolve();
      });
    });
  }

  /** Starts the worker (TypeScript via tsx); its stdout goes to our stderr, keeping stdout for the report. */
  static start(): LoadWorker {
    const entry = fileURLToPath(new URL('./load-worker.ts', import.meta.url));
    const child = fork(entry, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 2, 2, 'ipc'] });
    return new LoadWorker(child);
  }

  race(url: string, requests: { token: string; body: string }[]): Promise<RaceReply> {
    return this.call({ cmd: 'race', url, requests });
  }

  connect(
    kind: SubscriberKind,
    url: string,
    token: string,
    query: string,
    clients: number,
    batch = 50,
  ): Promise<ConnectReply> {
    return this.call({ cmd: 'connect', kind, url, token, query, clients, batch });
  }

  awaitSeq(seq: number, timeoutMs: number): Promise<AwaitReply> {
    return this.call({ cmd: 'await', seq, timeoutMs });
  }

  /** Runs a closed-loop HTTP load in the worker (see closed-loop.ts). */
  load(spec: LoadSpec): Promise<LoadReply> {
    return this.call({ cmd: 'load', spec });
  }

  reset(): Promise<unknown> {
    return this.call({ cmd: 'reset' });
  }

  report(stamps: Map<number, number>, capture = false): Promise<DeliveryReport> {
    return this.call({ cmd: 'report', stamps: [...stamps], capture });
  }

  disconnect(): Promise<unknown> {
    return this.call({ cmd: 'disconnect' });
  }

  /** CPU time the worker used so far, in milliseconds. */
  async cpuMs(): Promise<number> {
    const usage = await this.call<CpuReply>({ cmd: 'cpu' });
    return (usage.user + usage.system) / 1000;
  }

  /** Disconnects IPC (the worker then exits); kills it if it has not exited after 5 s. */
  async stop(): Promise<void> {
    if (this.child.connected) this.child.disconnect();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await this.exited;
    clearTimeout(timer);
  }

  private call<T>(command: WorkerCommand): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (reply: unknown) => void, reject });
      this.child.send({ id, command }, (error) => {
        if (error) {
          this.pending.delete(id);
          reject(error);
        }
      });
    });
  }
}

/** Runs `fn` with a fresh load worker (each section starts from a clean client process). */
export async function withWorker<T>(fn: (worker: LoadWorker) => Promise<T>): Promise<T> {
  const worker = LoadWorker.start();
  try {
    return await fn(worker);
  } finally {
    await worker.stop();
  }
}
