/**
 * Which of a room's messages the transcript mounts: the latest {@link WINDOW} at least,
 * older ones unmounted {@link TRIM_STEP} at a time. Pure, so the rules are unit-tested.
 */

/** How many of the latest messages are mounted at least; "Show earlier" adds this many more. */
export const WINDOW = 150;
/**
 * Older rows are unmounted this many at a time, not one per new message: removing the top
 * row moves every other row, which costs a repaint of the whole transcript.
 */
export const TRIM_STEP = 50;

/**
 * How many rows beyond the window a catch-up (a burst arriving in one render) may keep
 * mounted until the next message: a multiple of TRIM_STEP, so one render mounts at most
 * WINDOW + TRIM_STEP + MAX_CATCH_UP rows however long the stall was.
 */
export const MAX_CATCH_UP = 500;

/**
 * Where unmounting may start now (a multiple of TRIM_STEP), given how many messages the
 * previous render had (`shownBefore`): rows that arrived since are unmounted no sooner than
 * the next render, up to MAX_CATCH_UP of them, so a burst after a stalled connection is
 * rendered once rather than dropped from the view unrendered.
 */
export function trimPoint(length: number, shownBefore: number): number {
  const latest = Math.floor(Math.max(0, length - WINDOW) / TRIM_STEP) * TRIM_STEP;
  const keptForCatchUp = Math.max(Math.floor(shownBefore / TRIM_STEP) * TRIM_STEP, latest - MAX_CATCH_UP);
  return Math.min(latest, keptForCatchUp);
}

/**
 * The index of the first mounted message: the trim point (or where it stood when the reader
 * scrolled up, `frozenAt`: nothing is unmounted above a reader), less the `earlier` messages
 * the reader asked to see again.
 */
export function firstMounted(trim: number, frozenAt: number | null, earlier: number): number {
  return Math.max(0, (frozenAt ?? trim) - earlier);
}
