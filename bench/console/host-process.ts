/**
 * Child-process entry: the browser host (the console's main-process core) in its own Node
 * process, as Electron's main process is in production, so that it does not share an event
 * loop with the backend and the bench's event driver.
 *
 * Instrumented, without changing behaviour: `ws`'s WebSocket is wrapped so that the first
 * time a bench text (`bench-<run>-<n>`) arrives from the backend (graphql-ws) and the first
 * time it leaves for the page (the bridge) are noted, in system-clock ms (clock.ts).
 *
 * argv: <backendUrl> <rendererDir>. Prints one JSON line `{ "url": … }` when listening.
 * stdin commands, one per line: `dump <file>` writes the notes (and the event loop's delay
 * since the last dump) to <file> and answers `dumped`; `cpu` answers this process's CPU time. Stops when stdin closes or on SIGTERM.
 */
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import { startBrowserHost } from '../../main/browser-host/server';
import { alignedNow, wallClockOffset } from './clock';

const [backendUrl, rendererDir] = process.argv.slice(2);
if (!backendUrl || !rendererDir) {
  process.stderr.write('usage: host-process.ts <backendUrl> <rendererDir>\n');
  process.exit(2);
}

const offset = wallClockOffset();
const received: Record<string, number> = {};
const sent: Record<string, number> = {};
const BENCH_TEXT = /bench-\d+-\d+/g;
const note = (into: Record<string, number>, text: string) => {
  const at = alignedNow(offset);
  for (const match of text.matchAll(BENCH_TEXT)) into[match[0]] ??= at;
};

const proto = WebSocket.prototype as unknown as {
  send(data: unknown, ...rest: unknown[]): void;
  emit(event: string | symbol, ...args: unknown[]): boolean;
};
const originalSend = proto.send;
proto.send = function send(this: unknown, data: unknown, ...rest: unknown[]) {
  if (typeof data === 'string' && data.includes('bench-')) note(sent, data);
  return originalSend.call(this, data, ...rest);
};
const originalEmit = proto.emit;
proto.emit = function emit(this: unknown, event: string | symbol, ...args: unknown[]) {
  const data = args[0];
  if (event === 'message' && Buffer.isBuffer(data) && data.includes('bench-'))
    note(received, data.toString('utf8'));
  return originalEmit.call(this, event, ...args);
};

// How late the host's event loop ran its callbacks, per measurement window (reset at each dump).
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();
const loopDelayMs = () => {
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  const summary = {
    p50: ms(loopDelay.percentile(50)),
    p99: ms(loopDelay.percentile(99)),
    max: ms(loopDelay.max),
  };
  loopDelay.reset();
  return summary;
};

const host = await startBrowserHost({ port: 0, backendUrl, rendererDir, quiet: true });
process.stdout.write(`${JSON.stringify({ url: host.url, origin: host.origin })}\n`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void host.stop().finally(() => process.exit(0));
};
let input = '';
process.stdin.on('data', (chunk: Buffer) => {
  input += chunk.toString('utf8');
  let newline = input.indexOf('\n');
  while (newline >= 0) {
    const line = input.slice(0, newline).trim();
    input = input.slice(newline + 1);
    newline = input.indexOf('\n');
    if (line.startsWith('dump ')) {
      writeFileSync(
        line.slice(5),
        JSON.stringify({ offset, received, sent, eventLoopDelayMs: loopDelayMs() }),
      );
      process.stdout.write('dumped\n');
    }
  }
});
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.on('SIGTERM', stop);
