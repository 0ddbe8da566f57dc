/**
 * One board column (a region named after it), virtualized so that thousands of enquiries
 * scroll smoothly: only the visible cards are mounted. The column is one tab stop; arrow
 * keys, Home / End and Page Up / Down move between its cards (useRovingCards), Left / Right
 * to the neighbouring columns' tab stops.
 */
import { memo, useRef, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Enquiry, OverviewColumn } from '../../../shared/domain';
import { COLUMN_LABELS } from '../ui/format';
import { EnquiryCard } from './EnquiryCard';
import { useRovingCards } from './useRovingCards';

const CARD_HEIGHT = 88;

interface BoardColumnProps {
  column: OverviewColumn;
  enquiries: Enquiry[];
  /** The count shown in the heading ("12" or "3 of 12" while filtering). */
  countLabel: string;
  /** What an empty column says: "No enquiries", or that none match the filters. */
  emptyLabel: string;
  /** Message counts when each enquiry was first seen (see BoardModel.baseline). */
  baseline: ReadonlyMap<string, number>;
  openIds: ReadonlySet<string>;
  onOpen(enquiry: Enquiry): void;
}

/**
 * A virtualized column of enquiry cards. Memoized: a live update re-renders only the
 * columns whose enquiries changed.
 */
export const BoardColumn = memo(function BoardColumn({
  column,
  enquiries,
  countLabel,
  emptyLabel,
  baseline,
  openIds,
  onOpen,
}: BoardColumnProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const label = COLUMN_LABELS[column];
  const roving = useRovingCards(enquiries, scroller);
  const virtualizer = useVirtualizer({
    count: enquiries.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => CARD_HEIGHT,
    // A few screens' worth: every mounted card ticks each second, so keep it to what
    // scrolling and the keyboard need next.
    overscan: 8,
    // Cards have one fixed height, so slots are keyed by position (the default): the
    // virtualizer then re-measures only when the count changes, not on every board update.
    // Each slot's React key is its enquiry's id (below).
    // The active card (the column's tab stop) stays mounted wherever it is scrolled.
    rangeExtractor: roving.rangeExtractor,
  });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const slot = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    // With a modifier the key is someone else's (Alt+ArrowRight: the next room).
    if (!slot || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      // Across columns: to the tab stop of the nearest neighbouring column that has cards.
      const columns = [...document.querySelectorAll<HTMLElement>('.board-column')];
      const here = columns.indexOf(event.currentTarget.closest<HTMLElement>('.board-column') as HTMLElement);
      const step = event.key === 'ArrowRight' ? 1 : -1;
      for (let i = here + step; i >= 0 && i < columns.length; i += step) {
        const card = columns[i]?.querySelector<HTMLElement>('[data-enquiry-id][tabindex="0"]');
        if (card) {
          event.preventDefault();
          card.focus();
          return;
        }
      }
      return;
    }
    const index = Number(slot.dataset.index);
    const last = enquiries.length - 1;
    const next =
      event.key === 'ArrowDown'
        ? Math.min(last, index + 1)
        : event.key === 'ArrowUp'
          ? Math.max(0, index - 1)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : event.key === 'PageDown'
                ? Math.min(last, index + 5)
                : event.key === 'PageUp'
                  ? Math.max(0, index - 5)
                  : null;
    if (next === null || next === index) return;
    event.preventDefault();
    virtualizer.scrollToIndex(next, { align: 'auto' });
    roving.moveTo(next);
  };

  return (
    <section className="board-column" aria-label={label} data-column={column}>
      <h2 className="column-heading">
        <span>{label}</span>
        <span className="column-count" aria-label={`${countLabel} enquiries`}>
          {countLabel}
        </span>
      </h2>
      <div
        className="column-scroller"
        ref={scroller}
        onKeyDown={onKeyDown}
        onFocus={roving.onFocus}
        onBlur={roving.onBlur}
      >
        {enquiries.length === 0 ? (
          <p className="column-empty">{emptyLabel}</p>
        ) : (
          <div
            role="list"
            aria-label={`${label} enquiries`}
            style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
          >
            {virtualizer.getVirtualItems().map((item) => {
              const enquiry = enquiries[item.index]!;
              return (
                <div
                  key={enquiry.id}
                  data-index={item.index}
                  role="listitem"
                  aria-posinset={item.index + 1}
                  aria-setsize={enquiries.length}
                  className="virtual-row"
                  // Placed with `top`, not a transform: no transform node per card for the
                  // browser to walk and layerize on every frame.
                  style={{ top: item.start, height: CARD_HEIGHT }}
                >
                  <EnquiryCard
                    enquiry={enquiry}
                    baseline={baseline.get(enquiry.id)}
                    isOpen={openIds.has(enquiry.id)}
                    tabStop={item.index === roving.activeIndex}
                    onOpen={onOpen}
                  />
                </div>
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
});
