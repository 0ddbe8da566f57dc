/**
 * Measures the toast stack with one ResizeObserver: the space the stack is given (its own
 * box, which CSS anchor positioning sizes to the right-most board column) and each toast's
 * full height. Nothing reads layout by hand: the observer reports after layout, and only
 * when a size changed (a split drag, a window resize, a toast coming or going).
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { FITS_ALL, fitToasts, heightsOf, type ToastFit } from './toast-fit';

/** What {@link useToastFit} gives the stack. */
export interface ToastFitting {
  fit: ToastFit;
  /**
   * Callback ref for each toast element. The element carries `data-toast-id`; while it
   * carries `data-compact` (shown on one line) its height is not its full height and is not taken.
   */
  measureToast(node: HTMLElement | null): (() => void) | undefined;
}

/**
 * Fits `toasts` into the box of `area`. While `expanded` (the whole stack listed over the
 * board) the area's box is not the space it is given, so its size is kept from before.
 */
export function useToastFit(
  area: RefObject<HTMLElement | null>,
  toasts: readonly { id: number }[],
  expanded: boolean,
): ToastFitting {
  const [available, setAvailable] = useState<number | null>(null);
  const [measured, setMeasured] = useState<ReadonlyMap<number, number>>(() => new Map());
  const observer = useRef<ResizeObserver | null>(null);
  const toastNodes = useRef(new Set<HTMLElement>());
  const expandedNow = useRef(expanded);
  // Before the browser lays the new state out, so the observer reads it right.
  useLayoutEffect(() => {
    expandedNow.current = expanded;
  }, [expanded]);

  useEffect(() => {
    const areaNode = area.current;
    if (!areaNode) return;
    const resizes = new ResizeObserver((entries) => {
      const heights: [number, number][] = [];
      for (const entry of entries) {
        const target = entry.target as HTMLElement;
        if (target === areaNode) {
          if (!expandedNow.current)
            setAvailable(entry.contentBoxSize[0]?.blockSize ?? entry.contentRect.height);
          continue;
        }
        const height = entry.borderBoxSize[0]?.blockSize ?? 0;
        // Hidden toasts measure 0; one-line ones are not their full height.
        if (height > 0 && target.dataset.compact === undefined)
          heights.push([Number(target.dataset.toastId), height]);
      }
      if (heights.length > 0)
        setMeasured((previous) => {
          if (heights.every(([id, height]) => previous.get(id) === height)) return previous;
          return new Map([...previous, ...heights]);
        });
    });
    resizes.observe(areaNode);
    for (const node of toastNodes.current) resizes.observe(node);
    observer.current = resizes;
    return () => {
      resizes.disconnect();
      observer.current = null;
    };
  }, [area]);

  const measureToast = useCallback((node: HTMLElement | null) => {
    if (!node) return undefined;
    toastNodes.current.add(node);
    observer.current?.observe(node);
    return () => {
      toastNodes.current.delete(node);
      observer.current?.unobserve(node);
      const id = Number(node.dataset.toastId);
      setMeasured((previous) => {
        if (!previous.has(id)) return previous;
        const next = new Map(previous);
        next.delete(id);
        return next;
      });
    };
  }, []);

  const fit = useMemo(
    () =>
      available === null
        ? FITS_ALL
        : fitToasts(
            available,
            heightsOf(
              toasts.map((toast) => toast.id),
              measured,
            ),
          ),
    [available, measured, toasts],
  );
  return { fit, measureToast };
}
