/**
 * The confirmation dialog (OK / Cancel) for Join and Take over: a native modal <dialog>,
 * so focus is trapped inside and Escape cancels; focus returns where it was. A double click
 * on OK or Cancel answers once: the rest of it never reaches what lay beneath the dialog.
 */
import { useEffect, useId, useRef, type MouseEvent as ReactMouseEvent } from 'react';
import { useConfirm } from '../stores/confirm-store';
import { usePendingWork } from '../stores/pending-work-store';

/** How long after an answer by pointer the rest of a multi-click is swallowed. */
const FOLLOW_UP_CLICK_MS = 600;
const FOLLOW_UP_EVENTS = ['mousedown', 'mouseup', 'click', 'dblclick', 'auxclick'] as const;

/**
 * Once the dialog closes, the second click of a double click lands on whatever was beneath
 * it (a board card would open a room): events of that multi-click (`detail` above 1) are
 * stopped before anything hears them, for a moment.
 */
function swallowFollowUpClicks(): void {
  const swallow = (event: MouseEvent) => {
    if (event.detail < 2) return;
    event.preventDefault();
    event.stopImmediatePropagation();
  };
  for (const type of FOLLOW_UP_EVENTS) window.addEventListener(type, swallow, true);
  setTimeout(() => {
    for (const type of FOLLOW_UP_EVENTS) window.removeEventListener(type, swallow, true);
  }, FOLLOW_UP_CLICK_MS);
}

/** An answer button's click: a pointer click (not Enter or Space) guards its follow-ups. */
function answered(answer: (ok: boolean) => void, ok: boolean) {
  return (event: ReactMouseEvent<HTMLButtonElement>) => {
    if (event.detail > 0) swallowFollowUpClicks();
    answer(ok);
  };
}

/** Renders the pending confirmation, if any. */
export function ConfirmDialog() {
  const request = useConfirm((state) => state.request);
  const answer = useConfirm((state) => state.answer);
  const dialog = useRef<HTMLDialogElement>(null);
  const okButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const bodyId = useId();
  // An open question is work a restart to update waits for.
  usePendingWork('confirmation', request !== null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (request && !element.open) {
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      element.showModal();
      okButton.current?.focus();
    } else if (!request && element.open) {
      element.close();
      // Back where it was; if that control is gone or disabled meanwhile (the question was
      // withdrawn: someone else took the enquiry), to the room or region it was in.
      const back = returnFocus.current;
      if (back?.isConnected && !back.matches(':disabled')) back.focus();
      else back?.closest<HTMLElement>('[data-focus-region]')?.focus();
    }
  }, [request]);

  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        answer(false);
      }}
    >
      {request && (
        <form method="dialog" onSubmit={(event) => event.preventDefault()}>
          <h2 id={titleId}>{request.title}</h2>
          <p id={bodyId}>{request.body}</p>
          <div className="dialog-actions">
            <button type="button" onClick={answered(answer, false)}>
              Cancel
            </button>
            <button type="button" className="primary" ref={okButton} onClick={answered(answer, true)}>
              {request.okLabel ?? 'OK'}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
