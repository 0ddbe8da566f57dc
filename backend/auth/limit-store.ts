import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { newSecret } from '../domain/ids';
import type { Store } from '../storage/store';

/** What one limiter counts: at most `points` per `durationSeconds` for each key. */
export interface LimiterSettings {
  /** A short name, unique among the instance's limiters (part of every stored key). */
  name: string;
  points: number;
  durationSeconds: number;
}

/**
 * Where sign-in and mutation limits keep their counters: in process (the embedded default)
 * or in Redis (scale-out), where every instance sharing the database counts against the same
 * keys. Built on `rate-limiter-flexible`: its Redis counters are atomic Lua increments, and an
 * in-memory insurance limiter with the same settings keeps limits on while Redis is down.
 */
export interface LimitStore {
  readonly kind: 'in-process' | 'redis';
  limiter(settings: LimiterSettings): RateLimiterAbstract;
  close(): Promise<void>;
}

/**
 * Opens the limit store. With Redis, keys are prefixed with a namespace kept in the
 * database's meta table, so instances of one deployment share counters and another
 * deployment (or a test's fresh database) on the same Redis does not.
 */
export async function openLimitStore(store: Store, redisUrl?: string): Promise<LimitStore> {
  if (!redisUrl) {
    return {
      kind: 'in-process',
      limiter: (settings) =>
        new RateLimiterMemory({
          keyPrefix: settings.name,
          points: settings.points,
          duration: settings.durationSeconds,
        }),
      close: async () => undefined,
    };
  }
  await store.query(
    `insert into meta (key, value) values ('limits-namespace', $1) on conflict (key) do nothing`,
    [newSecret(12)],
  );
  const rows = await store.query<{ value: string }>(`select value from meta where key = 'limits-namespace'`);
  const namespace = rows[0]?.value ?? newSecret(12);
  const client = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
  });
  client.on('error', () => undefined); // the insurance limiter answers meanwhile
  await client.connect();
  return {
    kind: 'redis',
    limiter(settings) {
      const memory = new RateLimiterMemory({
        keyPrefix: settings.name,
        points: settings.points,
        duration: settings.durationSeconds,
      });
      return new RateLimiterRedis({
        storeClient: client,
        keyPrefix: `supervisor:limits:${namespace}:${settings.name}`,
        points: settings.points,
        duration: settings.durationSeconds,
        rejectIfRedisNotReady: true,
        insuranceLimiter: memory,
      });
    },
    async close() {
      client.disconnect();
    },
  };
}

/**
 * The key for a client address: an IPv6 client by its /64 network (one subscriber usually
 * holds a whole /64), an IPv4 (or IPv4-mapped) client by its address.
 */
export function addressKey(address: string): string {
  const plain = address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
  if (!plain.includes(':')) return plain;
  const [head = '', tail = ''] = plain.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = plain.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((group) => (group || '0').toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** Whole seconds a person should wait, at least 1. */
export const secondsToWait = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

/** "1 second", "42 seconds", "3 minutes". */
export function describeWait(seconds: number): string {
  if (seconds < 120) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
