import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import type { LoggedEvent } from '../domain/types';
import { errorCode, errorText, redactUrl, StartupError } from '../startup-error';
import type { PubSub } from './pubsub';

const CHANNEL_PREFIX = 'supervisor:enquiry-events:';

/** The scale-out pub/sub: Redis channels, one per tenant, shared by every instance. */
export async function createRedisPubSub(redisUrl: string): Promise<PubSub> {
  await reachRedis(redisUrl);
  const publisher = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const subscriber = new Redis(redisUrl, { lazyConnect: true });
  // Listeners before connecting: ioredis prints "Unhandled error event" traces without one.
  // After start-up, ioredis reconnects by itself; readiness reports the outage meanwhile.
  subscriber.on('error', () => undefined);
  publisher.on('error', () => undefined);
  try {
    await Promise.all([publisher.connect(), subscriber.connect()]);
    await subscriber.psubscribe(`${CHANNEL_PREFIX}*`);
  } catch (error) {
    publisher.disconnect();
    subscriber.disconnect();
    throw redisFailure(redisUrl, error);
  }

  const local = new EventEmitter();
  local.setMaxListeners(0);
  subscriber.on('pmessage', (_pattern: string, channel: string, raw: string) => {
    const tenantId = channel.slice(CHANNEL_PREFIX.length);
    try {
      local.emit(tenantId, JSON.parse(raw) as LoggedEvent);
    } catch {
      // A malformed message is dropped; the log fills the gap.
    }
  });
  let connectedOnce = true;
  subscriber.on('ready', () => {
    if (connectedOnce) local.emit('__resync');
  });

  return {
    kind: 'redis',
    async publish(event) {
      await publisher.publish(CHANNEL_PREFIX + event.tenantId, JSON.stringify(event));
    },
    subscribe(tenantId, listener) {
      local.on(tenantId, listener);
      return () => local.off(tenantId, listener);
    },
    onResync(listener) {
      local.on('__resync', listener);
      return () => local.off('__resync', listener);
    },
    ready: () => publisher.status === 'ready' && subscriber.status === 'ready',
    async close() {
      connectedOnce = false;
      local.removeAllListeners();
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}

const CONNECT_TIMEOUT_MS = 5_000;

/** One connection attempt, no retries: fails at once with the reason when Redis is not there. */
export async function reachRedis(redisUrl: string): Promise<void> {
  let lastError: unknown = null;
  const probe = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
  });
  probe.on('error', (error: unknown) => {
    lastError = error;
  });
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    throw redisFailure(redisUrl, lastError ?? error);
  } finally {
    probe.disconnect();
  }
}

/** What went wrong reaching Redis, as one line naming the flag and the fix. */
function redisFailure(redisUrl: string, error: unknown): StartupError {
  const flag = `--redis-url ${redactUrl(redisUrl)}`;
  const code = errorCode(error);
  const text = errorText(error);
  const message = /NOAUTH|WRONGPASS|invalid password|invalid username/i.test(text)
    ? `${flag}: Redis refused the credentials (${text}); put a user and password it accepts in the URL (redis://user:password@host:port).`
    : code === 'ETIMEDOUT' || /timeout/i.test(text)
      ? `${flag}: Redis did not answer within ${CONNECT_TIMEOUT_MS / 1000} s; check that it runs there, or correct --redis-url (or REDIS_URL).`
      : `${flag}: Redis could not be reached (${code ?? text}); start Redis there, or correct --redis-url (or REDIS_URL), e.g. redis://127.0.0.1:6379.`;
  return new StartupError(message, 1, { cause: error });
}
