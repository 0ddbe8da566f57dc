/**
 * The supervisor's live metrics (issue 13, items 1 and 2): one `liveMetrics` subscription per
 * signed-in administrator with the monitoring plan. Every event is a whole snapshot, so a
 * reconnect needs no cursor: the server answers a new subscription with the snapshot of now.
 * The latest snapshot is kept for a renderer that (re)loads later; each new one is pushed as
 * the 'metrics/live' event. Also the tenant's open help requests, read on request.
 */
import * as docs from '../../shared/graphql/documents';
import type { IpcError, LiveMetrics, OpenHelpRequest } from '../../shared/ipc/contract';
import { fromGraphQLErrors } from './failures';
import type { BackendClient } from './graphql-client';
import { backoffDelay, type BackoffOptions, DEFAULT_BACKOFF } from './ports';

/** Codes after which subscribing again cannot help. */
const FINAL_CODES = new Set(['FORBIDDEN', 'NOT_FOUND', 'PLAN_REQUIRED', 'BAD_USER_INPUT']);

export interface LiveMetricsFeedOptions {
  client: BackendClient;
  onSnapshot(metrics: LiveMetrics): void;
  onRefused?(error: IpcError): void;
  reauthenticate?(): Promise<void>;
  backoff?: BackoffOptions;
}

/** The liveMetrics subscription, kept open (with backoff) until stopped or refused for good. */
export class LiveMetricsFeed {
  private unsubscribe: (() => void) | null = null;
  private stopped = true;
  private attempts = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private snapshot: LiveMetrics | null = null;

  constructor(private readonly options: LiveMetricsFeedOptions) {}

  /** The latest snapshot, null before the first. */
  get latest(): LiveMetrics | null {
    return this.snapshot;
  }

  start(): void {
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const unsubscribe = this.unsubscribe;
    this.unsubscribe = null;
    unsubscribe?.();
  }

  /** The latest snapshot, or the liveMetrics query's answer before the stream's first. */
  async current(): Promise<LiveMetrics> {
    if (this.snapshot) return this.snapshot;
    const { liveMetrics } = await this.options.client.query<{ liveMetrics: LiveMetrics }>(
      docs.LIVE_METRICS_QUERY,
    );
    return this.snapshot ?? liveMetrics;
  }

  private refuse(error: IpcError): void {
    this.stop();
    this.options.onRefused?.(error);
  }

  private open(): void {
    if (this.stopped) return;
    let ended = false;
    const end = (error?: unknown) => {
      if (ended) return;
      ended = true;
      this.unsubscribe = null;
      if (!this.stopped) void this.retryAfter(error);
    };
    this.unsubscribe = this.options.client.subscribe<{ liveMetrics: LiveMetrics }>(
      { query: docs.LIVE_METRICS_SUBSCRIPTION },
      {
        next: (result) => {
          if (ended || this.stopped) return;
          if (result.errors && result.errors.length > 0) {
            const refusal = fromGraphQLErrors(result.errors);
            if (FINAL_CODES.has(refusal.code)) {
              ended = true;
              this.refuse(refusal);
              return;
            }
          }
          const metrics = result.data?.liveMetrics;
          if (!metrics) return;
          this.attempts = 0;
          this.snapshot = metrics;
          this.options.onSnapshot(metrics);
        },
        error: (error) => {
          if (Array.isArray(error)) {
            const refusal = fromGraphQLErrors(
              error as { message: string; extensions?: Record<string, unknown> }[],
            );
            if (FINAL_CODES.has(refusal.code)) {
              ended = true;
              this.refuse(refusal);
              return;
            }
          }
          end(error);
        },
        complete: () => end(),
      },
    );
  }

  private async retryAfter(error: unknown): Promise<void> {
    const code = (error as { code?: number } | undefined)?.code;
    if ((code === 4401 || code === 4403) && this.options.reauthenticate) {
      await this.options.reauthenticate().catch(() => undefined);
    }
    if (this.stopped) return;
    const delay = backoffDelay(this.attempts++, this.options.backoff ?? DEFAULT_BACKOFF);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.open();
    }, delay);
  }
}

/** The tenant's open help requests, the longest waiting first. */
export async function openHelpRequests(client: BackendClient): Promise<OpenHelpRequest[]> {
  return (await client.query<{ helpRequests: OpenHelpRequest[] }>(docs.HELP_REQUESTS)).helpRequests;
}
