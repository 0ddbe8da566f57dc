/**
 * Keeps keyboard focus from falling to `<body>` when what held it in the toast stack goes
 * away: a toast dismissed (its Dismiss button pressed; focus in the stack keeps any from
 * timing out) or pushed behind "+N more" by a newer one, or the "+N more"/"Show fewer" toggle unmounting
 * once everything fits. Focus then moves to
 * the Dismiss button of the toast that took its place (else the one before it), else to the
 * toggle, else back to where it was before it entered the stack. Focus that already left the
 * stack, or that something else has taken, is never moved.
 */
import { useLayoutEffect, useRef, type FocusEvent, type RefObject } from 'react';

/** Focus handlers for the stack's element. */
export interface ToastFocusHandlers {
  onFocus(event: FocusEvent<HTMLElement>): void;
  onBlur(event: FocusEvent<HTMLElement>): void;
}

/** Watches focus in the stack `area`, whose toggle (when shown) is `toggle`. */
export function useToastFocus(
  area: RefObject<HTMLElement | null>,
  toggle: RefObject<HTMLButtonElement | null>,
): ToastFocusHandlers {
  /** The element focused inside the stack, with the id of the toast it belongs to. */
  const held = useRef<{ element: Element; toastId: number | null } | null>(null);
  /** The element focused before focus entered the stack. */
  const cameFrom = useRef<HTMLElement | null>(null);

  // After every commit: if it removed or hid the focused element (a newer toast pushed its
  // toast behind "+N more") and focus fell to <body> or stays on the hidden one, place it.
  useLayoutEffect(() => {
    const lost = held.current;
    const stack = area.current;
    if (!lost || !stack) return;
    if (lost.element.isConnected && lost.element.closest('[hidden]') === null) return;
    held.current = null;
    const active = document.activeElement;
    if (active && active !== document.body && active !== lost.element) return;
    const previous = cameFrom.current;
    const next =
      (lost.toastId === null ? null : neighbourDismiss(stack, lost.toastId)) ??
      toggle.current ??
      (previous?.isConnected && !stack.contains(previous) ? previous : null);
    next?.focus();
  });

  return {
    onFocus(event) {
      const from = event.relatedTarget;
      if (from instanceof HTMLElement && !event.currentTarget.contains(from)) cameFrom.current = from;
      const toast = event.target.closest<HTMLElement>('[data-toast-id]');
      held.current = { element: event.target, toastId: toast ? Number(toast.dataset.toastId) : null };
    },
    onBlur(event) {
      const stack = event.currentTarget;
      const { target, relatedTarget } = event;
      if (relatedTarget && stack.contains(relatedTarget)) return;
      // Chromium blurs an element as it is removed, still attached and with nowhere to go;
      // only once the commit is over (and the effect above has run) is that told apart from
      // focus leaving for <body> or another part of the window.
      queueMicrotask(() => {
        if (held.current?.element === target && target.isConnected && !stack.contains(document.activeElement))
          held.current = null;
      });
    },
  };
}

/** The Dismiss button of the first shown toast after `toastId` (ids rise with age), else of the last before it. */
function neighbourDismiss(stack: HTMLElement, toastId: number): HTMLButtonElement | null {
  let before: HTMLButtonElement | null = null;
  for (const toast of stack.querySelectorAll<HTMLElement>('[data-toast-id]:not([hidden])')) {
    const dismiss = toast.querySelector<HTMLButtonElement>('button[aria-label="Dismiss"]');
    if (!dismiss) continue;
    if (Number(toast.dataset.toastId) > toastId) return dismiss;
    before = dismiss;
  }
  return before;
}
