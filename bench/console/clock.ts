/**
 * One clock for Node and the browser. Both read `performance.timeOrigin + performance.now()`
 * (sub-millisecond), but each process's time origin is sampled from the system clock on its
 * own, so two processes can disagree by a few milliseconds. Aligning each to `Date.now()`
 * (the shared system clock) at the moment it ticks over removes that: the result is
 * accurate to well under a millisecond. Runs in Node and in the page (bundled), no imports.
 */

/** Milliseconds to add to `performance.timeOrigin + performance.now()` to get system-clock time. */
export function wallClockOffset(samples = 8): number {
  const offsets: number[] = [];
  for (let s = 0; s < samples; s++) {
    const start = Date.now();
    let now = start;
    let perf = 0;
    // Spin until Date.now() ticks to the next millisecond (bounded: at most ~3 ms).
    for (let i = 0; i < 5_000_000 && now === start; i++) {
      perf = performance.timeOrigin + performance.now();
      now = Date.now();
    }
    if (now !== start) offsets.push(now - perf);
  }
  offsets.sort((a, b) => a - b);
  return offsets.length > 0 ? (offsets[Math.floor(offsets.length / 2)] as number) : 0;
}

/** System-clock milliseconds with sub-millisecond resolution, given an offset from {@link wallClockOffset}. */
export function alignedNow(offset: number): number {
  return performance.timeOrigin + performance.now() + offset;
}
