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
  | { cmd: 'cpu' };

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

export type WorkerReply = RaceReply | ConnectReply | AwaitReply | DeliveryReport | CpuReply | { ok: true };

export interface WorkerEnvelope {
  id: number;
  command: WorkerCommand;
}

export interface WorkerResponse {
  id: number;
  reply?: WorkerReply;
  error?: string;
}
