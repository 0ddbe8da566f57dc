/**
 * The one authenticated connection to the enquiry backend: urql over HTTP for queries and
 * mutations, graphql-ws (graphql-transport-ws) for subscriptions. `connectionParams` is a
 * function, so every (re)connect carries a fresh access token; retries back off with
 * jitter and never give up; a keep-alive ping detects a dead socket.
 */
import { Client, fetchExchange } from '@urql/core';
import type { AnyVariables } from '@urql/core';
import { createClient as createWsClient } from 'graphql-ws';
import type { Client as WsClient, ExecutionResult, SubscribePayload } from 'graphql-ws';
import WebSocket from 'ws';
import type { ConnectionState } from '../../shared/ipc/contract';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './ports';
import { fromCombinedError, SupervisorFailure } from './failures';

/** Where the connection stands, with a reason a person can read when it is not live. */
export interface ConnectionStatus {
  state: Exclude<ConnectionState, 'signed-out'>;
  detail: string | null;
}

export interface BackendClientOptions {
  /** http(s)://host:port/graphql */
  backendUrl: string;
  /** A fresh access token (refreshing first when needed), or null for anonymous calls. */
  accessToken(): Promise<string | null>;
  /** The backend rejected the token (HTTP UNAUTHENTICATED, WS 4401/4403). */
  onTokenRejected(): void;
  onStatus(status: ConnectionStatus): void;
  backoff?: BackoffOptions;
  /** Keep-alive ping interval; a missing pong within the same time closes the socket. */
  keepAliveMs?: number;
  /** The backend answered a keep-alive ping: the connection is known good as of now. */
  onHeartbeat?(): void;
}

/** Failed connection attempts after which the state says offline instead of reconnecting. */
const OFFLINE_AFTER_ATTEMPTS = 3;

/** The backend's WebSocket URL for its HTTP GraphQL URL. */
export function toWebSocketUrl(httpUrl: string): string {
  const url = new URL(httpUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/** Queries, mutations and subscriptions against one backend, for one signed-in staff member. */
export class BackendClient {
  private readonly http: Client;
  private readonly ws: WsClient;
  private failedAttempts = 0;
  private disposed = false;
  private pongTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: BackendClientOptions) {
    this.http = new Client({
      url: options.backendUrl,
      exchanges: [fetchExchange],
      requestPolicy: 'network-only',
    });
    const backoff = options.backoff ?? DEFAULT_BACKOFF;
    const keepAliveMs = options.keepAliveMs ?? 10_000;
    let socket: WebSocket | null = null;
    this.ws = createWsClient({
      url: toWebSocketUrl(options.backendUrl),
      webSocketImpl: WebSocket,
      lazy: true,
      retryAttempts: Infinity,
      shouldRetry: () => true,
      keepAlive: keepAliveMs,
      retryWait: async (retries) => {
        await new Promise((resolve) => setTimeout(resolve, backoffDelay(retries, backoff)));
      },
      connectionParams: async () => {
        const token = await options.accessToken();
        return token ? { authorization: `Bearer ${token}` } : {};
      },
      on: {
        connecting: (isRetry) => {
          if (this.disposed) return;
          if (!isRetry) options.onStatus({ state: 'connecting', detail: null });
        },
        connected: (s) => {
          socket = s as WebSocket;
          this.failedAttempts = 0;
          if (!this.disposed) options.onStatus({ state: 'live', detail: null });
        },
        ping: (received) => {
          if (received || !socket) return;
          const pinged = socket;
          this.clearPongTimer();
          this.pongTimer = setTimeout(() => {
            // No pong: the peer or the network is gone. Drop the socket at once; a closing
            // handshake would wait up to 30 s for an answer that cannot come, and the console
            // would say "live" all that time.
            if (pinged.readyState === WebSocket.OPEN) pinged.terminate();
          }, keepAliveMs);
        },
        pong: (received) => {
          if (!received) return;
          this.clearPongTimer();
          if (!this.disposed) options.onHeartbeat?.();
        },
        closed: (event) => {
          socket = null;
          this.clearPongTimer();
          if (this.disposed) return;
          const code = (event as { code?: number } | undefined)?.code;
          if (code === 4401 || code === 4403) options.onTokenRejected();
          this.failedAttempts += 1;
          const offline = this.failedAttempts >= OFFLINE_AFTER_ATTEMPTS;
          options.onStatus({
            state: offline ? 'offline' : 'reconnecting',
            detail: offline
              ? 'The enquiry backend cannot be reached. Retrying.'
              : code === 4401 || code === 4403
                ? 'Renewing the session.'
                : 'Connection lost. Reconnecting.',
          });
        },
      },
    });
  }

  /** Runs a query; throws SupervisorFailure on refusal. Retries once after a token refresh. */
  query<T>(document: string, variables: AnyVariables = {}): Promise<T> {
    return this.execute<T>('query', document, variables);
  }

  /** Runs a mutation; throws SupervisorFailure on refusal. Retries once after a token refresh. */
  mutate<T>(document: string, variables: AnyVariables = {}): Promise<T> {
    return this.execute<T>('mutation', document, variables);
  }

  /**
   * Subscribes. The payload object is sent again on every reconnect, so a caller that
   * updates `payload.variables.after` as events arrive resumes from its cursor.
   */
  subscribe<T>(
    payload: SubscribePayload,
    sink: { next(value: ExecutionResult<T>): void; error(error: unknown): void; complete(): void },
  ): () => void {
    return this.ws.subscribe<T>(payload, sink);
  }

  /** Drops the socket so that the next attempt reconnects (used after re-authentication). */
  reconnect(): void {
    this.ws.terminate();
  }

  /** Closes the socket for good. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.clearPongTimer();
    await this.ws.dispose();
  }

  private clearPongTimer(): void {
    if (this.pongTimer) clearTimeout(this.pongTimer);
    this.pongTimer = null;
  }

  private async execute<T>(
    kind: 'query' | 'mutation',
    document: string,
    variables: AnyVariables,
    retried = false,
  ): Promise<T> {
    let token: string | null;
    try {
      token = await this.options.accessToken();
    } catch (error) {
      if (error instanceof SupervisorFailure) throw error;
      throw new SupervisorFailure({ code: 'UNAUTHENTICATED', message: 'Sign in to continue.' });
    }
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    const context = { fetchOptions: { headers } };
    const result =
      kind === 'query'
        ? await this.http.query<T>(document, variables, context).toPromise()
        : await this.http.mutation<T>(document, variables, context).toPromise();
    if (result.error) {
      const failure = fromCombinedError(result.error);
      if (failure.code === 'UNAUTHENTICATED' && token && !retried) {
        this.options.onTokenRejected();
        return this.execute<T>(kind, document, variables, true);
      }
      throw new SupervisorFailure(failure);
    }
    if (result.data === undefined || result.data === null) {
      throw new SupervisorFailure({ code: 'INTERNAL', message: 'The enquiry backend sent no data.' });
    }
    return result.data;
  }
}
