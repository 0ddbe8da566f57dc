/**
 * Toasts, each a `role=status` live region; dismissible, optionally opening a room. The stack
 * grows upwards from the bottom of the right-most board column, in the space beneath its
 * header (see `.toasts` in styles.css): never over the column headers and counts, nor over
 * the rooms' monitor panels and composers. The newest toast is always shown; older ones that
 * do not fit collapse into a "+N more" toggle, which lists the whole stack over the board
 * (downwards from beneath the header) until the toggle, Escape or a click elsewhere closes
 * it; while listed, no toast times out. When not even the newest fits in full (the board
 * dragged very small) it is shown on one line beside the toggle, which shows it in full.
 * The column's cards end above the shown toasts (useToastReserve): no toast covers a card.
 */
import { useEffect, useId, useRef, useState, type CSSProperties, type RefObject } from 'react';
import { usePanes } from '../stores/ui-store';
import { pauseToastsWhile, useToasts, type Toast } from '../stores/toast-store';
import { TOAST_GAP, TOAST_TOGGLE_HEIGHT } from './toast-fit';
import { useToastFit } from './useToastFit';
import { useToastFocus } from './useToastFocus';
import { useToastReserve } from './useToastReserve';

/** The sizes the fit assumes, handed to styles.css so the two never disagree. */
const STACK_SIZES = {
  '--toast-gap': `${TOAST_GAP}px`,
  '--toast-toggle-height': `${TOAST_TOGGLE_HEIGHT}px`,
} as CSSProperties;

/** The toast stack. */
export function Toasts() {
  const toasts = useToasts((state) => state.toasts);
  const dismiss = useToasts((state) => state.dismiss);
  const hold = useToasts((state) => state.hold);
  const openRoom = usePanes((state) => state.openRoom);
  const stackId = useId();
  const area = useRef<HTMLElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const [listed, setListed] = useState(false);
  // The list closes with its last toast, so the next one arrives in the stack.
  if (listed && toasts.length === 0) setListed(false);
  const { fit, measureToast } = useToastFit(area, toasts, listed);
  const hidden = listed ? 0 : Math.max(0, toasts.length - fit.shown);
  const compact = !listed && fit.compact;
  useToastReserve(area, listed);

  useEffect(() => {
    if (!listed) return;
    hold(true);
    return () => hold(false);
  }, [listed, hold]);
  useDismissList(listed, area, toggle, setListed);
  // Someone pointing at a toast or moving through them with the keyboard is reading: none
  // leaves under them. Focus a mouse click left behind (on a Dismiss, the toggle) is not
  // reading, nor is anything while the window is in the background.
  useEffect(
    () =>
      pauseToastsWhile(() => {
        const stack = area.current;
        return (
          stack !== null &&
          document.hasFocus() &&
          (stack.matches(':hover') || stack.querySelector(':focus-visible') !== null)
        );
      }),
    [],
  );
  const focusHandlers = useToastFocus(area, toggle);
  // A toast arriving while the list is open shows at its end: keep that in view.
  const newestId = toasts.at(-1)?.id;
  useEffect(() => {
    const stack = area.current;
    if (listed && stack && newestId !== undefined) stack.scrollTop = stack.scrollHeight;
  }, [listed, newestId]);

  const label = listed
    ? 'Show fewer notifications'
    : hidden > 0
      ? `Show ${hidden} more notification${hidden === 1 ? '' : 's'}`
      : 'Expand the notification';
  return (
    <section
      ref={area}
      id={stackId}
      className="toasts"
      aria-label="Notifications"
      data-listed={listed || undefined}
      data-compact={compact || undefined}
      style={STACK_SIZES}
      {...focusHandlers}
    >
      {(listed || hidden > 0 || compact) && (
        <button
          ref={toggle}
          type="button"
          className="toast-toggle"
          aria-label={label}
          aria-expanded={listed}
          aria-controls={stackId}
          onClick={() => setListed(!listed)}
        >
          {listed ? 'Show fewer' : hidden > 0 ? `+${hidden} more` : 'Expand'}
        </button>
      )}
      {toasts.map((toast, index) => (
        <div
          key={toast.id}
          ref={measureToast}
          data-toast-id={toast.id}
          data-compact={compact || undefined}
          hidden={index < hidden}
          className="toast"
          data-tone={toast.tone}
          role="status"
          aria-live="polite"
        >
          <ToastContent toast={toast} onOpenRoom={openRoom} onDismiss={dismiss} />
        </div>
      ))}
    </section>
  );
}

function ToastContent({
  toast,
  onOpenRoom,
  onDismiss,
}: {
  toast: Toast;
  onOpenRoom(enquiryId: string): void;
  onDismiss(id: number): void;
}) {
  return (
    <>
      <div className="toast-text">
        <strong>{toast.title}</strong>
        {toast.body && <span>{toast.body}</span>}
        {toast.count > 1 && <span className="toast-more">+{toast.count - 1} more like this</span>}
      </div>
      <div className="toast-actions">
        {toast.enquiryId && (
          <button type="button" className="link" onClick={() => onOpenRoom(toast.enquiryId!)}>
            Open room
          </button>
        )}
        <button type="button" className="ghost icon" aria-label="Dismiss" onClick={() => onDismiss(toast.id)}>
          ×
        </button>
      </div>
    </>
  );
}

/**
 * While the whole stack is listed: Escape closes it (focus back on the toggle if it was in
 * the list; {@link useToastFocus} moves it on should the toggle then go), and so does a press
 * anywhere outside it. A modal dialog keeps its own Escape.
 */
function useDismissList(
  listed: boolean,
  area: RefObject<HTMLElement | null>,
  toggle: RefObject<HTMLButtonElement | null>,
  setListed: (listed: boolean) => void,
): void {
  useEffect(() => {
    if (!listed) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      const focusWasInList = area.current?.contains(document.activeElement) ?? false;
      setListed(false);
      if (focusWasInList) toggle.current?.focus();
    };
    const onPointerDown = (event: PointerEvent) => {
      if (!area.current?.contains(event.target as Node)) setListed(false);
    };
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('pointerdown', onPointerDown, true);
    };
  }, [listed, area, toggle, setListed]);
}
