import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 between a client and a backend, under a test's control: it can
 * point at a backend that came back on another port, and cut the network for a while.
 *
 * A cut is what a pulled cable looks like: connections open at the time stall (nothing
 * passes either way, nothing is lost: TCP would hold the bytes too) until the peer gives up
 * on them, and every new connection is refused with a reset. `restore()` lets the stalled
 * connections that are still open carry on and accepts new ones again.
 */
export interface TcpProxy {
  /** The proxy's port on 127.0.0.1. */
  readonly port: number;
  /** Connections accepted and passed to the backend so far. */
  readonly accepted: number;
  /** Connections refused during cuts so far. */
  readonly refused: number;
  /** Connections open now (stalled ones included). */
  readonly open: number;
  /** Sends later connections to another backend port (those open now stay where they are). */
  retarget(port: number): void;
  cut(): void;
  restore(): void;
  /** Closes the proxy and every connection through it. */
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  upstream: Socket;
  stalled: boolean;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  let target = targetPort;
  let cut = false;
  let accepted = 0;
  let refused = 0;
  const pairs = new Set<Pair>();

  const flow = (pair: Pair): void => {
    pair.stalled = false;
    pair.client.pipe(pair.upstream);
    pair.upstream.pipe(pair.client);
  };
  const stall = (pair: Pair): void => {
    pair.stalled = true;
    pair.client.unpipe(pair.upstream);
    pair.upstream.unpipe(pair.client);
    pair.client.pause();
    pair.upstream.pause();
  };

  const server: Server = createServer((client) => {
    if (cut) {
      refused += 1;
      client.resetAndDestroy();
      return;
    }
    accepted += 1;
    const upstream = connect({ host: '127.0.0.1', port: target });
    const pair: Pair = { client, upstream, stalled: false };
    pairs.add(pair);
    const end = (): void => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    flow(pair);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the proxy has no TCP port');

  return {
    port: address.port,
    get accepted() {
      return accepted;
    },
    get refused() {
      return refused;
    },
    get open() {
      return pairs.size;
    },
    retarget(port) {
      target = port;
    },
    cut() {
      cut = true;
      for (const pair of pairs) stall(pair);
    },
    restore() {
      cut = false;
      for (const pair of pairs) if (pair.stalled) flow(pair);
    },
    async close() {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.upstream.destroy();
      }
      pairs.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
