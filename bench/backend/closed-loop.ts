import http from 'node:http';
import { sleep, summarize } from './stats';
import type { LoadReply, LoadSpec } from './worker-protocol';

/**
 * The worker's closed-loop HTTP load: `spec.loops.length` concurrent loops, each POSTing its
 * own GraphQL operation to `spec.url` and sending the next as soon as the previous answered,
 * over a keep-alive agent with one socket per loop (as a console or an agent's browser keeps
 * its connection). The first `warmupMs` are not measured; a request counts when it completes
 * inside the measured window, so the rate is completions per second of the window.
 */

interface Outcome {
  ok: boolean;
  /** `extensions.code` of the first GraphQL error, `HTTP_<status>`, `NO_DATA` or `NETWORK`. */
  code: string | null;
  message: string | null;
}

function classify(status: number, text: string): Outcome {
  let json: { data?: unknown; errors?: { message?: string; extensions?: { code?: unknown } }[] };
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    return { ok: false, code: `HTTP_${status}`, message: text.slice(0, 200) };
  }
  const error = json.errors?.[0];
  if (error) {
    const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'GRAPHQL_ERROR';
    return { ok: false, code, message: error.message ?? null };
  }
  if (status !== 200) return { ok: false, code: `HTTP_${status}`, message: text.slice(0, 200) };
  if (json.data === null || json.data === undefined) return { ok: false, code: 'NO_DATA', message: null };
  return { ok: true, code: null, message: null };
}

function post(
  agent: http.Agent,
  target: URL,
  body: string,
  token: string | undefined,
  sockets: WeakSet<object>,
  onNewSocket: () => void,
): Promise<Outcome> {
  return new Promise((resolve) => {
    const request = http.request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve(classify(response.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'))),
        );
        response.on('error', (error) => resolve({ ok: false, code: 'NETWORK', message: error.message }));
      },
    );
    request.on('socket', (socket) => {
      if (!sockets.has(socket)) {
        sockets.add(socket);
        onNewSocket();
      }
    });
    request.on('error', (error) => resolve({ ok: false, code: 'NETWORK', message: error.message }));
    request.end(body);
  });
}

/** Runs the load described by `spec` and reports what the measured window saw. */
export async function runClosedLoop(spec: LoadSpec): Promise<LoadReply> {
  const target = new URL(spec.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.loops.length });
  const sockets = new WeakSet<object>();
  let socketsOpened = 0;
  const latencies: number[] = [];
  const failed: Record<string, number> = {};
  let firstError: string | null = null;
  let ok = 0;
  let warmup = { ok: 0, failed: 0 };
  let tail = { ok: 0, failed: 0 };
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const windowStart = t0 + spec.warmupMs;
  const windowEnd = windowStart + spec.durationMs;

  const loop = async (index: number): Promise<void> => {
    const { token, query, variables = {}, keyVariable } = spec.loops[index] as LoadSpec['loops'][number];
    for (let n = 0; performance.now() < windowEnd; n += 1) {
      const vars = keyVariable
        ? { ...variables, [keyVariable]: `${spec.keyPrefix}-${index}-${n}` }
        : variables;
      const body = JSON.stringify({ query, variables: vars });
      const started = performance.now();
      const outcome = await post(agent, target, body, token, sockets, () => (socketsOpened += 1));
      const finished = performance.now();
      if (!outcome.ok) firstError ??= `${outcome.code ?? 'UNKNOWN'}: ${outcome.message ?? ''}`;
      if (finished < windowStart) {
        warmup = outcome.ok ? { ...warmup, ok: warmup.ok + 1 } : { ...warmup, failed: warmup.failed + 1 };
      } else if (finished > windowEnd) {
        tail = outcome.ok ? { ...tail, ok: tail.ok + 1 } : { ...tail, failed: tail.failed + 1 };
      } else if (outcome.ok) {
        ok += 1;
        latencies.push(finished - started);
      } else {
        const code = outcome.code ?? 'UNKNOWN';
        failed[code] = (failed[code] ?? 0) + 1;
      }
      // A refused connection answers at once: do not spin on it.
      if (outcome.code === 'NETWORK') await sleep(10);
    }
  };

  await Promise.all(spec.loops.map((_, index) => loop(index)));
  const cpu = process.cpuUsage(cpu0);
  const clientCpuPct = Math.round(((cpu.user + cpu.system) / 1000 / (performance.now() - t0)) * 1000) / 10;
  agent.destroy();
  const failedCount = Object.values(failed).reduce((sum, n) => sum + n, 0);
  return {
    loops: spec.loops.length,
    windowMs: spec.durationMs,
    ok,
    failed,
    failedCount,
    firstError,
    okPerSecond: Math.round((ok / spec.durationMs) * 1000 * 100) / 100,
    latency: summarize(latencies),
    warmup,
    tail,
    socketsOpened,
    clientCpuPct,
    ...(spec.keepSamples ? { samples: latencies.map((ms) => Math.round(ms * 100) / 100) } : {}),
  };
}
