import { startBareYoga } from './bare-yoga';
import { benchAgentSessions } from './bench-agents';
import { skippedFor, startBenchBackend, type BenchBackend, type StoreChoice } from './bench-backend';
import type { BenchConfig } from './config';
import type { LoadWorker } from './load-client';
import { note, ratio, round2, summarize, type LatencySummary } from './stats';
import type { LoadReply, LoadSpec } from './worker-protocol';

/**
 * The cost of a request before any domain work: `{ __typename }` with a valid Bearer token
 * against our backend (embedded and PostgreSQL) beside a bare graphql-yoga server with a
 * one-field schema, and `me` (the caller loaded). Same client (the load worker, closed loop,
 * `concurrency` keep-alive connections), same run. After an unmeasured priming load of each,
 * the phases are interleaved `typenameRounds` times, each round starting at the next target,
 * so that the machine's other work spreads over all of them alike.
 */

export interface RatePhase {
  /** Completed ok answers per second, over all rounds' windows. */
  requestsPerSecond: number;
  latency: LatencySummary;
  ok: number;
  failed: Record<string, number>;
  firstError: string | null;
  perRound: number[];
  /** The load worker's CPU per round, % of one core. */
  clientCpuPctPerRound: number[];
}

export interface RequestRatesReport {
  concurrency: number;
  rounds: number;
  windowMsPerRound: number;
  /** Each measured round's unmeasured start (the connections are opened anew per round). */
  warmupMsPerRound: number;
  bareYogaTypename: RatePhase;
  backends: Record<
    StoreChoice,
    | {
        storage: string;
        typename: RatePhase;
        me: RatePhase;
        typenameVsBareYoga: number | null;
        meVsBareYoga: number | null;
      }
    | { skipped: true; reason: string }
  >;
}

const TYPENAME = '{ __typename }';
const ME = '{ me { id name email role } }';

interface Target {
  name: string;
  spec: Omit<LoadSpec, 'warmupMs' | 'durationMs'>;
  replies: LoadReply[];
}

function merge(replies: LoadReply[]): RatePhase {
  const windowMs = replies.reduce((sum, r) => sum + r.windowMs, 0);
  const ok = replies.reduce((sum, r) => sum + r.ok, 0);
  const failed: Record<string, number> = {};
  for (const reply of replies)
    for (const [code, n] of Object.entries(reply.failed)) failed[code] = (failed[code] ?? 0) + n;
  const latency = summarize(replies.flatMap((r) => r.samples ?? []));
  return {
    requestsPerSecond: windowMs > 0 ? round2((ok / windowMs) * 1000) : 0,
    latency,
    ok,
    failed,
    firstError: replies.find((r) => r.firstError)?.firstError ?? null,
    perRound: replies.map((r) => r.okPerSecond),
    clientCpuPctPerRound: replies.map((r) => r.clientCpuPct),
  };
}

const loops = (query: string, tokens: (string | undefined)[]): LoadSpec['loops'] =>
  tokens.map((token) => ({ query, ...(token ? { token } : {}) }));

export async function runRequestRates(worker: LoadWorker, config: BenchConfig): Promise<RequestRatesReport> {
  const bare = await startBareYoga();
  const started: Partial<Record<StoreChoice, BenchBackend>> = {};
  const skipped: Partial<Record<StoreChoice, { skipped: true; reason: string }>> = {};
  try {
    const targets: Target[] = [
      {
        name: 'bare',
        spec: {
          url: bare.url,
          loops: loops(TYPENAME, Array(config.concurrency).fill(undefined)),
          keyPrefix: 'bare',
        },
        replies: [],
      },
    ];
    for (const store of ['embedded', 'postgres'] as const) {
      try {
        const bench = await startBenchBackend(store);
        started[store] = bench;
        note(`request rates (${store}): signing in ${config.concurrency} agents`);
        const tokens = (await benchAgentSessions(bench.backend, config.concurrency)).map((s) => s.token);
        const url = bench.backend.url;
        targets.push(
          {
            name: `${store}:typename`,
            spec: { url, loops: loops(TYPENAME, tokens), keyPrefix: 't' },
            replies: [],
          },
          { name: `${store}:me`, spec: { url, loops: loops(ME, tokens), keyPrefix: 'm' }, replies: [] },
        );
      } catch (error) {
        skipped[store] = skippedFor(error);
      }
    }
    // Priming: one unmeasured load per target, so that no target pays for the JIT or the
    // first connections in its measured rounds (the first target of a fresh worker would).
    for (const target of targets) {
      note(`request rates: priming ${target.name}`);
      await worker.load({ ...target.spec, warmupMs: 0, durationMs: Math.max(500, config.warmupMs) });
    }
    const windowMs = Math.max(250, Math.round(config.durationMs / config.typenameRounds));
    const warmupMs = Math.min(config.warmupMs, 300);
    for (let round = 0; round < config.typenameRounds; round += 1) {
      // Each round starts at the next target, so that none always runs first or last.
      for (let k = 0; k < targets.length; k += 1) {
        const target = targets[(round + k) % targets.length] as Target;
        note(`request rates: round ${round + 1}/${config.typenameRounds}, ${target.name}`);
        target.replies.push(
          await worker.load({ ...target.spec, warmupMs, durationMs: windowMs, keepSamples: true }),
        );
      }
    }
    const phase = (name: string): RatePhase => merge(targets.find((t) => t.name === name)?.replies ?? []);
    const bareYogaTypename = phase('bare');
    const backends = {} as RequestRatesReport['backends'];
    for (const store of ['embedded', 'postgres'] as const) {
      const bench = started[store];
      if (!bench) {
        backends[store] = skipped[store] ?? { skipped: true, reason: 'not started' };
        continue;
      }
      const typename = phase(`${store}:typename`);
      const me = phase(`${store}:me`);
      backends[store] = {
        storage: bench.storage,
        typename,
        me,
        typenameVsBareYoga: ratio(typename.requestsPerSecond, bareYogaTypename.requestsPerSecond),
        meVsBareYoga: ratio(me.requestsPerSecond, bareYogaTypename.requestsPerSecond),
      };
    }
    return {
      concurrency: config.concurrency,
      rounds: config.typenameRounds,
      windowMsPerRound: windowMs,
      warmupMsPerRound: warmupMs,
      bareYogaTypename,
      backends,
    };
  } finally {
    await bare.close();
    for (const bench of Object.values(started)) await bench.dispose();
  }
}
