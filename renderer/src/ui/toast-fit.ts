/**
 * How much of the toast stack fits in the space it is given (the right-most board column
 * between its header and its bottom, see `.toasts` in styles.css). Pure: Toasts.tsx feeds it
 * the heights a ResizeObserver reports.
 */

/** Space between two toasts, and between the "+N more" toggle and the first shown toast (px). */
export const TOAST_GAP = 8;
/** Height of the "+N more" toggle row (px); styles.css reads it as `--toast-toggle-height`. */
export const TOAST_TOGGLE_HEIGHT = 26;
/**
 * Height assumed for a toast not yet measured in full (it arrived while the stack was on one
 * line). A title, a one-line body and the actions come to about this much.
 */
export const TOAST_HEIGHT_GUESS = 82;
/** Sub-pixel slack: layout sizes are fractional. */
const SLACK = 0.5;

/** What the stack shows. */
export interface ToastFit {
  /** How many of the newest toasts are shown; the older ones are behind "+N more". */
  shown: number;
  /**
   * Not even the newest toast fits in full: it is shown on one line (title, then body,
   * cut with an ellipsis) beside the toggle, which shows it in full.
   */
  compact: boolean;
}

/** Everything shown in full: before anything is measured, and when there is room. */
export const FITS_ALL: ToastFit = { shown: Number.POSITIVE_INFINITY, compact: false };

/**
 * Fits the newest toasts first into `available` px. All of them if they fit; otherwise as
 * many as fit beneath the toggle row; if not even the newest does, the newest on one line.
 * The newest is always shown.
 *
 * @param heights full heights of the toasts, oldest first (px)
 */
export function fitToasts(available: number, heights: readonly number[]): ToastFit {
  const count = heights.length;
  if (count === 0) return { shown: 0, compact: false };
  const all = heights.reduce((sum, height) => sum + height, 0) + (count - 1) * TOAST_GAP;
  if (all <= available + SLACK) return { shown: count, compact: false };

  // The toggle row takes the top; the newest fill the rest upwards from the bottom.
  const belowToggle = available - TOAST_TOGGLE_HEIGHT - TOAST_GAP;
  let shown = 0;
  let used = 0;
  for (let index = count - 1; index >= 0; index--) {
    used += heights[index]! + (shown > 0 ? TOAST_GAP : 0);
    if (used > belowToggle + SLACK) break;
    shown++;
  }
  return shown > 0 ? { shown, compact: false } : { shown: 1, compact: true };
}

/** Full heights, oldest first, for these toasts: measured, or guessed until they are. */
export function heightsOf(ids: readonly number[], measured: ReadonlyMap<number, number>): number[] {
  return ids.map((id) => measured.get(id) ?? TOAST_HEIGHT_GUESS);
}
