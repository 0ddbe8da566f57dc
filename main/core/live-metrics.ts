/**
 * The supervisor's live metrics (issue 13, items 1 and 2): one `liveMetrics` subscription per
 * signed-in administrator with the monitoring plan. Every event is a whole snapshot, so a
 * reconnect needs no cursor: the server answers a new subscription with the snapshot of now.
 * The latest snapshot is kept for a renderer that (re)loads later; each new one is pushed as
 * the 'metrics/live' event. Also the tenant's open help requests, read on request.
 */
import * as docs from '../../shared/graphql/documents';
import type { IpcError, LiveMetrics, OpenHelpRequest } from '../../shared/ipc/contract';
import type { BackendClient } from './graphql-client';
import type { BackoffOptions } from './ports';
import { KeptSubscription } from './streams';

export interface LiveMetricsFeedOptions {
  client: BackendClient;
  onSnapshot(metrics: LiveMetrics): void;
  onRefused?(error: IpcError): void;
  reauthenticate?(): Promise<void>;
  backoff?: BackoffOptions;
}

/** The liveMetrics subscription, kept open (with backoff) until stopped or refused for good. */
export class LiveMetricsFeed {
  private readonly subscription: KeptSubscription<LiveMetrics>;
  private snapshot: LiveMetrics | null = null;

  constructor(private readonly options: LiveMetricsFeedOptions) {
    const { onRefused, reauthenticate } = options;
    this.subscription = new KeptSubscription<LiveMetrics>({
      client: options.client,
      payload: { query: docs.LIVE_METRICS_SUBSCRIPTION },
      field: 'liveMetrics',
      onValue: (metrics) => {
        this.snapshot = metrics;
        options.onSnapshot(metrics);
      },
      onRefused: onRefused && ((error) => onRefused.call(options, error)),
      reauthenticate: reauthenticate && (() => reauthenticate.call(options)),
      backoff: options.backoff,
    });
  }

  /** The latest snapshot, null before the first. */
  get latest(): LiveMetrics | null {
    return this.snapshot;
  }

  start(): void {
    this.subscription.start();
  }

  stop(): void {
    this.subscription.stop();
  }

  /** The latest snapshot, or the liveMetrics query's answer before the stream's first. */
  async current(): Promise<LiveMetrics> {
    if (this.snapshot) return this.snapshot;
    const { liveMetrics } = await this.options.client.query<{ liveMetrics: LiveMetrics }>(
      docs.LIVE_METRICS_QUERY,
    );
    return this.snapshot ?? liveMetrics;
  }
}

/** The tenant's open help requests, the longest waiting first. */
export async function openHelpRequests(client: BackendClient): Promise<OpenHelpRequest[]> {
  return (await client.query<{ helpRequests: OpenHelpRequest[] }>(docs.HELP_REQUESTS)).helpRequests;
}
