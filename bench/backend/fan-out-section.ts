import { runGraphqlWsFanOut, type FanOutOptions } from './fan-out';
import { withWorker } from './load-client';
import { runRawWsFanOut } from './raw-ws';
import { ratio } from './stats';

/**
 * The fan-out section: graphql-ws subscribers of boardEvents beside a raw `ws` broadcast of
 * the very same payloads to as many clients (see fan-out.ts and raw-ws.ts).
 */

export const FAN_OUT: FanOutOptions = {
  clients: 500,
  pacedEvents: 200,
  pacedPerSecond: 50,
  burstEvents: 300,
  burstConcurrency: 8,
  visitors: 50,
};

export async function runFanOutSection(): Promise<Record<string, unknown>> {
  const graphqlWs = await withWorker((worker) => runGraphqlWsFanOut(worker, FAN_OUT));
  const rawWs =
    graphqlWs.payloads.paced.length > 0
      ? await withWorker((worker) =>
          runRawWsFanOut(worker, {
            clients: FAN_OUT.clients,
            pacedPerSecond: FAN_OUT.pacedPerSecond,
            payloads: graphqlWs.payloads,
          }),
        )
      : null;
  const { payloads: _payloads, ...graphqlWsReport } = graphqlWs;
  return {
    clients: FAN_OUT.clients,
    subscription: 'boardEvents with the console document BOARD_EVENTS (shared/graphql/documents.ts)',
    driver:
      `sendVisitorMessage over HTTP from ${FAN_OUT.visitors} visitors (startEnquiry), round-robin; paced: ` +
      `${FAN_OUT.pacedEvents} at ${FAN_OUT.pacedPerSecond}/s; burst: ${FAN_OUT.burstEvents} with ${FAN_OUT.burstConcurrency} in flight`,
    commitStamp:
      'wall clock when the backend hands the committed event to pub/sub (pubsub.publish wrapped by the bench)',
    clientsProcess: 'all subscribers in one separate Node process (the load worker); servers in this one',
    graphqlWs: graphqlWsReport,
    rawWs: rawWs ?? { skipped: true, reason: 'no graphql-ws payloads to replay' },
    ratio: {
      pacedDeliveredPerSecond: ratio(graphqlWs.paced?.deliveredPerSecond, rawWs?.paced.deliveredPerSecond),
      pacedP99: ratio(graphqlWs.paced?.delivery.latency.p99Ms, rawWs?.paced.delivery.latency.p99Ms),
      burstDeliveredPerSecond: ratio(graphqlWs.burst?.deliveredPerSecond, rawWs?.burst.deliveredPerSecond),
      burstP99: ratio(graphqlWs.burst?.delivery.latency.p99Ms, rawWs?.burst.delivery.latency.p99Ms),
    },
  };
}
