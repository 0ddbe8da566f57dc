/**
 * A one-line composer (chat message or whisper). Disabled with the reason shown when the
 * server says the viewer may not send; the server's refusal is shown under it. Text over
 * the length a message may have is never cut silently: the composer says how much too
 * long it is and sends nothing until it fits.
 */
import { useId, useState, type FormEvent } from 'react';
import { MAX_MESSAGE_LENGTH } from '../../../shared/domain';
import { describeError } from '../bridge/bridge';
import { usePendingWork } from '../stores/pending-work-store';

function tooLong(length: number): string | null {
  const over = length - MAX_MESSAGE_LENGTH;
  if (over <= 0) return null;
  return `${over.toLocaleString('en')} character${over === 1 ? '' : 's'} over the limit of ${MAX_MESSAGE_LENGTH.toLocaleString('en')}: shorten it to send.`;
}

interface ComposerProps {
  /** The input's accessible name, e.g. "Message" or "Whisper to the agent". */
  label: string;
  placeholder: string;
  sendLabel: string;
  disabledReason: string | null;
  /** False when the reason it is disabled stands just above it already (not said twice). */
  showDisabledReason?: boolean;
  /** The element that says why, when not shown here (see showDisabledReason). */
  describedBy?: string;
  variant?: 'message' | 'whisper';
  onSend(text: string): Promise<void>;
}

/** Text input + send button. */
export function Composer({
  label,
  placeholder,
  sendLabel,
  disabledReason,
  showDisabledReason = true,
  describedBy,
  variant = 'message',
  onSend,
}: ComposerProps) {
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const noteId = useId();
  const disabled = disabledReason !== null;

  const value = text.trim();
  const overLimit = tooLong(value.length);
  // Unsent text: a restart to update waits until it is sent or cleared.
  usePendingWork('draft', value !== '');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!value || disabled || overLimit) return;
    setSending(true);
    setError(null);
    try {
      await onSend(value);
      setText('');
    } catch (cause) {
      setError(describeError(cause));
    } finally {
      setSending(false);
    }
  };

  const note = error ?? (showDisabledReason ? disabledReason : null) ?? overLimit;
  // A refusal interrupts; the length note, rewritten at each keystroke, is said politely.
  const role = error !== null ? 'alert' : note === overLimit && overLimit !== null ? 'status' : undefined;
  return (
    <form className="composer" data-variant={variant} onSubmit={(event) => void submit(event)}>
      <input
        aria-label={label}
        placeholder={placeholder}
        value={text}
        disabled={disabled}
        aria-invalid={overLimit !== null || undefined}
        aria-describedby={note ? noteId : describedBy}
        onChange={(event) => setText(event.target.value)}
      />
      <button type="submit" disabled={disabled || sending || value === '' || overLimit !== null}>
        {sendLabel}
      </button>
      {note && (
        <p id={noteId} className={role ? 'composer-note error' : 'composer-note'} role={role}>
          {note}
        </p>
      )}
    </form>
  );
}
