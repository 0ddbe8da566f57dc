/**
 * The supervisor strip during the bench (issue 13): checks that the console shows "Live
 * metrics", "Agents" and "Help requests" (Ada's plan includes monitoring), and counts how
 * live they are over a window: the 'metrics/live' events the page receives from the host,
 * and the changes React makes to the two regions' DOM (mutation records, figures changed).
 * Counting costs the page one bridge listener and one MutationObserver per region.
 */
import type { Page } from '@playwright/test';

export const SUPERVISOR_REGIONS = ['Live metrics', 'Agents', 'Help requests'] as const;

/** The figures the "Live metrics" region shows, by metric (data-metric → text). */
export type ShownFigures = Record<string, string>;

export interface SupervisorWatch {
  /** 'metrics/live' events the page received from the host while watched. */
  metricsLiveEvents: number;
  /** MutationObserver records in the "Live metrics" region (text, nodes, attributes). */
  metricsDomMutations: number;
  /** MutationObserver records in the "Agents" region. */
  agentsDomMutations: number;
  /** The figures when the watch started and when it was read. */
  figuresBefore: ShownFigures;
  figuresAfter: ShownFigures;
  /** Figures whose text differs between the two. */
  figuresChanged: string[];
}

interface WatchState {
  events: number;
  metrics: number;
  agents: number;
  before: ShownFigures;
  observers: MutationObserver[];
  offEvent: () => void;
}

declare global {
  interface Window {
    __benchSupervisorWatch?: WatchState;
  }
}

// The functions given to page.evaluate below declare no named functions inside: tsx (esbuild
// with keepNames) would wrap them in a `__name` helper that does not exist in the page.

/** Waits until the three supervisor regions are visible; resolves to those that are not. */
export async function missingSupervisorRegions(page: Page, timeoutMs = 15_000): Promise<string[]> {
  const missing: string[] = [];
  for (const name of SUPERVISOR_REGIONS) {
    try {
      await page.getByRole('region', { name, exact: true }).waitFor({ state: 'visible', timeout: timeoutMs });
    } catch {
      missing.push(name);
    }
  }
  return missing;
}

/** Starts counting in the page (a running watch is replaced). */
export async function startSupervisorWatch(page: Page): Promise<void> {
  await page.evaluate(() => {
    const previous = window.__benchSupervisorWatch;
    if (previous) {
      previous.offEvent();
      for (const observer of previous.observers) observer.disconnect();
    }
    const before: Record<string, string> = {};
    for (const dd of document.querySelectorAll<HTMLElement>('[aria-label="Live metrics"] [data-metric]'))
      before[dd.dataset['metric'] ?? '?'] = dd.textContent ?? '';
    const counts = { events: 0, metrics: 0, agents: 0 };
    const offEvent = window.supervisor.on('metrics/live', () => {
      counts.events += 1;
    });
    const state: WatchState = Object.assign(counts, {
      before,
      observers: [] as MutationObserver[],
      offEvent,
    });
    for (const [label, key] of [
      ['Live metrics', 'metrics'],
      ['Agents', 'agents'],
    ] as const) {
      const region = document.querySelector(`[role="region"][aria-label="${label}"]`);
      if (!region) continue;
      const observer = new MutationObserver((records) => {
        counts[key] += records.length;
      });
      observer.observe(region, { subtree: true, childList: true, characterData: true, attributes: true });
      state.observers.push(observer);
    }
    window.__benchSupervisorWatch = state;
  });
}

/** Stops counting and reads the counts. */
export async function readSupervisorWatch(page: Page): Promise<SupervisorWatch> {
  return page.evaluate(() => {
    const state = window.__benchSupervisorWatch;
    if (!state) throw new Error('no supervisor watch running in this page');
    state.offEvent();
    for (const observer of state.observers) observer.disconnect();
    const after: Record<string, string> = {};
    for (const dd of document.querySelectorAll<HTMLElement>('[aria-label="Live metrics"] [data-metric]'))
      after[dd.dataset['metric'] ?? '?'] = dd.textContent ?? '';
    const metrics = [...new Set([...Object.keys(state.before), ...Object.keys(after)])];
    return {
      metricsLiveEvents: state.events,
      metricsDomMutations: state.metrics,
      agentsDomMutations: state.agents,
      figuresBefore: state.before,
      figuresAfter: after,
      figuresChanged: metrics.filter((metric) => state.before[metric] !== after[metric]),
    };
  });
}
