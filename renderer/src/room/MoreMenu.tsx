/**
 * The chat room's More (...) menu: a menu button whose items (e.g. Take over, Leave) are
 * reachable with arrow keys; Escape closes it and returns focus to the button. An item with
 * a room action shortcut (Take over: Alt+T) announces it, and the shortcut pressed in the
 * room chooses it even while the menu is closed (unless it is disabled).
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { ROOM_SHORTCUT_EVENT, roomActionShortcut } from '../app/shortcuts';

export interface MoreMenuItem {
  label: string;
  disabled?: boolean;
  onSelect(): void;
}

/** "More (...)" with its menu. */
export function MoreMenu({ items }: { items: MoreMenuItem[] }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const latestItems = useRef(items);
  useEffect(() => {
    latestItems.current = items;
  }, [items]);

  useEffect(() => {
    const pane = root.current?.closest('[data-room-pane]');
    if (!pane) return;
    const onShortcut = (event: Event) => {
      const shortcut = (event as CustomEvent<string>).detail;
      const item = latestItems.current.find((entry) => roomActionShortcut(entry.label) === shortcut);
      if (!item || item.disabled) return;
      setOpen(false);
      item.onSelect();
    };
    pane.addEventListener(ROOM_SHORTCUT_EVENT, onShortcut);
    return () => pane.removeEventListener(ROOM_SHORTCUT_EVENT, onShortcut);
  }, []);

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')?.focus();
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const entries = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const index = entries.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      entries[(index + step + entries.length) % entries.length]?.focus();
    } else if (event.key === 'Tab') {
      setOpen(false);
    }
  };

  return (
    <div className="more-menu" ref={root}>
      <button
        type="button"
        ref={button}
        className="ghost"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((value) => !value)}
      >
        <span aria-hidden="true">⋯ </span>More
      </button>
      {open && (
        <div
          role="menu"
          id={menuId}
          ref={menu}
          className="menu"
          aria-label="More actions"
          onKeyDown={onKeyDown}
        >
          {items.map((item) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              tabIndex={-1}
              aria-disabled={item.disabled || undefined}
              aria-keyshortcuts={roomActionShortcut(item.label)}
              onClick={() => {
                if (item.disabled) return;
                setOpen(false);
                item.onSelect();
              }}
            >
              {item.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
