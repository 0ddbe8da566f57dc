import http from 'node:http';
import type { RaceReply } from './worker-protocol';

/**
 * The take-over racers: one keep-alive socket per racer, opened (by a `{ __typename }` each)
 * before the race, so that the race measures the backend and not TCP set-up, as the raw
 * conditional-UPDATE racers it is compared with start from open connections too.
 */

const agents = new Map<string, http.Agent>();

function agentFor(origin: string, sockets: number): http.Agent {
  let agent = agents.get(origin);
  if (!agent || agent.maxSockets < sockets) {
    agent?.destroy();
    agent = new http.Agent({
      keepAlive: true,
      maxSockets: sockets,
      maxFreeSockets: sockets,
      scheduling: 'fifo',
    });
    agents.set(origin, agent);
  }
  return agent;
}

function post(
  agent: http.Agent,
  url: URL,
  token: string,
  body: string,
): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = null;
          try {
            json = JSON.parse(text);
          } catch {
            json = {
              errors: [{ message: text.slice(0, 200), extensions: { code: `HTTP_${response.statusCode}` } }],
            };
          }
          resolve({ status: response.statusCode ?? 0, json });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** Opens one socket per racer, then sends every request at once; latency is send to parsed reply. */
export async function race(url: string, requests: { token: string; body: string }[]): Promise<RaceReply> {
  const target = new URL(url);
  const agent = agentFor(target.origin, requests.length);
  const warm = JSON.stringify({ query: '{ __typename }' });
  await Promise.all(requests.map(({ token }) => post(agent, target, token, warm)));
  const results = await Promise.all(
    requests.map(async ({ token, body }) => {
      const started = performance.now();
      const reply = await post(agent, target, token, body);
      return { ms: performance.now() - started, status: reply.status, json: reply.json };
    }),
  );
  return { results };
}
