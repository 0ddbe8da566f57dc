/**
 * Keyboard navigation across the workspace:
 * - F6 / Shift+F6 cycle focus between the board and each room pane;
 * - Alt+ArrowLeft / Alt+ArrowRight move focus to the previous / next room pane;
 * - Alt+W closes the focused room pane.
 */
import { useEffect } from 'react';
import { usePanes } from '../stores/ui-store';

function regions(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('[data-focus-region]')];
}

function currentRegionIndex(list: HTMLElement[]): number {
  const active = document.activeElement;
  return list.findIndex((region) => region.contains(active));
}

function focusBoardAfterClose(enquiryId: string): void {
  if (document.activeElement && document.activeElement !== document.body) return;
  const card = document.querySelector<HTMLElement>(`[data-enquiry-id="${CSS.escape(enquiryId)}"]`);
  (card ?? regions()[0])?.focus();
}

/** Installs the workspace keyboard shortcuts while signed in. */
export function useWorkspaceKeys(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'F6') {
        const list = regions();
        if (list.length === 0) return;
        event.preventDefault();
        const index = currentRegionIndex(list);
        const next = (index + (event.shiftKey ? -1 : 1) + list.length) % list.length;
        list[next]?.focus();
        return;
      }
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const panes = [...document.querySelectorAll<HTMLElement>('[data-room-pane]')];
      const index = panes.findIndex((pane) => pane.contains(document.activeElement));
      if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
        if (panes.length === 0) return;
        event.preventDefault();
        const step = event.key === 'ArrowRight' ? 1 : -1;
        const next = index < 0 ? 0 : (index + step + panes.length) % panes.length;
        panes[next]?.focus();
        panes[next]?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      } else if (event.key.toLowerCase() === 'w' && index >= 0) {
        event.preventDefault();
        const enquiryId = panes[index]?.dataset.roomPane;
        if (!enquiryId) return;
        usePanes.getState().closeRoom(enquiryId);
        // The last room gone: focus goes back to its card on the board (else the board), not
        // to the page. (With rooms left, the neighbour room takes focus itself.)
        if (panes.length === 1) requestAnimationFrame(() => focusBoardAfterClose(enquiryId));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
