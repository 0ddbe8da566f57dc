/**
 * A one-line composer (chat message or whisper). Disabled with the reason shown when the
 * server says the viewer may not send; the server's refusal is shown under it.
 */
import { useId, useState, type FormEvent } from 'react';
import { describeError } from '../bridge/bridge';

interface ComposerProps {
  /** The input's accessible name, e.g. "Message" or "Whisper to the agent". */
  label: string;
  placeholder: string;
  sendLabel: string;
  disabledReason: string | null;
  variant?: 'message' | 'whisper';
  onSend(text: string): Promise<void>;
}

/** Text input + send button. */
export function Composer({
  label,
  placeholder,
  sendLabel,
  disabledReason,
  variant = 'message',
  onSend,
}: ComposerProps) {
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const noteId = useId();
  const disabled = disabledReason !== null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = text.trim();
    if (!value || disabled) return;
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

  const note = error ?? disabledReason;
  return (
    <form className="composer" data-variant={variant} onSubmit={submit}>
      <input
        aria-label={label}
        placeholder={placeholder}
        value={text}
        maxLength={4000}
        disabled={disabled}
        aria-describedby={note ? noteId : undefined}
        onChange={(event) => setText(event.target.value)}
      />
      <button type="submit" disabled={disabled || sending || text.trim() === ''}>
        {sendLabel}
      </button>
      {note && (
        <p
          id={noteId}
          className={error ? 'composer-note error' : 'composer-note'}
          role={error ? 'alert' : undefined}
        >
          {note}
        </p>
      )}
    </form>
  );
}
