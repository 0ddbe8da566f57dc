import type { LatencySummary } from './stats';

/**
 * The messages between the bench (which runs the servers) and its load worker (a separate
 * Node process that runs the clients, so that clients and servers each have a core).
 */

/** Which kind of subscriber the worker opens. */
export type SubscriberKind = 'graphql-ws' | 'raw-ws';

export type WorkerCommand =
  | { cmd: 'race'; url: string; requests: { token: string; body: string }[] }
  | {
      cmd: 'connect';
      kind: SubscriberKind;
      url: string;
      token: string;
      query: string;
      clients: number;
      batch: number;
    }
  | { cmd: 'await'; seq: number; timeoutMs: number }
  | { cmd: 'reset' }
  | { cmd: 'report'; stamps: [seq: number, at: number][]; capture: boolean }
  | { cmd: 'disconnect' }
  | { cmd: 'cpu' }
  | { cmd: 'load'; spec: LoadSpec };

export interface RaceReply {
  results: { ms: number; status: number; json: unknown }[];
}

export interface ConnectReply {
  connected: number;
  failed: number;
  ms: number;
  firstError: string | null;
}

export interface AwaitReply {
  /** Clients that received `seq` (or later) before the timeout. */
  reached: number;
  ms: number;
  /** Subscriptions that ended in an error (or whose socket closed) so far, and the first reason. */
  subscriptionErrors: number;
  firstSubscriptionError: string | null;
}

/** What the clients saw of one phase's events (those with a stamp). */
export interface DeliveryReport {
  clients: number;
  events: number;
  /** Deliveries of stamped events, across all clients. */
  delivered: number;
  /** Deliveries expected: clients × events. */
  expected: number;
  /** Latest receipt minus earliest stamp, milliseconds. */
  wallMs: number;
  /** Receipt minus stamp of each delivery. */
  latency: LatencySummary;
  /** Clients that received every event exactly once and in order. */
  clientsComplete: number;
  missing: number;
  duplicates: number;
  outOfOrder: number;
  /** Deliveries of seqs without a stamp (events nobody published in this phase). */
  unexpected: number;
  /** Serialized `next` messages of the first client, in seq order (when capture was asked). */
  captured?: string[];
  /** Mean size of those messages in bytes. */
  meanMessageBytes: number;
}

export interface CpuReply {
  /** process.cpuUsage() of the worker, microseconds. */
  user: number;
  system: number;
}

/** A closed-loop HTTP load (see closed-loop.ts): one entry of `loops` per concurrent client. */
export interface LoadSpec {
  url: string;
  loops: {
    /** Sent as `Authorization: Bearer <token>` when set. */
    token?: string;
    query: string;
    variables?: Record<string, unknown>;
    /** A variable set to a fresh `<keyPrefix>-<loop>-<n>` on every request (an idempotency key). */
    keyVariable?: string;
  }[];
  keyPrefix: string;
  warmupMs: number;
  durationMs: number;
  /** Return the window's ok latencies too (to merge phases exactly). */
  keepSamples?: boolean;
}

/** What the measured window of a closed-loop load saw. */
export interface LoadReply {
  loops: number;
  windowMs: number;
  /** Answers with data and no error, completed inside the window. */
  ok: number;
  /** Refusals and failures inside the window, by `extensions.code` (or HTTP_<status>, NETWORK). */
  failed: Record<string, number>;
  failedCount: number;
  /** The first failure of the whole run (warm-up included), code and message. */
  firstError: string | null;
  okPerSecond: number;
  /** Latency of the ok answers in the window, send to whole response. */
  latency: LatencySummary;
  /** Answers completed before the window (not measured) and after it (the requests in flight at its end). */
  warmup: { ok: number; failed: number };
  tail: { ok: number; failed: number };
  /** TCP connections the client opened (keep-alive: one per loop). */
  socketsOpened: number;
  /** CPU the load worker used over the whole load, % of one core (is the client the limit?). */
  clientCpuPct: number;
  /** The window's ok latencies (ms), when `keepSamples` was asked. */
  samples?: number[];
}

export type WorkerReply =
  RaceReply | ConnectReply | AwaitReply | DeliveryReport | CpuReply | LoadReply | { ok: true };

export interface WorkerEnvelope {
  id: number;
  command: WorkerCommand;
}

export interface WorkerResponse {
  id: number;
  reply?: WorkerReply;
  error?: string;
}
