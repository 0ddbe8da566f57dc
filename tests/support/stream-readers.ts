import type { Client } from 'graphql-ws';
import { wsClient } from './backend-client';
import { until } from './until';

/**
 * Readers that follow a tenant stream (boardEvents or roomEvents) the way a console does —
 * keep the last cursor, resume from it after a disconnect — and record every event they
 * were handed, so that a test can hold what each reader saw against the event log.
 */

/** The enquiry as an event carries it, in the fields the ordering test compares. */
export interface EnquiryState {
  id: string;
  status: string;
  version: number;
  messageCount: number;
  call: string | null;
  owner: { id: string } | null;
}

/** One event as a reader received it. */
export interface SeenEvent {
  seq: number;
  cursor: string;
  type: string;
  enquiry: EnquiryState;
}

export const ENQUIRY_STATE_FIELDS = 'id status version messageCount call owner { id }';

export const BOARD_STREAM = `subscription ($after: String) {
  boardEvents(after: $after) { cursor seq type enquiry { ${ENQUIRY_STATE_FIELDS} } }
}`;

export const ROOM_STREAM = `subscription ($id: ID!, $after: String) {
  roomEvents(enquiryId: $id, after: $after) { cursor seq type enquiry { ${ENQUIRY_STATE_FIELDS} } }
}`;

export interface StreamReaderOptions {
  /** Named in failure messages. */
  name: string;
  /** The backend to connect to, asked again on every (re)connect. */
  url: () => string;
  token: string;
  query: string;
  /** The field of the subscription's data: 'boardEvents' or 'roomEvents'. */
  field: string;
  variables?: Record<string, unknown>;
  /** The cursor to start after (null: from now on). */
  after: string | null;
  /**
   * Disconnect after this many events on one connection (asked anew per connection) and
   * resume from the last cursor on a new connection; null or undefined: never.
   */
  churnAfter?: () => number;
}

/** Follows one stream; `seen` grows as events arrive; `problems` lists stream failures. */
export class StreamReader {
  readonly seen: SeenEvent[] = [];
  readonly problems: string[] = [];
  connections = 0;
  private client: Client | null = null;
  private unsubscribe: (() => void) | null = null;
  private generation = 0;
  private stopped = false;

  constructor(private readonly options: StreamReaderOptions) {
    this.connect(options.after);
  }

  get name(): string {
    return this.options.name;
  }

  get lastSeq(): number {
    return this.seen.at(-1)?.seq ?? -1;
  }

  /**
   * Waits until an event at or beyond `seq` arrived, the stream failed, or `timeoutMs`
   * passed; a timeout is recorded among `problems`, naming where the reader stands.
   */
  async reach(seq: number, timeoutMs: number): Promise<void> {
    try {
      await until(
        () => this.problems.length > 0 || this.lastSeq >= seq,
        `${this.name} to reach ${seq}`,
        timeoutMs,
      );
    } catch {
      this.problems.push(
        `did not reach seq ${seq} within ${timeoutMs} ms: stands at ${this.lastSeq} after ${this.seen.length} events on ${this.connections} connection(s)`,
      );
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.disconnect();
  }

  private connect(after: string | null): void {
    if (this.stopped) return;
    const generation = ++this.generation;
    this.connections += 1;
    const client = wsClient(this.options.url(), () => this.options.token);
    this.client = client;
    const budget = this.options.churnAfter?.() ?? Number.POSITIVE_INFINITY;
    let received = 0;
    const current = (): boolean => generation === this.generation && !this.stopped;
    this.unsubscribe = client.subscribe(
      { query: this.options.query, variables: { ...this.options.variables, after } },
      {
        next: (result) => {
          if (!current()) return; // delivered after we decided to drop this connection: the resume covers it
          if (result.errors?.length) {
            this.problems.push(`stream error: ${JSON.stringify(result.errors)}`);
            return;
          }
          const event = (result.data as Record<string, SeenEvent> | null | undefined)?.[this.options.field];
          if (!event) {
            this.problems.push(`an empty result: ${JSON.stringify(result)}`);
            return;
          }
          this.seen.push(event);
          received += 1;
          if (received >= budget) {
            // As if the connection dropped here: the next one resumes after this event.
            this.generation += 1;
            const resumeAfter = event.cursor;
            void this.disconnect().then(() => this.connect(resumeAfter));
          }
        },
        error: (error) => {
          if (current())
            this.problems.push(
              `connection error: ${error instanceof Error ? error.message : describeClose(error)}`,
            );
        },
        complete: () => {
          if (current()) this.problems.push('the stream completed while the reader still followed it');
        },
      },
    );
  }

  private async disconnect(): Promise<void> {
    const client = this.client;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.client = null;
    await client?.dispose();
  }
}

/** A close event (code and reason) or whatever else graphql-ws reported, for a failure message. */
function describeClose(error: unknown): string {
  const close = error as { code?: unknown; reason?: unknown } | null;
  if (close && typeof close === 'object' && 'code' in close)
    return `closed ${String(close.code)} ${String(close.reason ?? '')}`;
  return JSON.stringify(error);
}

/** One entry of the tenant's event log as read straight from the `events` table. */
export interface LogEntry {
  seq: number;
  type: string;
  enquiryId: string | null;
  messageId: string | null;
  /** The enquiry's version after the event. */
  version: number | null;
}

/** The SQL that reads a tenant's log for `readLog`, with the fields the checks need. */
export const LOG_SQL = `select seq, type, enquiry_id, payload->'message'->>'id' as message_id,
       (payload->'enquiry'->>'version')::int as version
  from events where tenant_id = $1 order by seq`;

/** Reads a tenant's whole event log through `query` (a direct pg client, or an embedded store). */
export async function readLog(
  query: (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>,
  tenantId: string,
): Promise<LogEntry[]> {
  const rows = await query(LOG_SQL, [tenantId]);
  return rows.map((row) => ({
    seq: Number(row['seq']),
    type: String(row['type']),
    enquiryId: (row['enquiry_id'] as string | null) ?? null,
    messageId: (row['message_id'] as string | null) ?? null,
    version: row['version'] == null ? null : Number(row['version']),
  }));
}

/**
 * What is wrong with what a reader saw, against the log entries it should have seen in
 * (after, upTo]: events out of order or twice, events the log does not hold at that
 * position, and log entries it never saw. Empty when the reader saw exactly the log.
 */
export function streamProblems(
  reader: StreamReader,
  expected: LogEntry[],
  after: number,
  upTo: number,
): string[] {
  const problems: string[] = [...reader.problems];
  const seen = reader.seen.filter((e) => e.seq <= upTo);
  const log = new Map(expected.filter((e) => e.seq > after && e.seq <= upTo).map((e) => [e.seq, e]));
  const describe = (seq: number): string => {
    const entry = log.get(seq);
    return entry ? `${seq} ${entry.type} ${entry.enquiryId}` : String(seq);
  };
  for (let i = 1; i < seen.length; i++) {
    const previous = seen[i - 1] as SeenEvent;
    const event = seen[i] as SeenEvent;
    if (event.seq === previous.seq) problems.push(`duplicate: ${describe(event.seq)} (event #${i})`);
    else if (event.seq < previous.seq)
      problems.push(`out of order: ${event.seq} after ${previous.seq} (event #${i})`);
  }
  const seenSeqs = new Set(seen.map((e) => e.seq));
  for (const event of seen) {
    const entry = log.get(event.seq);
    if (event.seq <= after) problems.push(`before its start cursor ${after}: ${event.seq}`);
    else if (!entry)
      problems.push(`not in the log at that position: ${event.seq} ${event.type} ${event.enquiry.id}`);
    else if (entry.type !== event.type || entry.enquiryId !== event.enquiry.id) {
      problems.push(
        `the log holds ${describe(event.seq)} at ${event.seq}, the reader got ${event.type} ${event.enquiry.id}`,
      );
    }
  }
  const missing = [...log.keys()].filter((seq) => !seenSeqs.has(seq));
  if (missing.length > 0) {
    const shown = missing.slice(0, 12).map(describe).join(', ');
    problems.push(`never saw ${missing.length} logged event(s): ${shown}${missing.length > 12 ? ', …' : ''}`);
  }
  return problems.map((p) => `${reader.name}: ${p}`);
}
