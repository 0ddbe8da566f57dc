/**
 * Toasts, each a `role=status` live region; dismissible, optionally opening a room. The stack
 * grows upwards from the bottom of the right-most board column (see `.toasts` in styles.css),
 * clear of the column headers and counts and of the rooms' monitor panels and composers.
 */
import { usePanes } from '../stores/ui-store';
import { useToasts } from '../stores/toast-store';

/** The toast stack. */
export function Toasts() {
  const toasts = useToasts((state) => state.toasts);
  const dismiss = useToasts((state) => state.dismiss);
  const openRoom = usePanes((state) => state.openRoom);
  return (
    <section className="toasts" aria-label="Notifications">
      {toasts.map((toast) => (
        <div key={toast.id} className="toast" data-tone={toast.tone} role="status" aria-live="polite">
          <div className="toast-text">
            <strong>{toast.title}</strong>
            {toast.body && <span>{toast.body}</span>}
          </div>
          <div className="toast-actions">
            {toast.enquiryId && (
              <button type="button" className="link" onClick={() => openRoom(toast.enquiryId!)}>
                Open room
              </button>
            )}
            <button
              type="button"
              className="ghost icon"
              aria-label="Dismiss"
              onClick={() => dismiss(toast.id)}
            >
              ×
            </button>
          </div>
        </div>
      ))}
    </section>
  );
}
