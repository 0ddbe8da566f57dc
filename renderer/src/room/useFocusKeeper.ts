/**
 * Keeps keyboard focus in a room pane when the control that held it goes away or is
 * disabled by what it did: Join after joining, Take over after taking over, Go to Chat Room
 * (its panel gives way to the chat room). Focus then moves to the pane's next step — its
 * highlighted action (Go to Chat Room, Proceed), else the next enabled control after the
 * lost one, else (the panel replaced) the message box or first enabled control, else the
 * pane itself — instead of falling to the page. Focus the
 * person moved elsewhere (a click outside, another window) is never taken back.
 */
import { useLayoutEffect, useRef, type FocusEvent, type RefObject } from 'react';

const CONTROLS = 'button:not(:disabled), input:not(:disabled), textarea:not(:disabled)';

function lostFocus(element: HTMLElement): boolean {
  return !element.isConnected || element.matches(':disabled');
}

function nextStep(pane: HTMLElement, lost: HTMLElement): HTMLElement {
  const primary = pane.querySelector<HTMLElement>(`.monitor-panel .primary:not(:disabled)`);
  if (primary) return primary;
  const controls = [...pane.querySelectorAll<HTMLElement>(CONTROLS)].filter(
    (control) => !control.closest('.room-header'),
  );
  if (lost.isConnected) {
    const after = controls.find(
      (control) => lost.compareDocumentPosition(control) & Node.DOCUMENT_POSITION_FOLLOWING,
    );
    if (after) return after;
  }
  // A panel that gave way to another (the chat room): its message box, else its first control.
  return controls.find((control) => control instanceof HTMLInputElement) ?? controls[0] ?? pane;
}

/**
 * Returns the pane's focus handler; give it to the pane's element as `onFocus`. While
 * `waiting` (an action in flight disables every button for a moment), nothing moves: focus
 * moves on once the answer says what the next step is.
 */
export function useFocusKeeper(
  pane: RefObject<HTMLElement | null>,
  waiting: boolean,
): (event: FocusEvent<HTMLElement>) => void {
  const lastFocused = useRef<HTMLElement | null>(null);
  // After every commit of the pane (an answer from the server, a mode switch).
  useLayoutEffect(() => {
    const last = lastFocused.current;
    const element = pane.current;
    if (waiting || !last || !element || !lostFocus(last)) return;
    lastFocused.current = null;
    const active = document.activeElement;
    if (active && active !== document.body && active !== last) return;
    nextStep(element, last).focus();
  });
  return (event) => {
    lastFocused.current = event.target instanceof HTMLElement ? event.target : null;
  };
}
