/**
 * The transcript window: which messages stay mounted as a room streams, including a burst
 * larger than the window (each message is shown at least once) and a reader scrolled up.
 */
import { describe, expect, it } from 'vitest';
import {
  firstMounted,
  MAX_CATCH_UP,
  TRIM_STEP,
  trimPoint,
  WINDOW,
} from '../../renderer/src/room/transcript-window';

describe('the transcript window', () => {
  it('mounts everything while a room holds no more than the window', () => {
    expect(trimPoint(0, 0)).toBe(0);
    expect(trimPoint(WINDOW, WINDOW - 1)).toBe(0);
    expect(trimPoint(WINDOW + TRIM_STEP - 1, WINDOW + TRIM_STEP - 2)).toBe(0);
  });

  it('unmounts older rows a step at a time as messages stream in one by one', () => {
    expect(trimPoint(WINDOW + TRIM_STEP, WINDOW + TRIM_STEP - 1)).toBe(TRIM_STEP);
    expect(trimPoint(WINDOW + 2 * TRIM_STEP - 1, WINDOW + 2 * TRIM_STEP - 2)).toBe(TRIM_STEP);
    expect(trimPoint(1_000, 999)).toBe(850);
    for (let length = 1; length < 2_000; length++) {
      const trim = trimPoint(length, length - 1);
      expect(trim % TRIM_STEP).toBe(0);
      // At least the window, and less than a step more, stays mounted.
      expect(length - trim).toBeGreaterThanOrEqual(Math.min(length, WINDOW));
      expect(length - trim).toBeLessThan(WINDOW + TRIM_STEP);
    }
  });

  it('shows every message of a burst larger than the window at least once', () => {
    // 400 messages shown, then 300 arrive in one render: none of the 300 is unmounted yet.
    const trim = trimPoint(700, 400);
    expect(trim).toBeLessThanOrEqual(400);
    expect(trim).toBe(400);
    // The next render (one more message) trims back to the window.
    expect(trimPoint(701, 700)).toBe(550);
  });

  it('keeps at most MAX_CATCH_UP rows beyond the window for a catch-up, however long the stall', () => {
    const trim = trimPoint(10_200, 200);
    expect(10_200 - trim).toBeLessThanOrEqual(WINDOW + TRIM_STEP + MAX_CATCH_UP);
    expect(trim).toBe(10_050 - MAX_CATCH_UP);
  });

  it('starts a fresh transcript (a room snapshot) at the window', () => {
    expect(trimPoint(500, 500)).toBe(350);
  });

  it('unmounts nothing above a reader who scrolled up, and brings earlier ones back on request', () => {
    expect(firstMounted(850, null, 0)).toBe(850);
    expect(firstMounted(900, 850, 0)).toBe(850);
    expect(firstMounted(850, null, WINDOW)).toBe(850 - WINDOW);
    expect(firstMounted(100, null, 2 * WINDOW)).toBe(0);
  });
});
