import type { AddressInfo } from 'node:net';
import { ActorCache } from './auth/actor-cache';
import { openLimitStore, type LimitStore } from './auth/limit-store';
import { MutationLimits } from './auth/mutation-limits';
import { RateLimiter } from './auth/rate-limiter';
import { SessionService } from './auth/sessions';
import { TokenService } from './auth/tokens';
import { seedDemoWorld } from './demo/seed';
import { startSimulator } from './demo/simulator';
import { MonitorLeaseKeeper } from './domain/monitor-lease-keeper';
import { sweepWaitingEnquiries } from './domain/wait-timer';
import { TenantFeeds } from './events/tenant-feed';
import { createGraphqlServer, isLoopbackHost } from './graphql/server';
import { backendOptionsSchema, defaultDataDir, type BackendOptions } from './options';
import { createInProcessPubSub, type PubSub } from './pubsub/pubsub';
import { createRedisPubSub } from './pubsub/redis';
import { openEmbeddedStore } from './storage/embedded';
import { migrate } from './storage/migrations';
import { openPostgresStore } from './storage/postgres';
import { preflight } from './preflight';
import { listenFailure } from './startup-error';
import type { Store } from './storage/store';
import type { Services } from './services';

export type { BackendOptions } from './options';

/** A running backend instance. */
export interface RunningBackend {
  /** `http://HOST:PORT/graphql`: POST for queries and mutations, WebSocket for subscriptions. */
  url: string;
  port: number;
  host: string;
  /** Which storage and pub/sub this instance runs on. */
  mode: { store: Store['kind']; pubsub: PubSub['kind'] };
  services: Services;
  stop(): Promise<void>;
}

/**
 * Starts the enquiry backend: storage (embedded PGlite, or PostgreSQL with databaseUrl),
 * pub/sub (in-process, or Redis with redisUrl), the GraphQL server, the wait-limit sweep,
 * and with `demo` the demo world and its simulator.
 */
export async function startBackend(input: BackendOptions = {}): Promise<RunningBackend> {
  const options = backendOptionsSchema.parse(input);
  const log = (message: string): void => {
    if (!options.quiet) process.stderr.write(`[enquiry-backend] ${message}\n`);
  };
  // A port, Redis, database or folder that cannot be used fails in a moment, in one line, not
  // after the store is opened (seconds for the embedded one), migrated and seeded.
  await preflight(options, log);
  const store = options.databaseUrl
    ? await openPostgresStore(options.databaseUrl, log)
    : await openEmbeddedStore(options.inMemory ? null : (options.dataDir ?? defaultDataDir()));
  let pubsub: PubSub | null = null;
  let limitStore: LimitStore | null = null;
  try {
    await migrate(store);
    pubsub = options.redisUrl ? await createRedisPubSub(options.redisUrl) : createInProcessPubSub();
    limitStore = await openLimitStore(store, options.redisUrl);
  } catch (error) {
    await pubsub?.close();
    await store.close();
    throw error;
  }
  const tokens = await TokenService.open(store, options.accessTokenTtlSeconds, options.tokenSecret);
  const now = (): Date => new Date();
  const monitorLeaseTtlMs = options.monitorLeaseTtlMs;
  const services: Services = {
    store,
    pubsub,
    feeds: new TenantFeeds(store, pubsub),
    tokens,
    sessions: new SessionService(store, tokens, limitStore, options.loginLimits),
    actors: new ActorCache(store, { ttlMs: options.actorCacheTtlMs }),
    now,
    monitorLeaseTtlMs,
    monitorLeases: new MonitorLeaseKeeper({ store, pubsub, now, monitorLeaseTtlMs }, log),
    limits: {
      messages: new RateLimiter(options.messagesPer10Seconds, 10_000),
      visitors: new RateLimiter(120, 60_000),
    },
    mutationLimits: new MutationLimits(limitStore),
  };
  if (options.demo) await seedDemoWorld(services);

  const graphql = createGraphqlServer(services, {
    connectionInitTimeoutMs: options.connectionInitTimeoutMs,
    corsOrigins: options.corsOrigins,
    subscriptionsPerSocket: options.subscriptionsPerSocket,
    subscriptionsPerStaff: options.subscriptionsPerStaff,
    loopbackOnly: isLoopbackHost(options.host),
    log,
  });
  const server = graphql.server;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => resolve());
    });
  } catch (error) {
    await graphql.close().catch(() => undefined);
    await pubsub.close();
    await limitStore.close();
    await store.close();
    throw listenFailure(error, options.host, options.port);
  }
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;

  let sweeping = false;
  const sweep = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    sweepWaitingEnquiries(services)
      .catch((error: unknown) => log(`wait-limit sweep failed: ${String(error)}`))
      .finally(() => {
        sweeping = false;
      });
  }, options.sweepIntervalMs);
  sweep.unref();
  services.monitorLeases.start();
  const simulator =
    options.demo && options.simulator ? startSimulator(services, options.simulatorIntervalMs, log) : null;

  let stopping: Promise<void> | null = null;
  return {
    url: `http://${hostForUrl}:${port}/graphql`,
    port,
    host: options.host,
    mode: { store: store.kind, pubsub: pubsub.kind },
    services,
    stop() {
      stopping ??= (async () => {
        clearInterval(sweep);
        services.monitorLeases.stop();
        await simulator?.stop();
        services.feeds.close();
        await graphql.close();
        await pubsub.close();
        await limitStore.close();
        await store.close();
      })();
      return stopping;
    },
  };
}
