/**
 * A room's transcript, streamed live: visitor and staff messages, system messages (joined,
 * taken over, call started…) and whispers (staff only) each styled apart. Sticks to the
 * bottom while the reader is at the bottom.
 *
 * Built for rooms that stream for hours: rows are memoized (a new message renders one row,
 * not the whole list) and only the latest {@link WINDOW} messages are mounted; earlier ones
 * come back a window at a time on request.
 */
import { memo, useState } from 'react';
import type { Message } from '../../../shared/domain';

/** How many of the latest messages are mounted; "Show earlier" adds this many more. */
export const WINDOW = 150;

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

function time(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : clock.format(date);
}

const MessageRow = memo(function MessageRow({ message, mine }: { message: Message; mine: boolean }) {
  if (message.kind === 'SYSTEM') {
    return (
      <li className="message system" data-kind="SYSTEM">
        <span className="message-text">{message.text}</span>
        <time dateTime={message.at}>{time(message.at)}</time>
      </li>
    );
  }
  const side = message.author.kind === 'VISITOR' ? 'visitor' : 'staff';
  return (
    <li className={`message ${side}`} data-kind={message.kind} data-mine={mine || undefined}>
      <span className="message-meta">
        <span className="message-author">{mine ? 'You' : message.author.name}</span>
        {message.kind === 'WHISPER' && <span className="whisper-label">Whisper · staff only</span>}
        <time dateTime={message.at}>{time(message.at)}</time>
      </span>
      <span className="message-text">{message.text}</span>
    </li>
  );
});

/**
 * The live transcript of a room. The scroller runs bottom-up (column-reverse), so the
 * browser itself keeps a reader at the bottom on the newest message, and keeps a reader
 * who scrolled up where they are: no script and no forced layout per message.
 */
export function Transcript({
  messages,
  selfId,
  label,
}: {
  messages: Message[];
  selfId: string | null;
  label: string;
}) {
  const [mounted, setMounted] = useState(WINDOW);
  const hidden = Math.max(0, messages.length - mounted);
  const shown = hidden > 0 ? messages.slice(hidden) : messages;

  return (
    <div className="transcript" tabIndex={0} role="log" aria-label={label}>
      {messages.length === 0 ? (
        <p className="muted transcript-empty">No messages yet.</p>
      ) : (
        <div className="transcript-content">
          {hidden > 0 && (
            <button
              type="button"
              className="transcript-earlier"
              onClick={() => setMounted((count) => count + WINDOW)}
            >
              Show earlier messages ({hidden})
            </button>
          )}
          <ol className="messages">
            {shown.map((message) => (
              <MessageRow
                key={message.id}
                message={message}
                mine={selfId !== null && message.author.id === selfId}
              />
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}
