/**
 * Writers that keep posting messages into enquiries while a test breaks the backend under
 * them, and keep the ledger a fault test checks against: which messages were acknowledged
 * (the backend answered with the message), which were in doubt (the request failed without
 * an answer: it may or may not have been committed) and which were refused.
 */
import { postGraphql } from './graphql-http';

/** How many messages `transcript` reads (within the backend's query cost limit). */
export const TRANSCRIPT_READ = 400;

/** A message as the backend acknowledged it. */
export interface AckedMessage {
  id: string;
  seq: number;
  text: string;
  /** When the backend committed it (ISO time). */
  at: string;
}

/** An acknowledged message, with what the writer knows of its sending. */
export interface Acknowledgement extends AckedMessage {
  /** When the answer arrived (epoch ms, this machine's clock). */
  answeredAt: number;
  /** Whether the text had been sent before without an answer (then resent with its key). */
  resent: boolean;
}

/** Posts one message to the backend at `url`; resolves with the backend's answer. */
export type PostMessage = (url: string, text: string, idempotencyKey: string) => Promise<AckedMessage>;

/** A request that got an answer, and the answer was a refusal (not a lost connection). */
export class Refused extends Error {}

export interface MessageWriterOptions {
  /** Prefix of every text this writer posts (`<name>-<n>`), unique per test. */
  name: string;
  enquiryId: string;
  /** The backend's URL now; asked again before every request (it changes across restarts). */
  url(): string;
  post: PostMessage;
  /**
   * After a request that got no answer, send the same text again with the same idempotency
   * key until it is answered (the backend must not post it twice); otherwise move on to the
   * next text and leave that one in doubt.
   */
  retryInDoubt: boolean;
  /** Stop after this many texts (a transcript is read back whole only below TRANSCRIPT_READ). */
  maxMessages?: number;
  /** Wait this long after each answered message before the next (a steady trickle); default 0. */
  pauseMs?: number;
  /** Give up on a request after this long (a hung backend): the write is in doubt. */
  requestTimeoutMs?: number;
}

/** One writer: a loop posting `<name>-0`, `<name>-1`, … one at a time until stopped. */
export class MessageWriter {
  /** Acknowledged messages, in the order they were acknowledged. */
  readonly acked: Acknowledgement[] = [];
  /** Texts sent without an answer and never answered since. */
  readonly inDoubt = new Set<string>();
  /** Refusals: text and the backend's message (a fault test expects none). */
  readonly refused: { text: string; message: string }[] = [];
  /** Requests sent that got no answer (the connection broke, or timed out). */
  cutOff = 0;
  /** Requests refused a connection (nothing sent: the backend was down). */
  connectionsRefused = 0;
  /** Why the last request failed, for failure messages. */
  lastFailure: string | null = null;
  private running = false;
  private loop: Promise<void> = Promise.resolve();

  constructor(private readonly options: MessageWriterOptions) {}

  get enquiryId(): string {
    return this.options.enquiryId;
  }

  /** Where this writer stands, for failure messages. */
  describe(): string {
    const refused = this.refused.at(-1);
    return (
      `${this.options.name}: ${this.acked.length} acknowledged, ${this.inDoubt.size} in doubt, ` +
      `${this.refused.length} refused${refused ? ` (last: ${refused.message})` : ''}, ` +
      `${this.cutOff} cut off, ${this.connectionsRefused} connections refused${this.lastFailure ? ` (last: ${this.lastFailure})` : ''}`
    );
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops after the request in flight (answered or not) and resolves then. */
  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async run(): Promise<void> {
    const max = this.options.maxMessages ?? Infinity;
    let n = this.acked.length + this.inDoubt.size + this.refused.length;
    while (this.running && n < max) {
      const text = `${this.options.name}-${n}`;
      try {
        const message = await withTimeout(
          this.options.post(this.options.url(), text, `fault-test-${text}`),
          this.options.requestTimeoutMs ?? 10_000,
        );
        const resent = this.inDoubt.delete(text);
        this.acked.push({ ...message, answeredAt: Date.now(), resent });
        n += 1;
        if (this.options.pauseMs) await new Promise((resolve) => setTimeout(resolve, this.options.pauseMs));
      } catch (error) {
        if (error instanceof Refused) {
          this.inDoubt.delete(text);
          this.refused.push({ text, message: error.message });
          n += 1;
          continue;
        }
        this.lastFailure =
          error instanceof Error ? `${error.message} ${String(error.cause ?? '')}` : String(error);
        // Refused connections sent nothing: the same text goes again, in no doubt.
        if (neverSent(error)) this.connectionsRefused += 1;
        else {
          this.cutOff += 1;
          this.inDoubt.add(text);
          if (!this.options.retryInDoubt) n += 1;
        }
        // The backend is down or restarting: try again shortly (its URL may have changed).
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }
}

/** Whether a request failed before anything reached the backend (connection refused). */
function neverSent(error: unknown): boolean {
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  return cause?.code === 'ECONNREFUSED';
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** POSTs a GraphQL operation; throws Refused when the backend answered with errors. */
async function post<T>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<T> {
  const { status, body } = await postGraphql<T>(url, query, variables, token);
  if (body.errors?.length || !body.data) {
    throw new Refused(body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${status} without data`);
  }
  return body.data;
}

/** A staff member's `sendMessage` with an idempotency key. */
export function staffPost(token: string, enquiryId: string): PostMessage {
  return async (url, text, idempotencyKey) => {
    const data = await post<{ sendMessage: AckedMessage }>(
      url,
      `mutation ($id: ID!, $text: String!, $key: String) {
         sendMessage(enquiryId: $id, text: $text, idempotencyKey: $key) { id seq text at }
       }`,
      { id: enquiryId, text, key: idempotencyKey },
      token,
    );
    return data.sendMessage;
  };
}

/** A visitor's `sendVisitorMessage` (no idempotency key: the writer must not retry it). */
export function visitorPost(visitorToken: string): PostMessage {
  return async (url, text) => {
    const data = await post<{ sendVisitorMessage: AckedMessage }>(
      url,
      `mutation ($t: String!, $text: String!) { sendVisitorMessage(visitorToken: $t, text: $text) { id seq text at } }`,
      { t: visitorToken, text },
    );
    return data.sendVisitorMessage;
  };
}

/**
 * A transcript's messages as the backend lists them now, oldest first; throws when it holds
 * `last` or more (then it cannot be read whole with one `messages(last:)`).
 */
export async function transcript(
  url: string,
  token: string,
  enquiryId: string,
  last = TRANSCRIPT_READ,
): Promise<{ id: string; seq: number; kind: string; text: string }[]> {
  const data = await post<{
    room: { messages: { id: string; seq: number; kind: string; text: string }[] } | null;
  }>(
    url,
    `query ($id: ID!, $last: Int) { room(enquiryId: $id) { messages(last: $last) { id seq kind text } } }`,
    { id: enquiryId, last },
    token,
  );
  if (!data.room) throw new Error(`enquiry ${enquiryId} has no room`);
  if (data.room.messages.length >= last) {
    throw new Error(`enquiry ${enquiryId} holds ${last} messages or more: the test cannot read all of them`);
  }
  return data.room.messages;
}
