import type { Store } from '../storage/store';
import { refusal } from '../domain/errors';
import type { LoggedEvent } from '../domain/types';
import { readEventsAfter } from './event-log';
import type { TenantFeeds } from './tenant-feed';

/**
 * A push-fed async iterator whose `return()` ends it at once (an async generator would
 * wait for its next event before running its `finally`, leaking listeners until then).
 */
class PushStream<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private head = 0;
  private waiting: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } | null = null;
  private finished = false;
  private failure: unknown = null;

  constructor(private readonly onClose: () => void) {}

  /** Whether the stream takes no more items (ended, returned or failed). */
  get closed(): boolean {
    return this.finished;
  }

  push(value: T): void {
    if (this.finished) return;
    if (this.waiting) {
      const { resolve } = this.waiting;
      this.waiting = null;
      resolve({ value, done: false });
    } else {
      this.queue.push(value);
    }
  }

  /**
   * Delivers `value` as the last item: the stream stops listening at once, and ends after
   * whatever it had queued and `value` were read.
   */
  endWith(value: T): void {
    if (this.finished) return;
    this.push(value);
    this.finished = true;
    this.onClose();
  }

  fail(error: unknown): void {
    if (this.finished) return;
    this.failure = error;
    this.finish();
    this.waiting?.reject(error);
    this.waiting = null;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.head < this.queue.length) {
      const value = this.queue[this.head++] as T;
      if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue.splice(0, this.head);
        this.head = 0;
      }
      return Promise.resolve({ value, done: false });
    }
    if (this.failure) return Promise.reject(this.failure);
    if (this.finished) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.finish();
    this.waiting?.resolve({ value: undefined, done: true });
    this.waiting = null;
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.queue.length = 0;
    this.onClose();
  }
}

/**
 * The same stream, calling `onEnd` once when it ends: returned (the subscriber went away,
 * or its WebSocket closed), thrown into, failed or finished.
 */
export function whenEnded<T>(stream: AsyncIterableIterator<T>, onEnd: () => void): AsyncIterableIterator<T> {
  let ended = false;
  const end = (): void => {
    if (ended) return;
    ended = true;
    onEnd();
  };
  const wrapped: AsyncIterableIterator<T> = {
    async next() {
      try {
        const step = await stream.next();
        if (step.done) end();
        return step;
      } catch (error) {
        end();
        throw error;
      }
    },
    async return(value?: unknown) {
      end();
      return (await stream.return?.(value)) ?? { done: true, value: undefined };
    },
    async throw(error?: unknown) {
      end();
      if (stream.throw) return stream.throw(error);
      await stream.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return wrapped;
    },
  };
  return wrapped;
}

/**
 * A tenant stream that can be ended from outside with a last item (a refusal saying why),
 * e.g. when the subscriber's right to it ended.
 */
export interface TenantStream<T> extends AsyncIterableIterator<T> {
  /** Delivers `last` after what is queued, then ends; no later event is delivered. */
  endWith(last: T): void;
}

/** Parses a stream cursor (`after`): null for "from now on". */
export function parseCursor(after: string | null | undefined): number | null {
  if (after == null || after === '') return null;
  if (!/^\d{1,15}$/.test(after)) throw refusal('BAD_USER_INPUT', 'That cursor is not valid.');
  return Number(after);
}

const REPLAY_BATCH = 500;

/**
 * The tenant's events after `after` (or from now on when null): first replayed from the
 * log, then live, with no gap and no duplicate. `select` maps each event to what this
 * subscriber sees, or null to skip it; it may instead call `end(last)` to deliver `last`
 * and end the stream there (the subscriber lost the right to what follows).
 */
export async function openTenantStream<T>(
  deps: { store: Store; feeds: TenantFeeds },
  tenantId: string,
  after: number | null,
  select: (event: LoggedEvent, end: (last: T) => void) => T | null,
): Promise<TenantStream<T>> {
  let pending: LoggedEvent[] | null = [];
  let last = -1;
  let dispose = (): void => undefined;
  const stream = new PushStream<T>(() => dispose());
  const end = (final: T): void => stream.endWith(final);
  const emit = (event: LoggedEvent): void => {
    if (event.seq <= last) return;
    last = event.seq;
    const selected = select(event, end);
    if (selected !== null) stream.push(selected);
  };
  const listening = await deps.feeds.listen(tenantId, (event) => {
    if (pending) pending.push(event);
    else emit(event);
  });
  dispose = listening.dispose;
  last = after ?? listening.position;
  void (async () => {
    try {
      while (last < listening.position && !stream.closed) {
        const batch = await readEventsAfter(deps.store, tenantId, last, REPLAY_BATCH, {
          upTo: listening.position,
        });
        if (batch.length === 0) break;
        for (const event of batch) emit(event);
      }
      const live = pending ?? [];
      pending = null;
      for (const event of live) emit(event);
    } catch (error) {
      stream.fail(error);
    }
  })();
  return stream;
}

/**
 * The stream with each item mapped by `map` as it is read, in order (null skips the item):
 * for a choice per subscriber that needs something asynchronous (the viewer's account as it
 * is now, from the actor cache). `return()` and `throw()` reach the source at once.
 */
export function filterMapStream<T, U>(
  stream: AsyncIterableIterator<T>,
  map: (item: T) => Promise<U | null> | U | null,
): AsyncIterableIterator<U> {
  const mapped: AsyncIterableIterator<U> = {
    async next() {
      for (;;) {
        const step = await stream.next();
        if (step.done) return { done: true, value: undefined };
        const value = await map(step.value);
        if (value !== null) return { done: false, value };
      }
    },
    async return(value?: unknown) {
      await stream.return?.(value);
      return { done: true, value: undefined };
    },
    async throw(error?: unknown) {
      if (stream.throw) await stream.throw(error);
      else await stream.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return mapped;
    },
  };
  return mapped;
}
