/**
 * Turns raw records into report figures: per-event latency (commit → painted frame, with
 * the delivery and DOM steps beside it), frame lengths and long tasks within a window.
 */
import { summarize, type LatencySummary } from '../backend/stats';
import type { EmittedEvent } from './driver';
import type { HostNotes } from './host-child';
import type { ProbeState } from './page-probe';

export interface PageLatency {
  expected: number;
  /** Painted (seen in the DOM and stamped by a frame). */
  delivered: number;
  missing: number;
  /** A few missing texts, to look for. */
  missingSample: string[];
  /** Commit → the frame that painted the text (its requestAnimationFrame time): the headline figure. */
  commitToPaint: LatencySummary;
  /**
   * Commit → the first requestAnimationFrame to start after the text entered the DOM. The
   * same as commitToPaint for text inserted between frames; one frame more for text inserted
   * by a requestAnimationFrame callback (which that very frame paints).
   */
  commitToRafAfterDom: LatencySummary;
  /**
   * Commit → the page's WebSocket 'message' event ran (backend, for the console also the
   * host; includes time the message queued behind other work on the page's main thread).
   */
  commitToPageMessage: LatencySummary;
  /** Message event → text in the DOM (the page's own work: parse, state, render). */
  pageMessageToDom: LatencySummary;
  /** DOM → the frame that painted it. */
  domToFrame: LatencySummary;
}

/** Latency of `emitted` as the page saw it. */
export function pageLatency(emitted: readonly EmittedEvent[], probe: ProbeState): PageLatency {
  const paint: number[] = [];
  const rafAfterDom: number[] = [];
  const toWs: number[] = [];
  const wsToDom: number[] = [];
  const domToFrame: number[] = [];
  const missing: string[] = [];
  for (const event of emitted) {
    const mark = probe.marks[event.text];
    if (!mark || mark.frameAt <= 0) {
      missing.push(event.text);
      continue;
    }
    paint.push(mark.frameAt - event.committedAt);
    if (mark.nextRafAt > 0) rafAfterDom.push(mark.nextRafAt - event.committedAt);
    domToFrame.push(mark.frameAt - mark.domAt);
    if (mark.wsAt > 0) {
      toWs.push(mark.wsAt - event.committedAt);
      wsToDom.push(mark.domAt - mark.wsAt);
    }
  }
  return {
    expected: emitted.length,
    delivered: paint.length,
    missing: missing.length,
    missingSample: missing.slice(0, 5),
    commitToPaint: summarize(paint),
    commitToRafAfterDom: summarize(rafAfterDom),
    commitToPageMessage: summarize(toWs),
    pageMessageToDom: summarize(wsToDom),
    domToFrame: summarize(domToFrame),
  };
}

export interface FrameWindow {
  frames: number;
  /** Longest gap between two consecutive animation frames, ms (≈16.7 when smooth). */
  longestFrameMs: number;
  framesOver50Ms: number;
  framesOver100Ms: number;
  /** Frames per second over the window. */
  fps: number;
  longTasks: number;
  longestTaskMs: number;
  totalLongTaskMs: number;
}

const round = (value: number) => Math.round(value * 10) / 10;

/** Frames and long tasks between `from` and `to` (system-clock ms). */
export function frameWindow(probe: ProbeState, from: number, to: number): FrameWindow {
  let longest = 0;
  let over50 = 0;
  let over100 = 0;
  let count = 0;
  let previous: number | null = null;
  for (const frame of probe.frames) {
    if (frame < from) {
      previous = frame;
      continue;
    }
    if (frame > to) break;
    count += 1;
    if (previous !== null) {
      const gap = frame - previous;
      longest = Math.max(longest, gap);
      if (gap > 50) over50 += 1;
      if (gap > 100) over100 += 1;
    }
    previous = frame;
  }
  const tasks = probe.longTasks.filter((task) => task.start + task.duration >= from && task.start <= to);
  return {
    frames: count,
    longestFrameMs: round(longest),
    framesOver50Ms: over50,
    framesOver100Ms: over100,
    fps: round((count / Math.max(1, to - from)) * 1000),
    longTasks: tasks.length,
    longestTaskMs: round(Math.max(0, ...tasks.map((task) => task.duration))),
    totalLongTaskMs: round(tasks.reduce((sum, task) => sum + task.duration, 0)),
  };
}

/** a / b rounded to 2 places, or null. */
export function ratio(a: number, b: number): number | null {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? Math.round((a / b) * 100) / 100 : null;
}

/** The console's path at the browser host: backend → host (received), host → page (sent). */
export function hostLatency(emitted: readonly EmittedEvent[], notes: HostNotes) {
  const toHost: number[] = [];
  const inHost: number[] = [];
  let notSent = 0;
  for (const event of emitted) {
    const received = notes.received[event.text];
    const sent = notes.sent[event.text];
    if (received === undefined || sent === undefined) {
      notSent += 1;
      continue;
    }
    toHost.push(received - event.committedAt);
    inHost.push(sent - received);
  }
  return {
    /** Commit → the host's graphql-ws socket received the event (backend work + loopback). */
    commitToHostReceived: summarize(toHost),
    /** Received → sent to the page over the bridge (graphql-ws client, streams, the event batcher). */
    hostReceivedToSent: summarize(inHost),
    notSeenByHost: notSent,
  };
}
