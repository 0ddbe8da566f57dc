/**
 * A signed-in session's own streams, started together after sign-in and stopped together:
 * the board's events (from the cursor read before any column was loaded), the supervisor's
 * notifications and, for administrators with the monitoring plan, the tenant's live
 * metrics. Each resumes after a drop and re-authenticates when the backend refuses the token.
 */
import type { BoardEvent, Notification } from '../../shared/domain';
import * as docs from '../../shared/graphql/documents';
import type { LiveMetrics } from '../../shared/ipc/contract';
import type { BackendClient } from './graphql-client';
import { LiveMetricsFeed } from './live-metrics';
import type { BackoffOptions } from './ports';
import { ResumableStream } from './streams';

export interface SessionStreamsOptions {
  client: BackendClient;
  /** Where the board stream starts: the tip, read before any column was loaded. */
  boardCursor: string;
  /** Whether to follow the tenant's live metrics (administrators with the monitoring plan). */
  liveMetrics: boolean;
  backoff?: BackoffOptions;
  onBoardEvent(event: BoardEvent): void;
  onNotification(notification: Notification): void;
  onLiveMetrics(metrics: LiveMetrics): void;
  /** After a 4401/4403 on a subscription; returns when re-authenticated. */
  reauthenticate(): Promise<void>;
}

/** The board, notification and live-metrics streams of one sign-in. */
export class SessionStreams {
  private readonly board: ResumableStream<BoardEvent>;
  private readonly notifications: ResumableStream<Notification>;
  /** The live metrics feed; null for those who do not follow them. */
  readonly metrics: LiveMetricsFeed | null;

  constructor(options: SessionStreamsOptions) {
    const { client, backoff } = options;
    const reauthenticate = () => options.reauthenticate();
    this.board = new ResumableStream<BoardEvent>({
      client,
      query: docs.BOARD_EVENTS,
      field: 'boardEvents',
      after: options.boardCursor,
      backoff,
      onEvent: (event) => options.onBoardEvent(event),
      reauthenticate,
    });
    this.notifications = new ResumableStream<Notification>({
      client,
      query: docs.NOTIFICATIONS,
      field: 'notifications',
      after: null,
      backoff,
      onEvent: (notification) => options.onNotification(notification),
      reauthenticate,
    });
    this.metrics = options.liveMetrics
      ? new LiveMetricsFeed({
          client,
          backoff,
          onSnapshot: (metrics) => options.onLiveMetrics(metrics),
          reauthenticate,
        })
      : null;
  }

  start(): void {
    this.board.start();
    this.notifications.start();
    this.metrics?.start();
  }

  /** Ends every stream; no more events are delivered. */
  stop(): void {
    this.board.stop();
    this.notifications.stop();
    this.metrics?.stop();
  }
}
