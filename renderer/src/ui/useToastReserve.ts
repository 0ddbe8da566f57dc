/**
 * The room the shown toasts take at the bottom of the right-most board column, handed to
 * styles.css as `--toast-reserve`: that column's card list ends above the toasts, so a toast
 * never covers a card (the list scrolls instead). Measured after each layout of the stack and
 * whenever its box changes size; while the whole stack is listed (an overlay the reader asked
 * for) the reserve stays as it was.
 */
import { useEffect, useLayoutEffect, type RefObject } from 'react';

/** Space kept between the card list and the top-most shown toast (px). */
const RESERVE_GAP = 6;
const PROPERTY = '--toast-reserve';

function setReserve(px: number): void {
  const style = document.documentElement.style;
  const value = `${Math.ceil(px)}px`;
  if (style.getPropertyValue(PROPERTY) !== value) style.setProperty(PROPERTY, value);
}

/** How far above the stack's bottom its top-most shown child reaches (px); 0 with none shown. */
function occupied(area: HTMLElement): number {
  const bottom = area.getBoundingClientRect().bottom;
  let top = bottom;
  for (const child of area.children) {
    const box = child.getBoundingClientRect();
    if (box.height > 0) top = Math.min(top, box.top);
  }
  return bottom - top;
}

export function useToastReserve(area: RefObject<HTMLElement | null>, listed: boolean): void {
  // After every render of the stack: a toast came or went, or the fit changed.
  useLayoutEffect(() => {
    const stack = area.current;
    if (!stack || listed) return;
    const used = occupied(stack);
    // The stack's bottom lies 8 px above the column's (styles.css `.toasts`).
    setReserve(used > 0 ? used + RESERVE_GAP + 8 : 0);
  });
  useEffect(() => {
    const stack = area.current;
    if (!stack) return;
    const resizes = new ResizeObserver(() => {
      if (stack.dataset.listed !== undefined) return;
      const used = occupied(stack);
      setReserve(used > 0 ? used + RESERVE_GAP + 8 : 0);
    });
    resizes.observe(stack);
    return () => {
      resizes.disconnect();
      setReserve(0);
    };
  }, [area]);
}
