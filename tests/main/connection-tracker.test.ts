/**
 * "Last sync" is truthful while live: the sync time moves on with each event received and
 * main tells the renderer at most once a second (a burst is one message, carrying its last
 * event's time), never once per event.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunningBackend } from '../../backend/index';
import { ConnectionTracker, SYNC_ANNOUNCE_MS, type ConnectionView } from '../../main/core/connection-tracker';
import { startTestBackend } from '../support/backend-client';
import { recordingSession, signInLive, until, visitorStartsEnquiry } from './helpers';

describe('ConnectionTracker', () => {
  let announced: ConnectionView[];
  let tracker: ConnectionTracker;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(new Date('2026-12-07T12:00:00.000Z'));
    announced = [];
    tracker = new ConnectionTracker((view) => announced.push(view));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('announces going live with the connect time', () => {
    tracker.set({ state: 'connecting', detail: null });
    tracker.set({ state: 'live', detail: null });
    expect(announced.at(-1)).toEqual({ state: 'live', detail: null, lastSyncAt: '2026-12-07T12:00:00.000Z' });
  });

  it('moves the sync time on with the events received while live, announced at most once a second', () => {
    tracker.set({ state: 'live', detail: null });
    const before = announced.length;

    // An event 5 s after connecting is announced at once (nothing was announced for a second).
    vi.advanceTimersByTime(5000);
    tracker.markSynced();
    expect(announced.length).toBe(before + 1);
    expect(announced.at(-1)?.lastSyncAt).toBe('2026-12-07T12:00:05.000Z');

    // A burst of 200 events over the next 600 ms: no message during it...
    for (let i = 0; i < 200; i++) {
      vi.advanceTimersByTime(3);
      tracker.markSynced();
    }
    expect(announced.length).toBe(before + 1);
    // ...and one when the second is up, with the burst's last event's time.
    vi.advanceTimersByTime(SYNC_ANNOUNCE_MS);
    expect(announced.length).toBe(before + 2);
    expect(announced.at(-1)).toEqual({ state: 'live', detail: null, lastSyncAt: '2026-12-07T12:00:05.600Z' });
    expect(tracker.current.lastSyncAt).toBe('2026-12-07T12:00:05.600Z');

    // Quiet afterwards: nothing more is sent.
    vi.advanceTimersByTime(10_000);
    expect(announced.length).toBe(before + 2);
  });

  it('keeps the last sync time, unannounced, while not live; a state change is announced at once', () => {
    tracker.set({ state: 'live', detail: null });
    vi.advanceTimersByTime(2000);
    tracker.markSynced();
    tracker.markSynced();
    tracker.set({ state: 'reconnecting', detail: 'Connection lost. Reconnecting.' });
    expect(announced.at(-1)).toEqual({
      state: 'reconnecting',
      detail: 'Connection lost. Reconnecting.',
      lastSyncAt: '2026-12-07T12:00:02.000Z',
    });
    const count = announced.length;
    vi.advanceTimersByTime(5000);
    tracker.markSynced();
    vi.advanceTimersByTime(5000);
    expect(announced.length).toBe(count);
    tracker.set({ state: 'signed-out', detail: null });
    expect(announced.at(-1)).toEqual({ state: 'signed-out', detail: null, lastSyncAt: null });
  });
});

describe('a live session\'s "Last sync"', () => {
  let backend: RunningBackend;
  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(async () => {
    await backend?.stop();
  });

  const lastSync = (r: ReturnType<typeof recordingSession>) =>
    r.of('connection/state').at(-1)?.lastSyncAt ?? '';

  it('advances with the board events received, in far fewer messages than events', async () => {
    // Heartbeats rarer than the test: only the events can move the time on here.
    const r = await signInLive(recordingSession(backend.url, { keepAliveMs: 60_000 }), 'ada@demo.test');
    const connectedAt = lastSync(r);
    const statesBefore = r.of('connection/state').length;
    await new Promise((resolve) => setTimeout(resolve, 1100));
    for (let i = 0; i < 20; i++) await visitorStartsEnquiry(backend.url, `Sync Visitor ${i}`);
    await until(() => lastSync(r) > connectedAt, 'the sync time moves on with the events');
    await until(() => r.of('board/events').flat().length >= 20, 'the events arrived');
    await new Promise((resolve) => setTimeout(resolve, SYNC_ANNOUNCE_MS + 200));
    const messages = r.of('connection/state').length - statesBefore;
    expect(messages).toBeGreaterThan(0);
    expect(messages).toBeLessThan(20);
    expect(
      r
        .of('connection/state')
        .slice(statesBefore)
        .map((view) => view.state),
    ).not.toContain('reconnecting');
    await r.session.dispose();
  });

  it('advances with the keep-alive answers while nothing happens', async () => {
    const r = await signInLive(recordingSession(backend.url, { keepAliveMs: 300 }), 'grace@demo.test');
    const connectedAt = lastSync(r);
    await until(() => lastSync(r) > connectedAt, 'a heartbeat moves the sync time on', 5000);
    expect(r.of('connection/state').at(-1)?.state).toBe('live');
    await r.session.dispose();
  });
});
