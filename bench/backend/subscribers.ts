import { randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { summarize, wallNow } from './stats';
import type { AwaitReply, ConnectReply, DeliveryReport, SubscriberKind } from './worker-protocol';

/**
 * The worker's side of fan-out: N subscribers (graphql-ws clients subscribed to boardEvents,
 * or plain `ws` clients), each recording which seq it received and when.
 */

interface Subscriber {
  seqs: number[];
  at: number[];
  maxSeq: number;
  close(): void;
}

type BoardNext = { data?: { boardEvents?: { seq?: number } } | null };

export class SubscriberPool {
  private subscribers: Subscriber[] = [];
  private captured = new Map<number, string>();
  private waiter: { seq: number; reached: number; resolve: () => void } | null = null;
  private subscriptionErrors = 0;
  private firstSubscriptionError: string | null = null;

  /** Opens `count` subscribers, `batch` at a time, each waiting for its connection (bounded by 10 s). */
  async connect(
    kind: SubscriberKind,
    url: string,
    token: string,
    query: string,
    count: number,
    batch: number,
  ): Promise<ConnectReply> {
    const started = performance.now();
    let failed = 0;
    let firstError: string | null = null;
    for (let i = 0; i < count; i += batch) {
      const size = Math.min(batch, count - i);
      const opened = await Promise.allSettled(
        Array.from({ length: size }, (_, j) =>
          kind === 'graphql-ws' ? this.openGraphqlWs(url, token, query, i + j === 0) : this.openRaw(url),
        ),
      );
      for (const result of opened) {
        if (result.status === 'fulfilled') this.subscribers.push(result.value);
        else {
          failed += 1;
          firstError ??= String(result.reason);
        }
      }
    }
    return { connected: this.subscribers.length, failed, ms: performance.now() - started, firstError };
  }

  /** Resolves once every subscriber received `seq` or later, or at the timeout. */
  async awaitSeq(seq: number, timeoutMs: number): Promise<AwaitReply> {
    const started = performance.now();
    const reachedNow = (): number => this.subscribers.filter((s) => s.maxSeq >= seq).length;
    if (reachedNow() < this.subscribers.length) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.waiter = null;
          resolve();
        }, timeoutMs);
        this.waiter = {
          seq,
          reached: reachedNow(),
          resolve: () => {
            clearTimeout(timer);
            this.waiter = null;
            resolve();
          },
        };
      });
    }
    return {
      reached: reachedNow(),
      ms: performance.now() - started,
      subscriptionErrors: this.subscriptionErrors,
      firstSubscriptionError: this.firstSubscriptionError,
    };
  }

  /** Forgets what was received so far (between warm-up and measured phases). */
  reset(): void {
    for (const s of this.subscribers) {
      s.seqs = [];
      s.at = [];
    }
    this.captured.clear();
  }

  /** Judges the deliveries of the stamped events: latency, completeness, order. */
  report(stamps: [number, number][], capture: boolean): DeliveryReport {
    const stampOf = new Map(stamps);
    const expectedSeqs = [...stampOf.keys()].sort((a, b) => a - b);
    const latencies: number[] = [];
    let missing = 0;
    let duplicates = 0;
    let outOfOrder = 0;
    let unexpected = 0;
    let clientsComplete = 0;
    let lastReceipt = 0;
    for (const s of this.subscribers) {
      const seen = new Set<number>();
      let previous = -Infinity;
      let ordered = true;
      for (let k = 0; k < s.seqs.length; k += 1) {
        const seq = s.seqs[k] as number;
        const stamp = stampOf.get(seq);
        if (stamp === undefined) {
          unexpected += 1;
          continue;
        }
        if (seen.has(seq)) duplicates += 1;
        seen.add(seq);
        if (seq <= previous) {
          outOfOrder += 1;
          ordered = false;
        }
        previous = seq;
        const at = s.at[k] as number;
        latencies.push(at - stamp);
        if (at > lastReceipt) lastReceipt = at;
      }
      const lacking = expectedSeqs.length - seen.size;
      missing += lacking;
      if (lacking === 0 && ordered && seen.size === s.seqs.length) clientsComplete += 1;
    }
    const firstStamp = Math.min(...stampOf.values());
    const captured = capture
      ? expectedSeqs.map((seq) => this.captured.get(seq)).filter((m): m is string => m !== undefined)
      : [];
    const bytes = captured.reduce((sum, m) => sum + Buffer.byteLength(m), 0);
    return {
      clients: this.subscribers.length,
      events: expectedSeqs.length,
      delivered: latencies.length,
      expected: expectedSeqs.length * this.subscribers.length,
      wallMs: lastReceipt > 0 ? lastReceipt - firstStamp : 0,
      latency: summarize(latencies),
      clientsComplete,
      missing,
      duplicates,
      outOfOrder,
      unexpected,
      ...(capture ? { captured } : {}),
      meanMessageBytes: captured.length > 0 ? Math.round(bytes / captured.length) : 0,
    };
  }

  disconnect(): void {
    for (const s of this.subscribers) s.close();
    this.subscribers = [];
    this.subscriptionErrors = 0;
    this.firstSubscriptionError = null;
  }

  private record(subscriber: Subscriber, seq: number, at: number): void {
    subscriber.seqs.push(seq);
    subscriber.at.push(at);
    if (seq > subscriber.maxSeq) {
      const before = subscriber.maxSeq;
      subscriber.maxSeq = seq;
      const waiter = this.waiter;
      if (waiter && before < waiter.seq && seq >= waiter.seq) {
        waiter.reached += 1;
        if (waiter.reached >= this.subscribers.length) waiter.resolve();
      }
    }
  }

  private failed(error: unknown): void {
    this.subscriptionErrors += 1;
    if (this.firstSubscriptionError === null) {
      const code = (error as { code?: unknown; reason?: unknown } | null)?.code;
      this.firstSubscriptionError =
        typeof code === 'number'
          ? `socket closed ${code} ${String((error as { reason?: unknown }).reason ?? '')}`
          : JSON.stringify(error);
    }
  }

  private openGraphqlWs(url: string, token: string, query: string, captures: boolean): Promise<Subscriber> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('graphql-ws connect timed out')), 10_000);
      const client: Client = createClient({
        url: url.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
        lazy: true,
        retryAttempts: 0,
        on: {
          connected: () => {
            clearTimeout(timer);
            resolve(subscriber);
          },
          closed: (event) => {
            clearTimeout(timer);
            reject(new Error(`graphql-ws closed: ${String((event as { code?: number }).code)}`));
          },
        },
      });
      const id = randomUUID();
      const subscriber: Subscriber = { seqs: [], at: [], maxSeq: -1, close: () => void client.dispose() };
      client.subscribe<BoardNext['data']>(
        { query },
        {
          next: (result) => {
            const at = wallNow();
            const seq = (result as BoardNext).data?.boardEvents?.seq;
            if (typeof seq !== 'number') return;
            if (captures) this.captured.set(seq, JSON.stringify({ id, type: 'next', payload: result }));
            this.record(subscriber, seq, at);
          },
          error: (error) => this.failed(error),
          complete: () => undefined,
        },
      );
    });
  }

  private openRaw(url: string): Promise<Subscriber> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      const subscriber: Subscriber = { seqs: [], at: [], maxSeq: -1, close: () => socket.terminate() };
      const timer = setTimeout(() => reject(new Error('ws connect timed out')), 10_000);
      socket.on('open', () => {
        clearTimeout(timer);
        resolve(subscriber);
      });
      socket.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as { payload?: BoardNext };
        const at = wallNow();
        const seq = message.payload?.data?.boardEvents?.seq;
        if (typeof seq === 'number') this.record(subscriber, seq, at);
      });
    });
  }
}
