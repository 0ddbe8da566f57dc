/**
 * Keyboard shortcuts across the workspace (the "Keyboard shortcuts" dialog lists them):
 * - "?" opens that dialog; "/" focuses the board's search box;
 * - F6 / Shift+F6 cycle focus between the board and each room pane;
 * - Alt+ArrowLeft / Alt+ArrowRight move focus to the previous / next room pane, and
 *   Alt+1 … Alt+9 to the first … ninth;
 * - Alt+J / Alt+T press Join / Take over in the focused room: the same button (or More menu
 *   item), so the same confirmation, and nothing when it is disabled or not offered;
 * - Alt+W closes the focused room pane.
 * Character and letter shortcuts never act while the person types in a text field, nor
 * behind an open modal dialog.
 */
import { useEffect } from 'react';
import { usePanes } from '../stores/ui-store';
import { useShortcutsDialog } from './ShortcutsDialog';
import { ROOM_ACTION_SHORTCUTS, ROOM_SHORTCUT_EVENT } from './shortcuts';

const NON_TEXT_INPUTS = new Set([
  'button',
  'checkbox',
  'radio',
  'submit',
  'reset',
  'range',
  'color',
  'file',
  'image',
]);

/** Whether keys pressed in `target` are typing (a text field, a select, editable content). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !NON_TEXT_INPUTS.has(target.type);
}

function modalOpen(): boolean {
  return document.querySelector('dialog[open]') !== null;
}

function regions(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('[data-focus-region]')];
}

function roomPanes(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('[data-room-pane]')];
}

function currentRegionIndex(list: HTMLElement[]): number {
  const active = document.activeElement;
  return list.findIndex((region) => region.contains(active));
}

function focusPane(pane: HTMLElement | undefined): void {
  pane?.focus();
  pane?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}

function focusBoardAfterClose(enquiryId: string): void {
  if (document.activeElement && document.activeElement !== document.body) return;
  const card = document.querySelector<HTMLElement>(`[data-enquiry-id="${CSS.escape(enquiryId)}"]`);
  (card ?? regions()[0])?.focus();
}

/**
 * Presses the room action that carries `shortcut` in `pane`: its button when shown (a
 * disabled one does nothing), else whatever menu offers it (told by ROOM_SHORTCUT_EVENT).
 */
function pressRoomAction(pane: HTMLElement, shortcut: string): void {
  const button = pane.querySelector<HTMLButtonElement>(
    `button[aria-keyshortcuts="${shortcut}"]:not([role="menuitem"])`,
  );
  if (button) {
    if (!button.disabled) button.click();
    return;
  }
  pane.dispatchEvent(new CustomEvent<string>(ROOM_SHORTCUT_EVENT, { detail: shortcut }));
}

/**
 * The letter or digit of an Alt+<key> press, upper case: the key's own character, or where
 * Alt turns it into another one (Option+J types "∆" on a Mac) the physical key's.
 */
function altKey(event: KeyboardEvent): string | null {
  if (!event.altKey || event.ctrlKey || event.metaKey) return null;
  if (/^[a-z0-9]$/i.test(event.key)) return event.key.toUpperCase();
  const match = /^(?:Key([A-Z])|Digit([0-9]))$/.exec(event.code);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

/** Installs the workspace keyboard shortcuts while signed in. */
export function useWorkspaceKeys(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || modalOpen()) return;
      const typing = isTyping(event.target);
      const plain = !event.altKey && !event.ctrlKey && !event.metaKey;
      if (plain && !typing && event.key === '?') {
        event.preventDefault();
        useShortcutsDialog.getState().show();
        return;
      }
      if (plain && !typing && event.key === '/') {
        const search = document.querySelector<HTMLInputElement>('[role="search"] input[type="search"]');
        if (!search) return;
        event.preventDefault();
        search.focus();
        search.select();
        return;
      }
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
      const panes = roomPanes();
      const index = panes.findIndex((pane) => pane.contains(document.activeElement));
      const key = altKey(event);
      if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
        if (panes.length === 0) return;
        event.preventDefault();
        const step = event.key === 'ArrowRight' ? 1 : -1;
        focusPane(panes[index < 0 ? 0 : (index + step + panes.length) % panes.length]);
      } else if (key && key >= '1' && key <= '9') {
        const pane = panes[Number(key) - 1];
        if (!pane) return;
        event.preventDefault();
        focusPane(pane);
      } else if ((key === 'J' || key === 'T') && index >= 0 && !typing) {
        event.preventDefault();
        const pane = panes[index]!;
        pressRoomAction(
          pane,
          key === 'J' ? ROOM_ACTION_SHORTCUTS.Join! : ROOM_ACTION_SHORTCUTS['Take over']!,
        );
      } else if (key === 'W' && index >= 0) {
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
