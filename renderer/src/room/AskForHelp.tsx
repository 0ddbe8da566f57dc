/**
 * "Ask for help" in an agent's room: an optional note, sent as a help request that the
 * administrators are told of. While the enquiry's request is open the button says since
 * when ("Help requested 2 min ago"), and asking again updates its note. The request's state
 * is the server's (Enquiry.helpRequest), read again when the room's events say it changed.
 * When it ends, the room says who answered or dismissed it ("Ada Lovelace dismissed your help
 * request"), from the ending event, and a toast says the same.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { EventType } from '../../../shared/domain';
import { MAX_HELP_NOTE_LENGTH } from '../../../shared/ipc/contract';
import { describeError, onBridgeEvent, request } from '../bridge/bridge';
import { usePendingWork } from '../stores/pending-work-store';
import { showToast } from '../stores/toast-store';
import { useNow } from '../ui/clock';
import { endedForAgent } from '../supervisor/help-endings';
import { helpRequestAge } from './room-supervision';
import './room-supervision.css';

/** Room events after which the enquiry's help request may have opened, changed or ended. */
const HELP_EVENTS: ReadonlySet<EventType> = new Set<EventType>([
  'ASSISTANCE_REQUESTED',
  'HELP_REQUEST_ENDED',
]);

const helpRequestKey = (enquiryId: string) => ['helpRequest', enquiryId] as const;

/** The button, and the note form it opens. */
export function AskForHelp({ enquiryId, disabled }: { enquiryId: string; disabled: boolean }) {
  const queryClient = useQueryClient();
  const open = useQuery({
    queryKey: helpRequestKey(enquiryId),
    queryFn: () => request('enquiry/helpRequest', { enquiryId }),
    staleTime: Infinity,
  });
  const [editing, setEditing] = useState(false);
  const [note, setNote] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Who ended the last request and how, until she asks again. */
  const [ending, setEnding] = useState<string | null>(null);
  const now = useNow();
  const formId = useId();
  const errorId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const input = useRef<HTMLInputElement>(null);
  usePendingWork('draft', editing && note.trim() !== '' && note.trim() !== (open.data?.note ?? ''));

  useEffect(
    () =>
      onBridgeEvent('room/events', (batch) => {
        if (batch.enquiryId !== enquiryId) return;
        if (batch.events.some((event) => HELP_EVENTS.has(event.type)))
          void queryClient.invalidateQueries({ queryKey: helpRequestKey(enquiryId), exact: true });
        for (const event of batch.events) {
          if (event.type === 'ASSISTANCE_REQUESTED') setEnding(null);
          const help = event.helpRequest;
          if (event.type !== 'HELP_REQUEST_ENDED' || !help?.endedAt) continue;
          const words = endedForAgent(help);
          setEnding(words);
          showToast({ tone: 'info', title: words, enquiryId });
        }
      }),
    [queryClient, enquiryId],
  );
  useEffect(() => {
    if (editing) input.current?.focus();
  }, [editing]);

  const current = open.data ?? null;
  const startEditing = () => {
    setNote(current?.note ?? '');
    setError(null);
    setEditing((value) => !value);
  };
  const stopEditing = () => {
    setEditing(false);
    button.current?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    setSending(true);
    setError(null);
    try {
      const trimmed = note.trim();
      const answer = await request('enquiry/askForHelp', {
        enquiryId,
        note: trimmed === '' ? null : trimmed,
      });
      queryClient.setQueryData(helpRequestKey(enquiryId), answer);
      showToast({
        tone: 'success',
        title: current ? 'Help request updated' : 'Help requested',
        body: trimmed
          ? `The administrators are told, with your note: “${trimmed}”`
          : 'The administrators are told.',
        enquiryId,
      });
      stopEditing();
    } catch (cause) {
      setError(describeError(cause));
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="ask-for-help">
      <button
        type="button"
        ref={button}
        className={current ? 'help-requested' : undefined}
        aria-expanded={editing}
        aria-controls={editing ? formId : undefined}
        disabled={disabled}
        onClick={startEditing}
      >
        {current ? (
          <>
            <span className="visually-hidden">Ask for help: </span>
            Help requested {helpRequestAge(current.createdAt, now)}
          </>
        ) : (
          'Ask for help'
        )}
      </button>
      {editing && (
        <form
          id={formId}
          className="ask-for-help-form"
          onSubmit={(event) => void submit(event)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              event.stopPropagation();
              stopEditing();
            }
          }}
        >
          <label htmlFor={`${formId}-note`}>
            {current
              ? 'Your request is open; a new note replaces the old one (optional)'
              : 'Note for the administrators (optional)'}
          </label>
          <input
            id={`${formId}-note`}
            ref={input}
            value={note}
            maxLength={MAX_HELP_NOTE_LENGTH}
            placeholder="What do you need help with?"
            aria-invalid={error !== null || undefined}
            aria-describedby={error ? errorId : undefined}
            onChange={(event) => setNote(event.target.value)}
          />
          <button type="submit" className="primary" disabled={sending}>
            {sending ? 'Sending…' : current ? 'Update request' : 'Send request'}
          </button>
          <button type="button" onClick={stopEditing}>
            Cancel
          </button>
          {error && (
            <p id={errorId} className="composer-note error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
      {ending && !current && (
        // The toast announces it; this line keeps it in the room until she asks again.
        <p className="help-ended">{ending}</p>
      )}
    </div>
  );
}
