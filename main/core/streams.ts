/**
 * Subscriptions kept open. {@link KeptSubscription}: resubscribed with backoff after a drop
 * (re-authenticating first when the backend refused the token) until stopped or refused for
 * good; the live metrics feed is one. {@link ResumableStream}: the event streams (board, each
 * open room, notifications) over it. Each keeps the cursor of the last event it delivered;
 * the cursor rides in the subscription's `after` variable, so every reconnect — graphql-ws's
 * own or ours after a fatal close — resumes from it. Events at or below the last delivered
 * sequence number are dropped: the consumer sees every event once, in order.
 */
import type { SubscribePayload } from 'graphql-ws';
import { backoffDelay, type BackoffOptions, DEFAULT_BACKOFF } from './ports';
import type { BackendClient } from './graphql-client';
import { fromGraphQLErrors } from './failures';
import type { IpcError } from '../../shared/ipc/contract';

/** Codes after which re-subscribing cannot help. */
const FINAL_CODES = new Set(['FORBIDDEN', 'NOT_FOUND', 'PLAN_REQUIRED', 'BAD_USER_INPUT']);

export interface KeptSubscriptionOptions<T> {
  client: BackendClient;
  /** Document and variables, read again at every (re)subscription. */
  payload: SubscribePayload;
  /** The root field each value arrives under. */
  field: string;
  /** Called once per value, in order. */
  onValue(value: T): void;
  /** The server refused the subscription for good (e.g. FORBIDDEN, NOT_FOUND). */
  onRefused?(error: IpcError): void;
  /** Called after the backend refused the token on a subscription; returns when re-authenticated. */
  reauthenticate?(): Promise<void>;
  backoff?: BackoffOptions;
}

/** One subscription kept open (with backoff) until stopped or refused for good. */
export class KeptSubscription<T> {
  private unsubscribe: (() => void) | null = null;
  private stopped = true;
  private attempts = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: KeptSubscriptionOptions<T>) {}

  /** Starts (or restarts) the subscription. */
  start(): void {
    this.stopped = false;
    this.open();
  }

  /** Ends the subscription; no more values are delivered. */
  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const unsubscribe = this.unsubscribe;
    this.unsubscribe = null;
    unsubscribe?.();
  }

  private open(): void {
    if (this.stopped) return;
    let ended = false;
    const end = (error?: unknown) => {
      if (ended) return;
      ended = true;
      this.unsubscribe = null;
      if (this.stopped) return;
      void this.retryAfter(error);
    };
    this.unsubscribe = this.options.client.subscribe<Record<string, T>>(this.options.payload, {
      next: (result) => {
        if (ended || this.stopped) return;
        if (result.errors && result.errors.length > 0) {
          const refusal = fromGraphQLErrors(result.errors);
          if (FINAL_CODES.has(refusal.code)) {
            this.options.onRefused?.(refusal);
            this.stop();
            return;
          }
        }
        const value = result.data?.[this.options.field];
        if (!value) return;
        this.attempts = 0;
        this.options.onValue(value);
      },
      error: (error) => {
        if (Array.isArray(error)) {
          const refusal = fromGraphQLErrors(
            error as { message: string; extensions?: Record<string, unknown> }[],
          );
          if (FINAL_CODES.has(refusal.code)) {
            ended = true;
            this.options.onRefused?.(refusal);
            this.stop();
            return;
          }
        }
        end(error);
      },
      // A subscription that completes while we still want it (server restart): resume.
      complete: () => end(),
    });
  }

  private async retryAfter(error: unknown): Promise<void> {
    const code = (error as { code?: number } | undefined)?.code;
    const refusal = Array.isArray(error)
      ? fromGraphQLErrors(error as { message: string; extensions?: Record<string, unknown> }[])
      : null;
    if (
      (code === 4401 || code === 4403 || refusal?.code === 'UNAUTHENTICATED') &&
      this.options.reauthenticate
    ) {
      try {
        await this.options.reauthenticate();
      } catch {
        // The session decides whether this ends it; we simply try again later.
      }
    }
    if (this.stopped) return;
    const delay = backoffDelay(this.attempts++, this.options.backoff ?? DEFAULT_BACKOFF);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.open();
    }, delay);
  }
}

/** What every stream event carries. */
export interface StreamEvent {
  cursor: string;
  seq: number;
}

export interface ResumableStreamOptions<T extends StreamEvent> {
  client: BackendClient;
  /** Subscription document. */
  query: string;
  /** The root field the event arrives under (boardEvents, roomEvents, notifications). */
  field: string;
  /** Variables besides `after`. */
  variables?: Record<string, unknown>;
  /** Resume point: deliver only events after this cursor (null: from the server's default). */
  after: string | null;
  /** Called once per event, in order. */
  onEvent(event: T): void;
  /** The server refused the stream for good (e.g. FORBIDDEN, NOT_FOUND). */
  onRefused?(error: IpcError): void;
  /** Called after the backend refused the token on a subscription; returns when re-authenticated. */
  reauthenticate?(): Promise<void>;
  backoff?: BackoffOptions;
}

/** One subscription that survives reconnects without loss or duplication. */
export class ResumableStream<T extends StreamEvent> {
  private readonly payload: SubscribePayload & { variables: Record<string, unknown> };
  private readonly subscription: KeptSubscription<T>;
  private lastSeq = -Infinity;

  constructor(options: ResumableStreamOptions<T>) {
    this.payload = { query: options.query, variables: { ...options.variables, after: options.after } };
    const { onRefused, reauthenticate } = options;
    this.subscription = new KeptSubscription<T>({
      client: options.client,
      payload: this.payload,
      field: options.field,
      onValue: (event) => {
        if (event.seq <= this.lastSeq) return;
        this.lastSeq = event.seq;
        this.payload.variables['after'] = event.cursor;
        options.onEvent(event);
      },
      onRefused: onRefused && ((error) => onRefused.call(options, error)),
      reauthenticate: reauthenticate && (() => reauthenticate.call(options)),
      backoff: options.backoff,
    });
  }

  /** The cursor of the last delivered event (or the starting cursor). */
  get cursor(): string | null {
    return (this.payload.variables['after'] as string | null | undefined) ?? null;
  }

  /** Starts (or restarts) the subscription from the current cursor. */
  start(): void {
    this.subscription.start();
  }

  /** Ends the subscription; no more events are delivered. */
  stop(): void {
    this.subscription.stop();
  }
}
