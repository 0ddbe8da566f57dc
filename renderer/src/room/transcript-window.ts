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

/** Where unmounting may start now, as the live transcript moves on (a multiple of TRIM_STEP). */
export function trimPoint(length: number, shownBefore: number): number {
  const latest = Math.floor(Math.max(0, length - WINDOW) / TRIM_STEP) * TRIM_STEP;
  // Never past a message that has not been on screen yet: a burst larger than the window
  // (a stalled connection catching up) is shown in full once and trimmed with the next.
  return Math.min(latest, Math.floor(shownBefore / TRIM_STEP) * TRIM_STEP);
}

/**
 * The index of the first mounted message: the trim point (or where it stood when the reader
 * scrolled up, `frozenAt`: nothing is unmounted above a reader), less the `earlier` messages
 * the reader asked to see again.
 */
export function firstMounted(trim: number, frozenAt: number | null, earlier: number): number {
  return Math.max(0, (frozenAt ?? trim) - earlier);
}
