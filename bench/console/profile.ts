/**
 * A CPU profile of a page's main thread (CDP Profiler), summarised as self time per
 * function. Positions in the built renderer are mapped back to renderer/ sources through
 * vite's source maps (source-map-js, already in the tree via vite/postcss) when available.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { CDPSession } from '@playwright/test';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

interface Mapper {
  originalPositionFor(position: { line: number; column: number }): {
    source: string | null;
    line: number | null;
    name: string | null;
  };
}

/** Starts sampling the page's main thread every 500 µs. */
export async function startProfile(cdp: CDPSession): Promise<void> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
}

async function loadMapper(
  rendererDir: string,
  url: string,
  cache: Map<string, Mapper | null>,
): Promise<Mapper | null> {
  const file = basename(new URL(url).pathname);
  if (cache.has(file)) return cache.get(file) ?? null;
  let mapper: Mapper | null = null;
  const mapFile = join(rendererDir, 'assets', `${file}.map`);
  if (existsSync(mapFile)) {
    try {
      const { SourceMapConsumer } = await import('source-map-js');
      mapper = new SourceMapConsumer(JSON.parse(readFileSync(mapFile, 'utf8'))) as unknown as Mapper;
    } catch {
      mapper = null;
    }
  }
  cache.set(file, mapper);
  return mapper;
}

/** Where a source path belongs: the package for node_modules, else the path from renderer/ or shared/. */
function area(source: string): string {
  const nodeModules = source.lastIndexOf('node_modules/');
  if (nodeModules >= 0) {
    const rest = source.slice(nodeModules + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? source);
  }
  const own = source.search(/(renderer|shared)\//);
  return own >= 0 ? source.slice(own) : source;
}

export interface ProfileSummary {
  durationMs: number;
  /** Self time by area: a package, a renderer/shared source file, or V8's (program)/(idle)/(garbage collector). */
  byArea: { area: string; selfMs: number; share: number }[];
  /** The functions with the most self time (original names and lines where mapped). */
  topFunctions: { fn: string; at: string; selfMs: number; share: number }[];
}

/** Stops the profile and summarises it. */
export async function stopProfile(cdp: CDPSession, rendererDir: string): Promise<ProfileSummary> {
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  await cdp.send('Profiler.disable');
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i] as number;
    const next = deltas[i + 1] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + next);
  }
  const cache = new Map<string, Mapper | null>();
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, { fn: string; at: string; us: number }>();
  let total = 0;
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (us <= 0) continue;
    total += us;
    const frame = node.callFrame;
    let fn = frame.functionName || '(anonymous)';
    let at = frame.url ? `${basename(frame.url)}:${frame.lineNumber + 1}` : fn;
    let where = frame.url ? basename(frame.url) : fn;
    if (frame.url.includes('/assets/')) {
      const mapper = await loadMapper(rendererDir, frame.url, cache);
      const original = mapper?.originalPositionFor({
        line: frame.lineNumber + 1,
        column: frame.columnNumber,
      });
      if (original?.source) {
        where = area(original.source);
        at = `${where}:${original.line ?? '?'}`;
        fn = original.name ?? fn;
      }
    }
    byArea.set(where, (byArea.get(where) ?? 0) + us);
    const key = `${fn}@${at}`;
    const entry = byFunction.get(key) ?? { fn, at, us: 0 };
    entry.us += us;
    byFunction.set(key, entry);
  }
  const ms = (us: number) => Math.round(us / 100) / 10;
  const share = (us: number) => Math.round((us / Math.max(1, total)) * 1000) / 1000;
  return {
    durationMs: Math.round((profile.endTime - profile.startTime) / 1000),
    byArea: [...byArea.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([name, us]) => ({ area: name, selfMs: ms(us), share: share(us) })),
    topFunctions: [...byFunction.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, 20)
      .map((entry) => ({ fn: entry.fn, at: entry.at, selfMs: ms(entry.us), share: share(entry.us) })),
  };
}
