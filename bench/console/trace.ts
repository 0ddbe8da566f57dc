/**
 * A Chromium trace of the pages (Playwright's browser tracing), summarised per page as
 * main-thread self time per trace event name: where the renderer's time goes beyond
 * JavaScript (style, layout, paint, commit, GC…), which a CPU profile lumps together as
 * "(program)". Diagnostic only: tracing costs time, so no latency figure is taken with it on.
 */
import { writeFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink',
  'cc',
  'v8',
  'toplevel',
];

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string; data?: { frame?: string; url?: string } };
}

export interface TraceSummary {
  wallMs: number;
  /** Main-thread time inside any task (the thread was busy). */
  busyMs: number;
  /** Self time per event name, largest first (top 25). */
  selfMs: { name: string; ms: number; count: number }[];
}

/** Starts tracing the browser (every page). */
export async function startTrace(browser: Browser, page: Page): Promise<void> {
  await browser.startTracing(page, { categories: CATEGORIES });
}

/** Main-thread ids (pid:tid) of renderer processes, from the trace's thread names. */
function mainThreads(events: TraceEvent[]): Set<string> {
  const threads = new Set<string>();
  for (const event of events) {
    if (event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain') {
      threads.add(`${event.pid}:${event.tid}`);
    }
  }
  return threads;
}

interface FrameInfo {
  url?: string;
  processId?: number;
}

/** The renderer main thread of the process that shows a page whose URL contains `urlPart`. */
function threadOf(events: TraceEvent[], threads: Set<string>, urlPart: string): string | null {
  const pids = new Set<number>();
  for (const event of events) {
    const data = (event.args as { data?: { frames?: FrameInfo[] } & FrameInfo } | undefined)?.data;
    const frames = data?.frames ?? (data ? [data] : []);
    for (const frame of frames) {
      if (frame.processId !== undefined && frame.url?.includes(urlPart)) pids.add(frame.processId);
    }
  }
  for (const key of threads) if (pids.has(Number(key.split(':')[0]))) return key;
  return null;
}

function summarise(events: TraceEvent[], thread: string): TraceSummary {
  const complete = events
    .filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === thread && (e.dur ?? 0) > 0)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const self = new Map<string, { us: number; count: number }>();
  const stack: { end: number; name: string; childUs: number; dur: number }[] = [];
  let busyUs = 0;
  const close = (upTo: number) => {
    while (stack.length > 0 && (stack[stack.length - 1] as { end: number }).end <= upTo) {
      const done = stack.pop() as { name: string; childUs: number; dur: number };
      const entry = self.get(done.name) ?? { us: 0, count: 0 };
      entry.us += Math.max(0, done.dur - done.childUs);
      entry.count += 1;
      self.set(done.name, entry);
    }
  };
  for (const event of complete) {
    const dur = event.dur as number;
    close(event.ts);
    const parent = stack[stack.length - 1];
    if (parent) parent.childUs += Math.min(dur, parent.end - event.ts);
    else busyUs += dur;
    stack.push({ end: event.ts + dur, name: event.name, childUs: 0, dur });
  }
  close(Number.POSITIVE_INFINITY);
  const first = complete[0]?.ts ?? 0;
  const last = complete.reduce((end, e) => Math.max(end, e.ts + (e.dur ?? 0)), first);
  const ms = (us: number) => Math.round(us / 100) / 10;
  return {
    wallMs: ms(last - first),
    busyMs: ms(busyUs),
    selfMs: [...self.entries()]
      .map(([name, { us, count }]) => ({ name, ms: ms(us), count }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 25),
  };
}

/** Stops tracing; summarises the main thread of each page, found by a part of its URL. */
export async function stopTrace(
  browser: Browser,
  pages: Record<string, string>,
  saveAs?: string,
): Promise<Record<string, TraceSummary | { notFound: string }>> {
  const buffer = await browser.stopTracing();
  if (saveAs) writeFileSync(saveAs, buffer);
  const parsed = JSON.parse(buffer.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const threads = mainThreads(events);
  const found = new Map(
    Object.entries(pages).map(([label, urlPart]) => [label, threadOf(events, threads, urlPart)]),
  );
  // A page loaded before tracing began may not be named in the trace: it is then the one
  // renderer main thread no other page claimed.
  const unclaimed = [...threads].filter((thread) => ![...found.values()].includes(thread));
  const result: Record<string, TraceSummary | { notFound: string }> = {};
  for (const [label, urlPart] of Object.entries(pages)) {
    const thread = found.get(label) ?? (unclaimed.length === 1 ? unclaimed[0] : null);
    result[label] = thread
      ? summarise(events, thread)
      : { notFound: `no renderer main thread ran ${urlPart}` };
  }
  return result;
}
