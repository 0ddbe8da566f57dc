import type { BoardEvent, RoomEvent } from '../../../shared/domain';
import { checkId, type Actor } from '../../domain/actor';
import { AgentBoardView, roomEventFor, type ServedBoardEvent } from '../../domain/agent-view';
import { checkMonitorKey, UNKEYED_LEASE } from '../../domain/monitor-leases';
import { notificationFor } from '../../domain/notifications';
import { assertRoomAccess, requireEnquiry } from '../../domain/room';
import { mayReadWhispers, supervisionBlock } from '../../domain/rules';
import type { LoggedEvent } from '../../domain/types';
import { filterMapStream, openTenantStream, parseCursor, whenEnded } from '../../events/streams';
import { requireActor, type BackendContext } from '../context';
import { LiveRights, RevokedRight } from '../live-rights';
import { assertSupervisorView } from '../../domain/agents';
import type { LiveMetrics } from '../../domain/metrics';
import { LiveMetricsHub } from '../../events/live-metrics';

/**
 * Live events reach every subscriber of a tenant as the same LoggedEvent object; mapping
 * each to one payload object lets subscribers share its execution (shared-execution.ts).
 */
function memoized<T>(map: (event: LoggedEvent) => T): (event: LoggedEvent) => T {
  const cache = new WeakMap<LoggedEvent, T>();
  return (event) => {
    if (cache.has(event)) return cache.get(event) as T;
    const value = map(event);
    cache.set(event, value);
    return value;
  };
}

/** What board and room events both carry: the envelope and the enquiry after the event. */
function envelope(event: LoggedEvent): BoardEvent {
  return {
    cursor: String(event.seq),
    seq: event.seq,
    type: event.type,
    at: event.at,
    actor: event.payload.actor,
    enquiry: event.payload.enquiry,
    helpRequest: event.payload.helpRequest ?? null,
  };
}

const toBoardEvent = memoized((event: LoggedEvent): ServedBoardEvent | null =>
  event.type === 'WHISPER_POSTED' || !event.enquiryId ? null : { ...envelope(event), removed: false },
);

/**
 * The viewer as her account is now (role, plan, tenant settings: the actor cache, fresh
 * after a change on this instance, at most its TTL old otherwise), or as she subscribed.
 */
function currentViewer(ctx: BackendContext, actor: Actor): () => Promise<Actor['viewer']> {
  const principal = ctx.principal;
  return async () =>
    principal?.kind === 'staff' ? (await ctx.services.actors.actorOf(principal)).viewer : actor.viewer;
}

/**
 * An agent's board: only what she may see (the Open queue, her own enquiries), a removal
 * when an enquiry leaves her view, monitors only when her tenant tells agents of them. Each
 * event is judged with her account as it is when the event comes (AgentBoardView).
 */
async function agentBoardStream(
  ctx: BackendContext,
  actor: Actor,
  after: number | null,
): Promise<AsyncIterableIterator<ServedBoardEvent>> {
  const view = new AgentBoardView();
  const viewer = currentViewer(ctx, actor);
  const events = await openTenantStream(ctx.services, actor.tenant.id, after, (event) =>
    toBoardEvent(event) ? event : null,
  );
  return filterMapStream(events, async (event) => view.select(event, toBoardEvent(event)!, await viewer()));
}

const toRoomEvent = memoized((event: LoggedEvent): RoomEvent => ({
  ...envelope(event),
  enquiryId: event.payload.enquiry.id,
  message: event.payload.message ?? null,
}));

const passThrough = <T>(payload: T): T => payload;

const isWhisper = (item: RoomEvent | RevokedRight): boolean =>
  !(item instanceof RevokedRight) && (item.type === 'WHISPER_POSTED' || item.message?.kind === 'WHISPER');

/**
 * A room stream without the whispers its viewer may not read (see `whisperBlock`): each
 * whisper is held back unless `mayRead()` says yes when it comes, so a plan taken away or
 * given back applies to the next whisper of a stream already open, replayed ones included.
 * Other items pass as they are, in order; `return()` ends the stream at once.
 */
function withoutUnreadableWhispers(
  stream: AsyncIterableIterator<RoomEvent | RevokedRight>,
  mayRead: () => Promise<boolean>,
): AsyncIterableIterator<RoomEvent | RevokedRight> {
  const filtered: AsyncIterableIterator<RoomEvent | RevokedRight> = {
    async next() {
      for (;;) {
        const step = await stream.next();
        if (step.done || !isWhisper(step.value) || (await mayRead())) return step;
      }
    },
    return: (value?: unknown) => stream.return?.(value) ?? Promise.resolve({ done: true, value: undefined }),
    throw: (error?: unknown) => stream.throw?.(error) ?? Promise.reject(error),
    [Symbol.asyncIterator]() {
      return filtered;
    },
  };
  return filtered;
}

/** A stream's events as they are; its last item, when its right ended, as the refusal. */
const eventOrRefusal = <T>(payload: T | RevokedRight): T => {
  if (payload instanceof RevokedRight) throw payload.error;
  return payload;
};

/**
 * The three streams. Each checks who may see it before it starts, then replays from the
 * log after the cursor and goes live: no gap, no duplicate. A room stream is checked again
 * as it streams and ends with FORBIDDEN / PLAN_REQUIRED when the viewer's right to the room
 * ends; every stream ends with its socket at token expiry and sign-out (see LiveRights).
 */
export const Subscription = {
  boardEvents: {
    /**
     * Administrators share one payload object per event (shared-execution.ts); an agent's
     * stream is chosen per subscriber at its source (agentBoardStream), from payloads that
     * are shared objects as well.
     */
    async subscribe(_: unknown, args: { after?: string | null }, ctx: BackendContext) {
      const actor = await requireActor(ctx);
      const after = parseCursor(args.after);
      if (actor.viewer.role !== 'ADMINISTRATOR') return agentBoardStream(ctx, actor, after);
      return openTenantStream(ctx.services, actor.tenant.id, after, toBoardEvent);
    },
    resolve: passThrough,
  },
  roomEvents: {
    /**
     * With `monitorKey`, a monitoring administrator's window holds its monitor lease for as
     * long as this subscription lasts (see MonitorLeaseKeeper); others simply stream.
     */
    async subscribe(
      _: unknown,
      args: { enquiryId: string; after?: string | null; monitorKey?: string | null },
      ctx: BackendContext,
    ) {
      const actor = await requireActor(ctx);
      const after = parseCursor(args.after);
      const monitorKey = checkMonitorKey(args.monitorKey);
      const enquiry = await requireEnquiry(ctx.services.store, actor, checkId(args.enquiryId));
      assertRoomAccess(actor, enquiry);
      const holdsLease = monitorKey !== UNKEYED_LEASE && !supervisionBlock(actor.viewer);
      const release = holdsLease ? await ctx.services.monitorLeases.hold(actor, enquiry, monitorKey) : null;
      const right =
        ctx.principal?.kind === 'staff'
          ? LiveRights.for(ctx.services).room(ctx.principal, actor, enquiry)
          : null;
      const ended = (): void => {
        release?.();
        right?.dispose();
      };
      try {
        const stream = await openTenantStream<RoomEvent | RevokedRight>(
          ctx.services,
          actor.tenant.id,
          after,
          (event, end) => {
            if (event.enquiryId !== enquiry.id) return null;
            return !right || right.admits(event, end) ? toRoomEvent(event) : null;
          },
        );
        right?.attach((last) => stream.endWith(last));
        // Whispers only for a viewer who may read them, as her account is when each comes
        // (the actor cache: fresh after a plan change, at most its TTL old otherwise).
        const principal = ctx.principal;
        const mayRead = async (): Promise<boolean> =>
          mayReadWhispers(
            principal?.kind === 'staff'
              ? (await ctx.services.actors.actorOf(principal)).viewer
              : actor.viewer,
          );
        const readable = withoutUnreadableWhispers(whenEnded(stream, ended), mayRead);
        if (actor.viewer.role === 'ADMINISTRATOR') return readable;
        // An agent's room: silent monitoring (roomEventFor), with her account as it is now.
        const viewer = currentViewer(ctx, actor);
        return filterMapStream(readable, async (item) =>
          item instanceof RevokedRight ? item : roomEventFor(await viewer(), item),
        );
      } catch (error) {
        ended();
        throw error;
      }
    },
    resolve: eventOrRefusal,
  },
  notifications: {
    async subscribe(_: unknown, args: { after?: string | null }, ctx: BackendContext) {
      const actor = await requireActor(ctx);
      return openTenantStream(ctx.services, actor.tenant.id, parseCursor(args.after), (event) =>
        notificationFor(event, actor.viewer),
      );
    },
    resolve: passThrough,
  },
  /**
   * The tenant's live metrics (agents included): one snapshot per change per instance,
   * shared by every subscriber (events/live-metrics.ts). Each snapshot is delivered only
   * while the subscriber may still see them (her account as the actor cache has it now).
   */
  liveMetrics: {
    async subscribe(_: unknown, __: unknown, ctx: BackendContext) {
      const actor = await requireActor(ctx);
      assertSupervisorView(actor, 'the live metrics');
      const principal = ctx.principal;
      const snapshots = await LiveMetricsHub.for(ctx.services).subscribe(actor.tenant.id);
      const stream: AsyncIterableIterator<LiveMetrics> = {
        async next() {
          const step = await snapshots.next();
          if (step.done || principal?.kind !== 'staff') return step;
          try {
            assertSupervisorView(await ctx.services.actors.actorOf(principal), 'the live metrics');
          } catch (error) {
            await snapshots.return();
            throw error;
          }
          return step;
        },
        return: () => snapshots.return(),
        throw: async (error?: unknown) => {
          await snapshots.return();
          throw error;
        },
        [Symbol.asyncIterator]() {
          return stream;
        },
      };
      return stream;
    },
    resolve: passThrough,
  },
};
