/**
 * The event driver: visitor messages at a set rate, written in-process (no HTTP, so the
 * API's per-visitor rate limit does not shape the load). Every ~10 ms it commits whatever
 * is due in one transaction (at 50/s that is one message per transaction; at 1,000/s about
 * ten), and records each message's commit time: the wall clock right after COMMIT resolved.
 */
import { BENCH_TENANT, type SeededEnquiry } from './seed';
import { bulkWrite, wallNow, type BulkEvent } from './bulk-write';
import { pickUpInBatch, type PickUps } from './pick-ups';
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
  /**
   * Every `every`-th update is a pick-up of the next of these Open enquiries instead of a
   * message (the card moves to Handling and the live metrics change); none when omitted.
   */
  pickUps?: PickUps;
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
  /** Of the events, how many were pick-ups (the rest are messages). */
  pickUps: number;
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
  let pickUps = 0;
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
    const isPickUp = (n: number) =>
      options.pickUps !== undefined && n % options.pickUps.every === options.pickUps.every - 1;
    const began = wallNow();
    const { events, committedAt } = await bulkWrite(services, BENCH_TENANT, async (tx, now) => {
      const messages = batch
        .filter(({ n }) => !isPickUp(n))
        .map(({ n, target }): BulkEvent => ({
          type: 'MESSAGE_POSTED',
          enquiryId: target.id,
          actor: null,
          message: {
            kind: 'TEXT',
            author: { kind: 'VISITOR', id: target.visitorId, name: target.visitorName, role: null },
            text: options.textOf(n),
          },
        }));
      const picked =
        options.pickUps === undefined
          ? []
          : await pickUpInBatch(tx, now, options.pickUps, batch.filter(({ n }) => isPickUp(n)).length);
      return { value: null, events: [...messages, ...picked] };
    });
    writeMs.push(committedAt - began);
    transactions += 1;
    largestBatch = Math.max(largestBatch, batch.length);
    for (const event of events) {
      if (event.type === 'ENQUIRY_PICKED_UP') {
        pickUps += 1;
        continue;
      }
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
    achievedRatePerSecond: Math.round(((emitted.length + pickUps) / durationMs) * 1000 * 10) / 10,
    durationMs: Math.round(durationMs),
    transactions,
    largestBatch,
    writeMs,
    stoppedByDeadline,
    pickUps,
  };
}
