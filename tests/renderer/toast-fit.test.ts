/**
 * The toast stack in the space it is given: all toasts when they fit, else the newest
 * beneath a "+N more" toggle, else the newest on one line; and no toast times out while
 * the stack is held open or read.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  fitToasts,
  heightsOf,
  TOAST_GAP,
  TOAST_HEIGHT_GUESS,
  TOAST_TOGGLE_HEIGHT,
} from '../../renderer/src/ui/toast-fit';
import {
  MAX_HELD_TOASTS,
  MAX_TOASTS,
  TOAST_RELEASE_MS,
  pauseToastsWhile,
  useToasts,
} from '../../renderer/src/stores/toast-store';

describe('fitting toasts', () => {
  it('shows nothing, and no toggle, without toasts', () => {
    expect(fitToasts(500, [])).toEqual({ shown: 0, compact: false });
  });

  it('shows every toast when they fit, gaps included', () => {
    const heights = [80, 60, 100];
    const exact = 80 + 60 + 100 + 2 * TOAST_GAP;
    expect(fitToasts(exact, heights)).toEqual({ shown: 3, compact: false });
    expect(fitToasts(exact - 0.3, heights)).toEqual({ shown: 3, compact: false });
  });

  it('shows the newest that fit beneath the toggle row when not all do', () => {
    const heights = [80, 80, 80];
    const underToggle = (rows: number) =>
      TOAST_TOGGLE_HEIGHT + TOAST_GAP + rows * 80 + (rows - 1) * TOAST_GAP;
    expect(fitToasts(underToggle(2), heights)).toEqual({ shown: 2, compact: false });
    expect(fitToasts(underToggle(2) - 1, heights)).toEqual({ shown: 1, compact: false });
    expect(fitToasts(underToggle(1), heights)).toEqual({ shown: 1, compact: false });
  });

  it('counts from the newest: a tall older toast does not hide a short newer one', () => {
    expect(fitToasts(TOAST_TOGGLE_HEIGHT + TOAST_GAP + 50, [200, 50])).toEqual({ shown: 1, compact: false });
  });

  it('shows the newest on one line when not even it fits in full', () => {
    expect(fitToasts(30, [80])).toEqual({ shown: 1, compact: true });
    expect(fitToasts(30, [80, 80, 80])).toEqual({ shown: 1, compact: true });
    // It would fit alone, but not beneath the toggle the older ones need.
    expect(fitToasts(90, [80, 80])).toEqual({ shown: 1, compact: true });
    expect(fitToasts(0, [80])).toEqual({ shown: 1, compact: true });
  });

  it('guesses the height of toasts not measured yet', () => {
    expect(heightsOf([1, 2, 3], new Map([[2, 61]]))).toEqual([TOAST_HEIGHT_GUESS, 61, TOAST_HEIGHT_GUESS]);
  });
});

describe('holding the stack open', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    useToasts.setState({ toasts: [], held: false });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const titles = () => useToasts.getState().toasts.map((toast) => toast.title);

  it('keeps toasts past their time while held, and lets them go shortly after the release', () => {
    const { show, hold } = useToasts.getState();
    show({ tone: 'success', title: 'Joined' });
    vi.advanceTimersByTime(4000);
    hold(true);
    show({ tone: 'info', title: 'Taken over' });
    vi.advanceTimersByTime(60_000);
    expect(titles()).toEqual(['Joined', 'Taken over']);

    hold(false);
    vi.advanceTimersByTime(TOAST_RELEASE_MS - 1);
    expect(titles()).toEqual(['Joined', 'Taken over']);
    vi.advanceTimersByTime(1);
    expect(titles()).toEqual([]);
  });

  it('times toasts out as usual when never held, and dismisses by hand at once', () => {
    const { show, dismiss } = useToasts.getState();
    const first = show({ tone: 'success', title: 'Joined' });
    show({ tone: 'error', title: 'Refused' });
    dismiss(first);
    expect(titles()).toEqual(['Refused']);
    vi.advanceTimersByTime(8000);
    expect(titles()).toEqual(['Refused']);
    vi.advanceTimersByTime(4000);
    expect(titles()).toEqual([]);
  });

  it('does not bring back a toast dismissed by hand while held', () => {
    const { show, dismiss, hold } = useToasts.getState();
    hold(true);
    const id = show({ tone: 'success', title: 'Joined' });
    vi.advanceTimersByTime(9000);
    dismiss(id);
    hold(false);
    vi.advanceTimersByTime(TOAST_RELEASE_MS);
    expect(titles()).toEqual([]);
  });

  it('drops no toast from the list while it is held open, and keeps the newest few after the release', () => {
    const { show, hold } = useToasts.getState();
    for (let n = 1; n <= MAX_TOASTS; n++) show({ tone: 'info', title: `before ${n}` });
    hold(true);
    show({ tone: 'info', title: 'while held' });
    expect(titles()).toHaveLength(MAX_TOASTS + 1);
    expect(titles()[0]).toBe('before 1');
    for (let n = 0; n < 2 * MAX_HELD_TOASTS; n++) show({ tone: 'info', title: `flood ${n}` });
    expect(titles()).toHaveLength(MAX_HELD_TOASTS);
    hold(false);
    expect(titles()).toHaveLength(MAX_TOASTS);
    expect(titles().at(-1)).toBe(`flood ${2 * MAX_HELD_TOASTS - 1}`);
  });

  it('keeps every toast while someone reads the stack, and lets the timed-out ones go soon after they leave', () => {
    let reading = true;
    const stopPausing = pauseToastsWhile(() => reading);
    try {
      const { show, dismiss } = useToasts.getState();
      show({ tone: 'success', title: 'Joined' });
      const dismissed = show({ tone: 'info', title: 'Dismissed' });
      vi.advanceTimersByTime(30_000);
      expect(titles()).toEqual(['Joined', 'Dismissed']);
      dismiss(dismissed);
      reading = false;
      vi.advanceTimersByTime(TOAST_RELEASE_MS);
      expect(titles()).toEqual([]);
      // A toast that arrives after the reader left times out as usual.
      show({ tone: 'success', title: 'Taken over' });
      vi.advanceTimersByTime(7999);
      expect(titles()).toEqual(['Taken over']);
      vi.advanceTimersByTime(1);
      expect(titles()).toEqual([]);
    } finally {
      stopPausing();
    }
    // Disposed, the reader no longer holds anything.
    reading = true;
    useToasts.getState().show({ tone: 'success', title: 'After' });
    vi.advanceTimersByTime(8000);
    expect(titles()).toEqual([]);
  });

  it('shows one toast per group, the newest, counting the ones it took the place of', () => {
    const { show } = useToasts.getState();
    show({ tone: 'warning', title: 'An enquiry is waiting too long', body: 'Ava', group: 'WAIT_WARNING' });
    show({ tone: 'success', title: 'Joined' });
    vi.advanceTimersByTime(5000);
    show({ tone: 'warning', title: 'An enquiry is waiting too long', body: 'Ben', group: 'WAIT_WARNING' });
    show({ tone: 'warning', title: 'An enquiry is waiting too long', body: 'Cleo', group: 'WAIT_WARNING' });
    show({ tone: 'error', title: 'An enquiry was missed', group: 'ENQUIRY_MISSED' });
    const shown = () => useToasts.getState().toasts.map((toast) => [toast.body ?? toast.title, toast.count]);
    expect(shown()).toEqual([
      ['Joined', 1],
      ['Cleo', 3],
      ['An enquiry was missed', 1],
    ]);
    // The first warning's time runs out: the newest of its group, shown since, stays.
    vi.advanceTimersByTime(3000);
    expect(shown()).toEqual([
      ['Cleo', 3],
      ['An enquiry was missed', 1],
    ]);
    vi.advanceTimersByTime(5000);
    expect(shown()).toEqual([['An enquiry was missed', 1]]);
  });
});
