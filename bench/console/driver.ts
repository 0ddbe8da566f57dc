/**
 * The event driver: visitor messages at a set rate, written in-process (no HTTP, so the
 * API's per-visitor rate limit does not shape the load). Every ~10 ms it commits whatever
 * is due in one transaction (at 50/s that is one message per transaction; at 1,000/s about
 * ten), and records each message's commit time: the wall clock right after COMMIT resolved.
 */
import { BENCH_TENANT, type SeededEnquiry } from './seed';
import { bulkWrite, wallNow, type BulkEvent } from './bulk-write';
import type { Services } from '../../backend/services';

export interface EmittedEvent {
  text: string;
  enquiryId: string;
  seq: number;
  committedAt: number;
}

export interface DriveOptions {
  /** Enquiries written to, round-robin. */
  targets: readonly SeededEnquiry[];
  ratePerSecond: number;
  /** Total messages to send. */
  count: number;
  /** Text of message n; must be unique. */
  textOf(n: number): string;
  tickMs?: number;
  /** Hard stop (ms) even if the backend cannot keep up. */
  deadlineMs?: number;
  /**
   * Most messages per transaction (default: five ticks' worth, at least 1). When the backend
   * falls behind, batches stay this size and the achieved rate drops, rather than ever
   * larger transactions feeding back into longer ones.
   */
  maxBatch?: number;
}

export interface DriveResult {
  emitted: EmittedEvent[];
  offeredRatePerSecond: number;
  achievedRatePerSecond: number;
  durationMs: number;
  transactions: number;
  largestBatch: number;
  /** Transaction time (begin → commit) per batch, ms. */
  writeMs: number[];
  stoppedByDeadline: boolean;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Sends `count` messages at `ratePerSecond`; resolves when all are committed (or the deadline hit). */
export async function driveMessages(services: Services, options: DriveOptions): Promise<DriveResult> {
  const tick = options.tickMs ?? 10;
  const maxBatch = options.maxBatch ?? Math.max(1, Math.ceil((options.ratePerSecond * tick * 5) / 1000));
  const deadline = options.deadlineMs ?? Math.max(5_000, (options.count / options.ratePerSecond) * 3_000);
  const emitted: EmittedEvent[] = [];
  const writeMs: number[] = [];
  let sent = 0;
  let transactions = 0;
  let largestBatch = 0;
  let stoppedByDeadline = false;
  const start = wallNow();
  while (sent < options.count) {
    const elapsed = wallNow() - start;
    if (elapsed > deadline) {
      stoppedByDeadline = true;
      break;
    }
    const due = Math.min(
      options.count,
      Math.floor((elapsed * options.ratePerSecond) / 1000) + 1,
      sent + maxBatch,
    );
    if (due <= sent) {
      const nextDueAt = (sent * 1000) / options.ratePerSecond;
      await sleep(Math.max(1, Math.min(tick, nextDueAt - elapsed)));
      continue;
    }
    const batch: { n: number; target: SeededEnquiry }[] = [];
    for (let n = sent; n < due; n++)
      batch.push({ n, target: options.targets[n % options.targets.length] as SeededEnquiry });
    const began = wallNow();
    const { events, committedAt } = await bulkWrite(services, BENCH_TENANT, async () => ({
      value: null,
      events: batch.map(({ n, target }): BulkEvent => ({
        type: 'MESSAGE_POSTED',
        enquiryId: target.id,
        actor: null,
        message: {
          kind: 'TEXT',
          author: { kind: 'VISITOR', id: target.visitorId, name: target.visitorName, role: null },
          text: options.textOf(n),
        },
      })),
    }));
    writeMs.push(committedAt - began);
    transactions += 1;
    largestBatch = Math.max(largestBatch, batch.length);
    for (const event of events) {
      const text = event.payload.message?.text ?? '';
      emitted.push({ text, enquiryId: event.enquiryId ?? '', seq: event.seq, committedAt });
    }
    sent = due;
    // Yield so the server can push what was just published before the next batch.
    await sleep(Math.max(0, Math.min(tick, (sent * 1000) / options.ratePerSecond - (wallNow() - start))));
  }
  const durationMs = wallNow() - start;
  return {
    emitted,
    offeredRatePerSecond: options.ratePerSecond,
    achievedRatePerSecond: Math.round((emitted.length / durationMs) * 1000 * 10) / 10,
    durationMs: Math.round(durationMs),
    transactions,
    largestBatch,
    writeMs,
    stoppedByDeadline,
  };
}
