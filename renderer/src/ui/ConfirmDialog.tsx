/**
 * The confirmation dialog (OK / Cancel) for Join and Take over: a native modal <dialog>,
 * so focus is trapped inside and Escape cancels; focus returns where it was.
 */
import { useEffect, useId, useRef } from 'react';
import { useConfirm } from '../stores/confirm-store';

/** Renders the pending confirmation, if any. */
export function ConfirmDialog() {
  const request = useConfirm((state) => state.request);
  const answer = useConfirm((state) => state.answer);
  const dialog = useRef<HTMLDialogElement>(null);
  const okButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (request && !element.open) {
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      element.showModal();
      okButton.current?.focus();
    } else if (!request && element.open) {
      element.close();
      returnFocus.current?.focus();
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
            <button type="button" onClick={() => answer(false)}>
              Cancel
            </button>
            <button type="button" className="primary" ref={okButton} onClick={() => answer(true)}>
              {request.okLabel ?? 'OK'}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
