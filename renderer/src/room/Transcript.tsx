/**
 * A room's transcript, streamed live: visitor and staff messages, system messages (joined,
 * taken over, call started…) and whispers (staff only) each styled apart. Sticks to the
 * bottom while the reader is at the bottom.
 */
import { useLayoutEffect, useRef } from 'react';
import type { Message } from '../../../shared/domain';

function time(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? ''
    : date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function MessageRow({ message, selfId }: { message: Message; selfId: string | null }) {
  if (message.kind === 'SYSTEM') {
    return (
      <li className="message system" data-kind="SYSTEM">
        <span className="message-text">{message.text}</span>
        <time dateTime={message.at}>{time(message.at)}</time>
      </li>
    );
  }
  const side = message.author.kind === 'VISITOR' ? 'visitor' : 'staff';
  const mine = selfId !== null && message.author.id === selfId;
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
}

/** The live transcript of a room. */
export function Transcript({
  messages,
  selfId,
  label,
}: {
  messages: Message[];
  selfId: string | null;
  label: string;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && stick.current) element.scrollTop = element.scrollHeight;
  }, [messages]);

  return (
    <div
      className="transcript"
      ref={scroller}
      tabIndex={0}
      role="log"
      aria-label={label}
      onScroll={(event) => {
        const element = event.currentTarget;
        stick.current = element.scrollHeight - element.scrollTop - element.clientHeight < 40;
      }}
    >
      {messages.length === 0 ? (
        <p className="muted transcript-empty">No messages yet.</p>
      ) : (
        <ol className="messages">
          {messages.map((message) => (
            <MessageRow key={message.id} message={message} selfId={selfId} />
          ))}
        </ol>
      )}
    </div>
  );
}
