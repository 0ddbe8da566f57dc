/**
 * Where the CPU went during a phase: CPU time of this process (backend + driver), the
 * browser host's process, and Chromium's processes by type (Linux /proc), and per page the
 * renderer main thread's task / script / layout / style time (CDP Performance.getMetrics).
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { CDPSession } from '@playwright/test';

const TICKS_PER_SECOND = 100;

interface ProcStat {
  pid: number;
  ppid: number;
  cpuMs: number;
}

function readStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return { pid, ppid: Number(fields[1]), cpuMs: ((utime + stime) * 1000) / TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

function kindOf(pid: number): string {
  try {
    // Zygote-forked processes rewrite their title into one space-separated string.
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    const type = /--type=([\w-]+)/.exec(cmdline)?.[1];
    if (type) return `chromium-${type}`;
    return cmdline.includes('chrom') ? 'chromium-browser' : 'other';
  } catch {
    return 'gone';
  }
}

/** CPU ms so far, by process group: bench (this process), host, chromium-<type>. */
export function cpuByGroup(hostPid: number): Record<string, number> {
  const stats: ProcStat[] = [];
  if (process.platform !== 'linux') return {};
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat) stats.push(stat);
  }
  const children = new Map<number, ProcStat[]>();
  for (const stat of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
  const groups: Record<string, number> = {};
  const add = (group: string, ms: number) => {
    groups[group] = (groups[group] ?? 0) + ms;
  };
  // Descendants of the host are 'host'; Chromium's processes go by their own type; anything
  // else under this process (e.g. esbuild's service) counts as 'bench'.
  const walk = (pid: number, underHost: boolean) => {
    for (const child of children.get(pid) ?? []) {
      const host = underHost || child.pid === hostPid;
      const kind = host ? 'host' : kindOf(child.pid);
      add(kind === 'other' ? 'bench' : kind, child.cpuMs);
      walk(child.pid, host);
    }
  };
  add('bench', readStat(process.pid)?.cpuMs ?? 0);
  walk(process.pid, false);
  return groups;
}

/** Per-group CPU between two readings, as ms and as a share of one core over `wallMs`. */
export function cpuDelta(before: Record<string, number>, after: Record<string, number>, wallMs: number) {
  const result: Record<string, { cpuMs: number; coreShare: number }> = {};
  for (const [group, ms] of Object.entries(after)) {
    const delta = ms - (before[group] ?? 0);
    if (delta <= 0) continue;
    result[group] = { cpuMs: Math.round(delta), coreShare: Math.round((delta / wallMs) * 100) / 100 };
  }
  return result;
}

const METRICS = [
  'TaskDuration',
  'ScriptDuration',
  'LayoutDuration',
  'RecalcStyleDuration',
  'LayoutCount',
  'RecalcStyleCount',
];

/** The page's renderer main-thread counters (CDP Performance domain; durations in ms). */
export async function pageMetrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[];
  };
  const picked: Record<string, number> = {};
  for (const metric of metrics) {
    if (!METRICS.includes(metric.name)) continue;
    picked[metric.name] = metric.name.endsWith('Duration') ? metric.value * 1000 : metric.value;
  }
  return picked;
}

/** Difference of two {@link pageMetrics} readings, rounded. */
export function metricsDelta(
  before: Record<string, number>,
  after: Record<string, number>,
): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [name, value] of Object.entries(after)) {
    const key = name.endsWith('Duration') ? `${name.replace('Duration', '')}Ms` : name;
    result[key] = Math.round(value - (before[name] ?? 0));
  }
  return result;
}
