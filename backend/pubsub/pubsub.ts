import { EventEmitter } from 'node:events';
import type { LoggedEvent } from '../domain/types';

/**
 * Carries committed events to every backend instance. The event log stays the source of
 * truth: a subscriber that sees a gap reads the missing entries from the log.
 */
export interface PubSub {
  readonly kind: 'in-process' | 'redis';
  publish(event: LoggedEvent): Promise<void>;
  /** Calls listener with each event of the tenant; returns the unsubscribe function. */
  subscribe(tenantId: string, listener: (event: LoggedEvent) => void): () => void;
  /** Called whenever the transport reconnected and may have dropped messages. */
  onResync(listener: () => void): () => void;
  ready(): boolean;
  close(): Promise<void>;
}

/** The embedded default: an in-process emitter. */
export function createInProcessPubSub(): PubSub {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    kind: 'in-process',
    async publish(event) {
      emitter.emit(event.tenantId, event);
    },
    subscribe(tenantId, listener) {
      emitter.on(tenantId, listener);
      return () => emitter.off(tenantId, listener);
    },
    onResync: () => () => undefined,
    ready: () => true,
    async close() {
      emitter.removeAllListeners();
    },
  };
}
