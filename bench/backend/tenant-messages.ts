import { SEND_MESSAGE } from '../../shared/graphql/documents';
import { benchAgentsWithEnquiries } from './bench-agents';
import { skippedFor, startBenchBackend, type StoreChoice } from './bench-backend';
import type { BenchConfig } from './config';
import { loadMeter, type PhaseLoad } from './fan-out';
import type { LoadWorker } from './load-client';
import { holdWaitLimit } from './take-over-setup';
import { note } from './stats';
import { login } from '../../tests/support/backend-client';
import type { LoadReply } from './worker-protocol';

/**
 * One tenant's message throughput through the public API: `concurrency` distinct agents of
 * the demo tenant, each sending `sendMessage` (the console's SendMessage document, with a
 * fresh idempotency key every time) into its own Handling enquiry, back to back over a
 * keep-alive HTTP connection, from the load worker process. Then a check that every
 * acknowledged message is in the store.
 */

export interface MessagesReport {
  store: StoreChoice;
  storage: string;
  senders: number;
  /** The measured window (see LoadReply): ok/s, latency, refusals by code. */
  load: LoadReply;
  messagesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU of this (the backend's) process and of the load worker, event-loop delay. */
  processLoad: PhaseLoad;
  /** Acknowledged messages (warm-up and tail included) against the bench's messages in the store. */
  persisted: { acknowledged: number; stored: number | null; match: boolean | null; note?: string };
  /** False when any request of the run was refused or failed (the figures then say less). */
  clean: boolean;
}

export type MessagesResult = MessagesReport | { store: StoreChoice; skipped: true; reason: string };

async function storedBenchMessages(count: (sql: string) => Promise<{ n: number }[]>): Promise<number> {
  const rows = await count(
    `select count(*)::int as n from messages
      where kind = 'TEXT' and author_id like 'stf_bench_agent_%' and text like 'Bench message%'`,
  );
  return Number(rows[0]?.n ?? 0);
}

export async function runTenantMessages(
  worker: LoadWorker,
  config: BenchConfig,
  store: StoreChoice,
): Promise<MessagesResult> {
  let bench;
  try {
    bench = await startBenchBackend(store, config.embeddedMode);
  } catch (error) {
    return { store, ...skippedFor(error) };
  }
  const { backend } = bench;
  try {
    const ada = await login(backend.url, 'demo', 'ada@demo.test');
    await holdWaitLimit(backend.url, ada);
    note(`messages (${store}): ${config.concurrency} agents sign in and pick up an enquiry each`);
    const agents = await benchAgentsWithEnquiries(backend, config.concurrency);
    note(`messages (${store}): ${(config.warmupMs + config.durationMs) / 1000} s of sendMessage`);
    const meter = await loadMeter(worker);
    const load = await worker.load({
      url: backend.url,
      loops: agents.map((agent, i) => ({
        token: agent.session.token,
        query: SEND_MESSAGE,
        variables: { enquiryId: agent.enquiryId, text: `Bench message from agent ${i}` },
        keyVariable: 'idempotencyKey',
      })),
      keyPrefix: `bench-msg-${store}-${Date.now()}`,
      warmupMs: config.warmupMs,
      durationMs: config.durationMs,
    });
    const processLoad = await meter();
    const acknowledged = load.warmup.ok + load.ok + load.tail.ok;
    let persisted: MessagesReport['persisted'];
    try {
      const stored = await storedBenchMessages((sql) => backend.services.store.query<{ n: number }>(sql));
      persisted = { acknowledged, stored, match: stored === acknowledged };
    } catch (error) {
      persisted = { acknowledged, stored: null, match: null, note: `not checked: ${String(error)}` };
    }
    const clean = load.failedCount === 0 && load.warmup.failed === 0 && load.tail.failed === 0;
    if (!clean)
      note(`messages (${store}): requests failed: ${JSON.stringify(load.failed)}; ${load.firstError}`);
    return {
      store,
      storage: bench.storage,
      senders: agents.length,
      load,
      messagesPerSecond: load.okPerSecond,
      p50Ms: load.latency.p50Ms,
      p99Ms: load.latency.p99Ms,
      processLoad,
      persisted,
      clean,
    };
  } finally {
    await bench.dispose();
  }
}
