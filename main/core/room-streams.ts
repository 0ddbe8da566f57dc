/**
 * The event streams of the rooms open in the console, one per enquiry, each resuming from
 * the cursor of the room snapshot it was opened with.
 */
import type { RoomEvent } from '../../shared/domain';
import type { IpcError } from '../../shared/ipc/contract';
import * as docs from '../../shared/graphql/documents';
import type { EventBatcher } from './event-batcher';
import type { BackendClient } from './graphql-client';
import type { BackoffOptions } from './ports';
import { ResumableStream } from './streams';

export interface RoomStreamsOptions {
  batcher: EventBatcher;
  backoff?: BackoffOptions;
  reauthenticate(): Promise<void>;
  /**
   * A room's stream was refused for good (FORBIDDEN, PLAN_REQUIRED, NOT_FOUND…): the viewer
   * lost the right to the room and it no longer updates. Called once per refusal, after the
   * stream is forgotten, so that opening the room again from here starts afresh.
   */
  onEnded?(enquiryId: string, refusal: IpcError): void;
  log(line: string): void;
}

export class RoomStreams {
  private readonly streams = new Map<string, ResumableStream<RoomEvent>>();

  constructor(private readonly options: RoomStreamsOptions) {}

  /** The rooms whose events are streaming now. */
  ids(): string[] {
    return [...this.streams.keys()];
  }

  /** Whether a room's events are streaming (or reconnecting to stream) now. */
  has(enquiryId: string): boolean {
    return this.streams.has(enquiryId);
  }

  /**
   * Starts streaming a room's events after `cursor`, unless it streams already. With
   * `monitorKey` the stream also keeps this session's monitor lease on the room alive on
   * the backend, so that the lease ends when the stream does (even if this process dies).
   */
  open(client: BackendClient, enquiryId: string, cursor: string, monitorKey: string | null = null): void {
    if (this.streams.has(enquiryId)) return;
    const stream = new ResumableStream<RoomEvent>({
      client,
      query: docs.ROOM_EVENTS,
      field: 'roomEvents',
      variables: { enquiryId, monitorKey },
      after: cursor,
      backoff: this.options.backoff,
      onEvent: (event) => this.options.batcher.addRoomEvent(enquiryId, event),
      onRefused: (error) => {
        // The stream ended for good; forget it so that opening the room again starts afresh.
        this.options.log(`room stream ${enquiryId} refused: ${error.code}`);
        if (this.streams.get(enquiryId) !== stream) return;
        this.streams.delete(enquiryId);
        this.options.onEnded?.(enquiryId, error);
      },
      reauthenticate: () => this.options.reauthenticate(),
    });
    this.streams.set(enquiryId, stream);
    stream.start();
  }

  /** Stops a room's stream and drops its undelivered events. */
  close(enquiryId: string): void {
    this.streams.get(enquiryId)?.stop();
    this.streams.delete(enquiryId);
    this.options.batcher.dropRoom(enquiryId);
  }

  closeAll(): void {
    for (const id of this.ids()) this.close(id);
  }
}
