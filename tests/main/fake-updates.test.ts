/**
 * The browser host's fake release channel (main/browser-host/fake-updates.ts) and its
 * command-line flag: the real update policy over a fake updater, one window per tab.
 */
import { describe, expect, it } from 'vitest';
import type { UpdateStatus } from '../../shared/ipc/contract';
import { fakeUpdateOption } from '../../main/browser-host/cli';
import { FakeUpdateSource } from '../../main/browser-host/fake-updates';

/** Resolves once `predicate` holds for what the tab was last told (polling, no fixed sleeps). */
async function until(read: () => UpdateStatus | undefined, predicate: (status: UpdateStatus) => boolean) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const status = read();
    if (status && predicate(status)) return status;
    if (Date.now() > deadline) throw new Error(`still ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('--fake-update', () => {
  it('takes a release version and a pace, and refuses anything else with the reason', () => {
    expect(fakeUpdateOption(undefined, undefined)).toBeUndefined();
    expect(fakeUpdateOption('0.2.0', undefined)).toEqual({ version: '0.2.0' });
    expect(fakeUpdateOption('0.3.0-beta.1', '50')).toEqual({ version: '0.3.0-beta.1', stepMs: 50 });
    expect(() => fakeUpdateOption('latest', undefined)).toThrow(/version like 0\.2\.0/);
    expect(() => fakeUpdateOption('0.2.0', 'fast')).toThrow(/--fake-update-step-ms must be a whole number/);
    expect(() => fakeUpdateOption(undefined, '50')).toThrow(/needs --fake-update/);
  });
});

describe('FakeUpdateSource', () => {
  it('tells every tab the check, the progress and "ready"; a restart waits for any tab\'s work and a closed tab\'s work goes with it', async () => {
    const source = new FakeUpdateSource({ version: '0.2.0', stepMs: 5 });
    const told: UpdateStatus[][] = [[], []];
    const tabs = told.map((list) => source.openTab((status) => list.push(status)));
    const last = (tab: number) => told[tab]!.at(-1);
    try {
      // Nothing starts before a console asks.
      expect(source.status()).toMatchObject({ state: 'idle', lastCheckedAt: null });
      expect(told[0]).toEqual([]);
      expect(tabs[0]!.status()).toEqual({ state: 'checking', channel: 'stable' });

      await until(
        () => last(1),
        (status) => status.state === 'ready',
      );
      for (const list of told) {
        const states = list.map((status) => status.state);
        expect(states[0]).toBe('checking');
        expect(states).toContain('downloading');
        const percents = list.flatMap((status) => (status.state === 'downloading' ? [status.percent] : []));
        expect(percents).toEqual([...percents].sort((a, b) => a - b));
        expect(percents.at(-1)).toBe(100);
      }

      // Tab 1 has unsent text; tab 0 asks to restart: it waits, and both are told why.
      tabs[1]!.setPendingWork(['draft']);
      expect(await tabs[0]!.restart()).toMatchObject({
        state: 'ready',
        restartRequested: true,
        waitingFor: ['draft'],
      });
      expect(last(1)).toMatchObject({ state: 'ready', restartRequested: true, waitingFor: ['draft'] });

      // Tab 1 goes away: its work no longer holds the restart back.
      tabs[1]!.close();
      expect(last(0)).toEqual({ state: 'restarting', channel: 'stable', version: '0.2.0' });
      await until(
        () => last(0),
        (status) => status.state === 'idle',
      );
      expect(source.runningVersion).toBe('0.2.0');
      expect(last(0)).toMatchObject({ state: 'idle', problem: null });

      // A person's check of a feed that is down: a problem for people, then it runs on.
      source.failNextCheck();
      const failed = await tabs[0]!.check();
      expect(failed).toMatchObject({ state: 'idle' });
      expect(failed.state === 'idle' && failed.problem).toMatch(/could not be reached.*keeps working/);
    } finally {
      source.stop();
    }
  });
});
