/**
 * Roving focus for one virtualized board column: the column is a single tab stop (its
 * active card has tabIndex 0, the others -1) and arrow keys move the active card. The
 * active card is followed by its enquiry's id, so it survives scrolling, live reordering and
 * cards coming and going; it is always mounted (see rangeExtractor) so the column's tab stop
 * never scrolls out of the DOM. When the active card leaves the column, its neighbour takes
 * its place, and the focus with it if the card had it.
 */
import { useCallback, useLayoutEffect, useRef, useState, type FocusEvent, type RefObject } from 'react';
import { defaultRangeExtractor, type Range } from '@tanstack/react-virtual';
import type { Enquiry } from '../../../shared/domain';

interface Active {
  id: string | null;
  /** Where it was last seen: its place goes to a neighbour when it leaves. */
  index: number;
}

export interface RovingCards {
  /** The index of the column's tab stop (-1 when the column is empty). */
  activeIndex: number;
  /** The virtualizer's range, plus the active card wherever it is. */
  rangeExtractor(range: Range): number[];
  /** Makes the card at `index` the active one and focuses it once it is mounted. */
  moveTo(index: number): void;
  onFocus(event: FocusEvent<HTMLElement>): void;
  onBlur(event: FocusEvent<HTMLElement>): void;
}

function cardOf(target: EventTarget | null): HTMLElement | null {
  return target instanceof HTMLElement ? target.closest<HTMLElement>('[data-enquiry-id]') : null;
}

function focusCard(scroller: HTMLElement | null, id: string): boolean {
  const card = scroller?.querySelector<HTMLElement>(`[data-enquiry-id="${CSS.escape(id)}"]`);
  card?.focus({ preventScroll: true });
  return card !== null && card !== undefined;
}

/** The roving tab stop of a column showing `enquiries`, rendered inside `scroller`. */
export function useRovingCards(
  enquiries: readonly Enquiry[],
  scroller: RefObject<HTMLElement | null>,
): RovingCards {
  const [active, setActive] = useState<Active>({ id: null, index: 0 });
  // The card that has the focus (kept while it is being removed, to hand the focus on).
  const focusedId = useRef<string | null>(null);
  const pendingFocus = useRef<string | null>(null);

  let activeIndex = -1;
  if (enquiries.length > 0) {
    const found = active.id === null ? -1 : enquiries.findIndex((enquiry) => enquiry.id === active.id);
    activeIndex = found >= 0 ? found : Math.min(active.index, enquiries.length - 1);
    const id = enquiries[activeIndex]!.id;
    // Adjusted while rendering (React's pattern for state derived from props): the card
    // moved, or left and its neighbour took its place.
    if (active.id !== null && (id !== active.id || activeIndex !== active.index))
      setActive({ id, index: activeIndex });
  }

  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (activeIndex < 0 || indexes.includes(activeIndex)) return indexes;
      return [...indexes, activeIndex].sort((a, b) => a - b);
    },
    [activeIndex],
  );

  const moveTo = useCallback(
    (index: number) => {
      const enquiry = enquiries[index];
      if (!enquiry) return;
      pendingFocus.current = enquiry.id;
      setActive({ id: enquiry.id, index });
    },
    [enquiries],
  );

  useLayoutEffect(() => {
    const element = scroller.current;
    // A move by key: focus the card now that it is mounted.
    if (pendingFocus.current !== null) {
      if (focusCard(element, pendingFocus.current)) pendingFocus.current = null;
      return;
    }
    // The focused card left the column (or the board): the focus goes to the card that took
    // its place, not to the page.
    const lost = focusedId.current;
    if (lost === null || !element) return;
    const stillHere = element.querySelector(`[data-enquiry-id="${CSS.escape(lost)}"]`) !== null;
    const nothingFocused = !document.activeElement || document.activeElement === document.body;
    if (stillHere || !nothingFocused) return;
    const next = activeIndex >= 0 ? enquiries[activeIndex]?.id : undefined;
    focusedId.current = null;
    if (next) focusCard(element, next);
  });

  const onFocus = useCallback((event: FocusEvent<HTMLElement>) => {
    const card = cardOf(event.target);
    if (!card || card !== event.target) return;
    const id = card.dataset.enquiryId!;
    const index = Number(card.closest<HTMLElement>('[data-index]')?.dataset.index ?? 0);
    focusedId.current = id;
    setActive((current) => (current.id === id && current.index === index ? current : { id, index }));
  }, []);

  const onBlur = useCallback((event: FocusEvent<HTMLElement>) => {
    const card = cardOf(event.target);
    if (!card) return;
    if (event.relatedTarget !== null) {
      if (focusedId.current === card.dataset.enquiryId) focusedId.current = null;
      return;
    }
    // Focus went nowhere: the card was removed (keep it, to hand the focus on), or the person
    // clicked elsewhere on the page (forget it).
    requestAnimationFrame(() => {
      if (card.isConnected && focusedId.current === card.dataset.enquiryId) focusedId.current = null;
    });
  }, []);

  return { activeIndex, rangeExtractor, moveTo, onFocus, onBlur };
}
