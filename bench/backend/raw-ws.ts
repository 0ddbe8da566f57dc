import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { LoadWorker } from './load-client';
import { measurePhase, type PhaseLoad } from './fan-out';
import { note, round2, sleep, wallNow } from './stats';
import type { ConnectReply, DeliveryReport } from './worker-protocol';

/**
 * The limit: a plain `ws` server broadcasting the very `next` messages the graphql-ws clients
 * received (same bytes, same seqs) to the same number of plain `ws` clients, each message
 * encoded once and sent to every client. Paced at the graphql-ws run's pace; burst as fast
 * as the loop goes (one event per turn of the event loop).
 */

export interface RawPhaseReport {
  events: number;
  delivery: DeliveryReport;
  deliveredPerSecond: number;
  load: PhaseLoad;
  /** Events broadcast per second by the server loop. */
  broadcastPerSecond: number;
}

export interface RawWsFanOut {
  connect: ConnectReply;
  warmUp: { attempts: number; reached: number };
  paced: RawPhaseReport;
  burst: RawPhaseReport;
}

const seqOf = (message: string): number =>
  (JSON.parse(message) as { payload: { data: { boardEvents: { seq: number } } } }).payload.data.boardEvents
    .seq;

export async function runRawWsFanOut(
  worker: LoadWorker,
  options: { clients: number; pacedPerSecond: number; payloads: { paced: string[]; burst: string[] } },
): Promise<RawWsFanOut> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const port = (wss.address() as AddressInfo).port;
  const stamps = new Map<number, number>();
  const broadcast = (frame: Buffer, seq: number): void => {
    stamps.set(seq, wallNow());
    for (const client of wss.clients) client.send(frame, { binary: false });
  };
  const frames = (messages: string[]) => messages.map((m) => ({ seq: seqOf(m), frame: Buffer.from(m) }));
  const meanBytes = (list: { frame: Buffer }[]): number =>
    list.length > 0 ? Math.round(list.reduce((sum, f) => sum + f.frame.length, 0) / list.length) : 0;
  try {
    note(`fan-out (raw ws): connecting ${options.clients} clients`);
    const connect = await worker.connect('raw-ws', `ws://127.0.0.1:${port}`, '', '', options.clients);
    const warmFrame = Buffer.from(
      JSON.stringify({ id: 'warm-up', type: 'next', payload: { data: { boardEvents: { seq: 0 } } } }),
    );
    let attempts = 0;
    let reached = 0;
    while (attempts < 10 && reached < connect.connected) {
      attempts += 1;
      broadcast(warmFrame, 0);
      reached = (await worker.awaitSeq(0, 2_000)).reached;
    }

    note('fan-out (raw ws): paced phase');
    const paced = frames(options.payloads.paced);
    const interval = 1000 / options.pacedPerSecond;
    let broadcastMs = 0;
    const pacedRun = await measurePhase(
      worker,
      stamps,
      async () => {
        const start = performance.now();
        for (const [i, { frame, seq }] of paced.entries()) {
          const wait = start + i * interval - performance.now();
          if (wait > 0) await sleep(wait);
          broadcast(frame, seq);
        }
        broadcastMs = performance.now() - start;
      },
      false,
    );
    const pacedReport = rawReport(pacedRun, paced.length, broadcastMs, meanBytes(paced));

    note('fan-out (raw ws): burst phase');
    const burst = frames(options.payloads.burst);
    const burstRun = await measurePhase(
      worker,
      stamps,
      async () => {
        const start = performance.now();
        for (const { frame, seq } of burst) {
          broadcast(frame, seq);
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
        broadcastMs = performance.now() - start;
      },
      false,
    );
    const burstReport = rawReport(burstRun, burst.length, broadcastMs, meanBytes(burst));
    await worker.disconnect();
    return { connect, warmUp: { attempts, reached }, paced: pacedReport, burst: burstReport };
  } finally {
    for (const client of wss.clients) client.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  }
}

function rawReport(
  run: { report: DeliveryReport; load: PhaseLoad },
  events: number,
  broadcastMs: number,
  meanMessageBytes: number,
): RawPhaseReport {
  return {
    events,
    delivery: { ...run.report, meanMessageBytes },
    deliveredPerSecond: run.report.wallMs > 0 ? round2((run.report.delivered / run.report.wallMs) * 1000) : 0,
    load: run.load,
    broadcastPerSecond: broadcastMs > 0 ? round2((events / broadcastMs) * 1000) : 0,
  };
}
