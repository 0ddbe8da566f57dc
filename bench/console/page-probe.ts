/**
 * The in-page probe, bundled (esbuild, IIFE) and injected before any page script
 * (`addInitScript`), identically into the console and the floor page:
 *  - a MutationObserver on the document notes each bench text (`bench-<run>-<n>`) the first
 *    time it enters the DOM, and it is stamped with the requestAnimationFrame time of the frame
 *    that paints it. Text put in the DOM between frames is painted by the next frame; text put
 *    in the DOM by a requestAnimationFrame callback is painted by the frame running that
 *    callback (rAF callbacks run before the frame's style, layout and paint), and is stamped
 *    with the moment it entered the DOM (never earlier). To tell the two
 *    apart, a 1 px probe element changes size in every frame, so a ResizeObserver callback runs
 *    after that frame's layout, after every rAF callback: what it finds noted was laid out and
 *    painted in this frame. `nextRafAt`, the first rAF to start after the text entered the DOM,
 *    is kept too (what this probe stamped before): the same for text inserted between frames,
 *    one frame later for text inserted by a rAF callback that runs after the probe's own.
 *  - a requestAnimationFrame loop records every frame's start, so frame lengths can be read
 *    for any window; a PerformanceObserver records long tasks (> 50 ms).
 *  - every WebSocket the page opens gets a first 'message' listener that notes when a bench
 *    text first arrives over the wire (for the console: the bridge from the host; for the
 *    floor: graphql-ws from the backend), splitting latency into delivery and rendering.
 *  - `signInClicked` / `boardShown`: the moment "Sign in" is clicked and the first frame in
 *    which the Handling column shows an enquiry (time to first board render).
 * All times are system-clock milliseconds (see clock.ts), comparable with the backend's.
 */
import { alignedNow, wallClockOffset } from './clock';

export interface ProbeMark {
  /** When a WebSocket message carrying the text reached the page (first listener), if seen. */
  wsAt: number;
  /** When the text was first seen in the DOM (MutationObserver callback). */
  domAt: number;
  /** The requestAnimationFrame time of the frame that paints it. */
  frameAt: number;
  /** The first requestAnimationFrame that started after the text entered the DOM. */
  nextRafAt: number;
}

export interface ProbeState {
  offset: number;
  marks: Record<string, ProbeMark>;
  frames: number[];
  longTasks: { start: number; duration: number }[];
  signInClickedAt: number | null;
  boardShownAt: number | null;
}

declare global {
  interface Window {
    __benchProbe?: ProbeState & { recalibrate(): number };
  }
}

const BENCH_TEXT = /bench-\d+-\d+/g;
/** A mark before anything was seen of its text. */
const UNSEEN: ProbeMark = { wsAt: 0, domAt: 0, frameAt: 0, nextRafAt: 0 };

function install(): void {
  if (window.__benchProbe) return;
  let offset = wallClockOffset(4);
  const now = () => alignedNow(offset);
  const state: ProbeState & { recalibrate(): number } = {
    offset,
    marks: {},
    frames: [],
    longTasks: [],
    signInClickedAt: null,
    boardShownAt: null,
    recalibrate() {
      offset = wallClockOffset(8);
      state.offset = offset;
      return offset;
    },
  };
  window.__benchProbe = state;

  let pending: string[] = [];
  let watchBoard = false;
  const noteText = (text: string | null, at: number) => {
    if (!text || text.indexOf('bench-') < 0) return;
    for (const match of text.matchAll(BENCH_TEXT)) {
      const key = match[0];
      const known = state.marks[key];
      if (known && known.domAt > 0) continue;
      if (known) known.domAt = at;
      else state.marks[key] = { ...UNSEEN, domAt: at };
      pending.push(key);
      awaitingNextRaf.push(key);
    }
  };

  const noteArrival = (data: unknown) => {
    if (typeof data !== 'string' || data.indexOf('bench-') < 0) return;
    const at = now();
    for (const match of data.matchAll(BENCH_TEXT)) {
      if (!state.marks[match[0]]) state.marks[match[0]] = { ...UNSEEN, wsAt: at };
    }
  };
  const NativeWebSocket = window.WebSocket;
  class ProbedWebSocket extends NativeWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('message', (event: MessageEvent) => noteArrival(event.data));
    }
  }
  window.WebSocket = ProbedWebSocket;

  const observer = new MutationObserver((records) => {
    const at = now();
    for (const record of records) {
      if (record.type === 'characterData') noteText(record.target.textContent, at);
      else for (const node of record.addedNodes) noteText(node.textContent, at);
    }
  });
  const observe = () => observer.observe(document, { childList: true, subtree: true, characterData: true });
  observe();

  const boardRendered = () =>
    document.querySelector(
      '[aria-label="Handling"] button, section[aria-label="Handling"] [role="listitem"]',
    ) !== null;

  /** Noted in the DOM since the last frame that painted: laid out by the next layout. */
  let awaitingNextRaf: string[] = [];
  let frameStart = 0;
  // The frame's start, or, for text a rAF callback of that frame put in the DOM, that moment:
  // never earlier than the text entered the DOM.
  const stampPainted = (at: number) => {
    for (const key of pending) {
      const mark = state.marks[key];
      if (mark) mark.frameAt = Math.max(at, mark.domAt);
    }
    pending = [];
  };
  // Resized in every frame so that the ResizeObserver runs after each frame's layout.
  const ticker = document.createElement('div');
  ticker.setAttribute('aria-hidden', 'true');
  ticker.style.cssText =
    'position:fixed;left:0;top:0;width:1px;height:1px;contain:strict;visibility:hidden;pointer-events:none';
  let tick = false;
  new ResizeObserver(() => {
    if (frameStart > 0) stampPainted(frameStart);
  }).observe(ticker);
  const attachTicker = () => document.documentElement.appendChild(ticker);
  if (document.documentElement) attachTicker();
  else document.addEventListener('readystatechange', attachTicker, { once: true });

  const onFrame = () => {
    const at = now();
    state.frames.push(at);
    // Left over from a frame whose layout the observer missed: painted no later than this one.
    stampPainted(at);
    frameStart = at;
    for (const key of awaitingNextRaf) {
      const mark = state.marks[key];
      if (mark) mark.nextRafAt = at;
    }
    awaitingNextRaf = [];
    tick = !tick;
    ticker.style.width = tick ? '2px' : '1px';
    if (watchBoard && boardRendered()) {
      state.boardShownAt = at;
      watchBoard = false;
    }
    requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);

  document.addEventListener(
    'click',
    (event) => {
      const target = event.target as Element | null;
      const button = target?.closest('button');
      if (button && button.textContent?.trim() === 'Sign in' && state.signInClickedAt === null) {
        state.signInClickedAt = now();
        watchBoard = true;
      }
    },
    true,
  );

  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        state.longTasks.push({
          start: performance.timeOrigin + entry.startTime + offset,
          duration: entry.duration,
        });
      }
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // longtask not supported: the frame record still shows long frames
  }
}

install();
