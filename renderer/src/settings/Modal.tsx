/**
 * A modal dialog for the top bar's "Audit trail" and "Settings": a native <dialog> opened
 * with showModal (focus stays inside, the rest of the console is inert), named by its
 * heading; Escape or "Close" closes it and focus returns to the button that opened it.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';

interface ModalProps {
  title: string;
  /** A short line under the title. */
  subtitle?: ReactNode;
  onClose(): void;
  className?: string;
  children: ReactNode;
}

export function Modal({ title, subtitle, onClose, className, children }: ModalProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!element.open) element.showModal();
    return () => {
      if (element.open) element.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      className={`modal ${className ?? ''}`}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="modal-head">
        <div>
          <h2 id={titleId}>{title}</h2>
          {subtitle && <p className="modal-subtitle muted">{subtitle}</p>}
        </div>
        <button type="button" className="ghost" onClick={onClose}>
          Close
        </button>
      </div>
      <div className="modal-body">{children}</div>
    </dialog>
  );
}
