import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import type { LoggedEvent } from '../domain/types';
import type { PubSub } from './pubsub';

const CHANNEL_PREFIX = 'supervisor:enquiry-events:';

/** The scale-out pub/sub: Redis channels, one per tenant, shared by every instance. */
export async function createRedisPubSub(redisUrl: string): Promise<PubSub> {
  const publisher = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const subscriber = new Redis(redisUrl, { lazyConnect: true });
  await Promise.all([publisher.connect(), subscriber.connect()]);
  await subscriber.psubscribe(`${CHANNEL_PREFIX}*`);

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
  subscriber.on('error', () => {
    // ioredis reconnects by itself; readiness reports the outage meanwhile.
  });
  publisher.on('error', () => undefined);

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
