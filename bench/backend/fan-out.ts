import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { RunningBackend } from '../../backend/index';
import { BOARD_EVENTS } from '../../shared/graphql/documents';
import { gql, login, startTestBackend, type Session } from '../../tests/support/backend-client';
import type { LoadWorker } from './load-client';
import { holdWaitLimit } from './take-over-setup';
import { note, round2, sleep, summarize, wallNow, type LatencySummary } from './stats';
import type { ConnectReply, DeliveryReport } from './worker-protocol';

/**
 * Fan-out over graphql-ws: the load worker opens N graphql-ws clients, each subscribed to
 * boardEvents with the console's own BoardEvents document; visitors' messages (real
 * `sendVisitorMessage` mutations over HTTP) make the events. Each event's commit time is
 * stamped where the backend publishes it (just after its transaction commits).
 */

export interface FanOutOptions {
  clients: number;
  pacedEvents: number;
  pacedPerSecond: number;
  burstEvents: number;
  burstConcurrency: number;
  /** Visitors the events are spread over (sendVisitorMessage is limited to 30 per 10 s per visitor). */
  visitors: number;
}

export interface PhaseReport {
  events: number;
  /** The mutations that made the events, as the driver saw them. */
  driver: {
    sent: number;
    failed: Record<string, number>;
    mutationLatency: LatencySummary;
    committedPerSecond: number;
  };
  delivery: Omit<DeliveryReport, 'captured'>;
  deliveredPerSecond: number;
  load: PhaseLoad;
}

/**
 * Stamps each board-visible event of the demo tenant with the time the backend hands it to
 * pub/sub (just after its commit). Other tenants' events (the wait-limit sweep) are not stamped.
 */
export function stampPublishes(backend: RunningBackend, tenantId = 'demo'): Map<number, number> {
  const stamps = new Map<number, number>();
  const pubsub = backend.services.pubsub;
  const publish = pubsub.publish.bind(pubsub);
  pubsub.publish = (event) => {
    if (event.tenantId === tenantId && event.enquiryId && event.type !== 'WHISPER_POSTED')
      stamps.set(event.seq, wallNow());
    return publish(event);
  };
  return stamps;
}

export interface PhaseLoad {
  /** CPU used, as % of one core: this (servers') process and the clients' process. */
  serverPct: number;
  clientsPct: number;
  serverCpuMs: number;
  /** Server CPU time per delivery, microseconds (commits included on the graphql-ws side). */
  serverCpuMicrosPerDelivery?: number;
  /** Event-loop delay of the servers' process (how long ready work waited for the loop). */
  serverLoopDelayP50Ms: number;
  serverLoopDelayP99Ms: number;
  serverLoopDelayMaxMs: number;
}

/** Measures CPU of both processes and the servers' event-loop delay over a phase. */
export async function loadMeter(worker: LoadWorker): Promise<() => Promise<PhaseLoad>> {
  const server0 = process.cpuUsage();
  const clients0 = await worker.cpuMs();
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const t0 = performance.now();
  return async () => {
    loop.disable();
    const server = process.cpuUsage(server0);
    const clients = (await worker.cpuMs()) - clients0;
    const wall = performance.now() - t0;
    const ms = (ns: number): number => round2(ns / 1e6);
    return {
      serverPct: round2(((server.user + server.system) / 1000 / wall) * 100),
      clientsPct: round2((clients / wall) * 100),
      serverLoopDelayP50Ms: ms(loop.percentile(50)),
      serverLoopDelayP99Ms: ms(loop.percentile(99)),
      serverLoopDelayMaxMs: ms(loop.max),
      serverCpuMs: round2((server.user + server.system) / 1000),
    };
  };
}

const SEND = `mutation ($token: String!, $text: String!) { sendVisitorMessage(visitorToken: $token, text: $text) { seq } }`;

class VisitorDriver {
  private next = 0;
  readonly latencies: number[] = [];
  readonly failed: Record<string, number> = {};

  constructor(
    private readonly url: string,
    private readonly visitorTokens: string[],
  ) {}

  /** One visitor message; resolves to its seq, or null when refused. */
  async send(text: string): Promise<number | null> {
    const token = this.visitorTokens[this.next++ % this.visitorTokens.length] as string;
    const started = performance.now();
    const result = await gql<{ sendVisitorMessage: { seq: number } }>(this.url, SEND, { token, text }).catch(
      (error: unknown) => ({
        data: null,
        errors: [{ message: String(error), extensions: { code: 'FETCH_FAILED' } }],
      }),
    );
    this.latencies.push(performance.now() - started);
    const seq = result.data?.sendVisitorMessage.seq;
    if (typeof seq === 'number') return seq;
    const code = String(result.errors?.[0]?.extensions?.code ?? 'NO_DATA');
    this.failed[code] = (this.failed[code] ?? 0) + 1;
    return null;
  }

  reset(): void {
    this.latencies.length = 0;
    for (const key of Object.keys(this.failed)) delete this.failed[key];
  }
}

async function openVisitors(url: string, count: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const result = await gql<{ startEnquiry: { visitorToken: string } }>(
      url,
      `mutation ($name: String!) { startEnquiry(tenant: "demo", visitorName: $name, channel: WEB_CHAT) { visitorToken } }`,
      { name: `Fan-out Visitor ${i}` },
    );
    if (!result.data) throw new Error(`startEnquiry failed: ${JSON.stringify(result.errors)}`);
    tokens.push(result.data.startEnquiry.visitorToken);
  }
  return tokens;
}

/** Sends events until every subscriber has seen one (all subscriptions are live); bounded. */
async function warmUp(worker: LoadWorker, driver: VisitorDriver, clients: number): Promise<WarmUp> {
  const warm: WarmUp = { attempts: 0, reached: 0, subscriptionErrors: 0, firstSubscriptionError: null };
  while (warm.attempts < 10 && warm.reached < clients && warm.subscriptionErrors < clients) {
    warm.attempts += 1;
    const seq = await driver.send(`warm-up ${warm.attempts}`);
    if (seq === null) {
      await sleep(500);
      continue;
    }
    const reply = await worker.awaitSeq(seq, 2_000);
    Object.assign(warm, {
      reached: reply.reached,
      subscriptionErrors: reply.subscriptionErrors,
      firstSubscriptionError: reply.firstSubscriptionError,
    });
  }
  return warm;
}

export interface WarmUp {
  attempts: number;
  /** Subscribers that received a warm-up event (all of them, when every subscription is live). */
  reached: number;
  subscriptionErrors: number;
  firstSubscriptionError: string | null;
}

/** Runs one measured phase: `drive` makes the events; then waits for every delivery (bounded) and asks the worker. */
export async function measurePhase(
  worker: LoadWorker,
  stamps: Map<number, number>,
  drive: () => Promise<void>,
  capture: boolean,
): Promise<{ report: DeliveryReport; load: PhaseLoad }> {
  await worker.reset();
  stamps.clear();
  const meter = await loadMeter(worker);
  await drive();
  if (stamps.size > 0) await worker.awaitSeq(Math.max(...stamps.keys()), 30_000);
  const load = await meter();
  const report = await worker.report(stamps, capture);
  if (report.delivered > 0)
    load.serverCpuMicrosPerDelivery = round2((load.serverCpuMs * 1000) / report.delivered);
  return { report, load };
}

function phaseReport(
  driver: VisitorDriver,
  stamps: Map<number, number>,
  measured: { report: DeliveryReport; load: PhaseLoad },
): PhaseReport {
  const times = [...stamps.values()];
  const span = times.length > 1 ? Math.max(...times) - Math.min(...times) : 0;
  const { captured: _captured, ...delivery } = measured.report;
  return {
    events: stamps.size,
    driver: {
      sent: driver.latencies.length,
      failed: { ...driver.failed },
      mutationLatency: summarize(driver.latencies),
      committedPerSecond: span > 0 ? round2(((stamps.size - 1) / span) * 1000) : 0,
    },
    delivery,
    deliveredPerSecond: delivery.wallMs > 0 ? round2((delivery.delivered / delivery.wallMs) * 1000) : 0,
    load: measured.load,
  };
}

export interface GraphqlWsFanOut {
  connect: ConnectReply;
  warmUp: WarmUp;
  /** Why nothing was measured (no subscription went live), when so. */
  failure?: string;
  paced?: PhaseReport;
  burst?: PhaseReport;
  /** The `next` messages the first client received, per phase, for the raw baseline to replay. */
  payloads: { paced: string[]; burst: string[] };
}

export async function runGraphqlWsFanOut(
  worker: LoadWorker,
  options: FanOutOptions,
): Promise<GraphqlWsFanOut> {
  const backend = await startTestBackend();
  try {
    const ada: Session = await login(backend.url, 'demo', 'ada@demo.test');
    await holdWaitLimit(backend.url, ada);
    const driver = new VisitorDriver(backend.url, await openVisitors(backend.url, options.visitors));
    const stamps = stampPublishes(backend);
    note(`fan-out (graphql-ws): connecting ${options.clients} clients`);
    const connect = await worker.connect('graphql-ws', backend.url, ada.token, BOARD_EVENTS, options.clients);
    const warm = await warmUp(worker, driver, connect.connected);
    note(`fan-out (graphql-ws): ${connect.connected} connected, warm-up reached ${warm.reached}`);
    if (warm.reached === 0) {
      await worker.disconnect();
      const reason = `no subscription went live (${warm.subscriptionErrors} failed; first: ${warm.firstSubscriptionError ?? connect.firstError ?? 'none'})`;
      return { connect, warmUp: warm, failure: reason, payloads: { paced: [], burst: [] } };
    }
    note('fan-out (graphql-ws): paced phase');

    driver.reset();
    const interval = 1000 / options.pacedPerSecond;
    const paced = await measurePhase(
      worker,
      stamps,
      async () => {
        const start = performance.now();
        const sends: Promise<unknown>[] = [];
        for (let i = 0; i < options.pacedEvents; i += 1) {
          const wait = start + i * interval - performance.now();
          if (wait > 0) await sleep(wait);
          sends.push(driver.send(`paced ${i}`));
        }
        await Promise.all(sends);
      },
      true,
    );
    const pacedReport = phaseReport(driver, stamps, paced);

    note('fan-out (graphql-ws): burst phase');
    driver.reset();
    const burst = await measurePhase(
      worker,
      stamps,
      async () => {
        let next = 0;
        const lane = async (): Promise<void> => {
          while (next < options.burstEvents) {
            const i = next++;
            await driver.send(`burst ${i}`);
          }
        };
        await Promise.all(Array.from({ length: options.burstConcurrency }, lane));
      },
      true,
    );
    const burstReport = phaseReport(driver, stamps, burst);
    await worker.disconnect();
    return {
      connect,
      warmUp: warm,
      paced: pacedReport,
      burst: burstReport,
      payloads: { paced: paced.report.captured ?? [], burst: burst.report.captured ?? [] },
    };
  } finally {
    await backend.stop();
  }
}
