/**
 * A room's transcript, streamed live: visitor and staff messages, system messages (joined,
 * taken over, call started…) and whispers (staff only) each styled apart. Sticks to the
 * bottom while the reader is at the bottom.
 *
 * Built for rooms that stream for hours: rows are memoized (a new message renders one row,
 * not the whole list) and only the latest {@link WINDOW} messages are mounted; earlier ones
 * come back a window at a time on request.
 */
import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Message } from '../../../shared/domain';

/** How many of the latest messages are mounted at least; "Show earlier" adds this many more. */
export const WINDOW = 150;
/**
 * Older rows are unmounted this many at a time, not one per new message: removing the top
 * row moves every other row, which costs a repaint of the whole transcript.
 */
const TRIM_STEP = 50;

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

function sameMessages(a: readonly Message[], b: readonly Message[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A run of {@link TRIM_STEP} consecutive rows. Memoized on its messages: a new message
 * re-renders the last run only, not every mounted row.
 */
const MessageRun = memo(
  function MessageRun({ messages, selfId }: { messages: readonly Message[]; selfId: string | null }) {
    return messages.map((message) => (
      <MessageRow key={message.id} message={message} mine={selfId !== null && message.author.id === selfId} />
    ));
  },
  (previous, next) => previous.selfId === next.selfId && sameMessages(previous.messages, next.messages),
);

/** Within this many pixels of the end, the reader counts as reading the newest message. */
const STICK_PX = 24;

/**
 * Keeps a scroller on its newest content while the reader is there: after each change and
 * when the scroller is resized. A reader who scrolled up is left where they are. Rows flow
 * top-down, so a new message adds one row at the end and moves no other: the browser paints
 * that row, and the scroll itself moves a layer without repainting the transcript.
 */
function useStickToEnd(changeKey: unknown) {
  const scroller = useRef<HTMLDivElement>(null);
  const atEnd = useRef(true);
  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && atEnd.current) element.scrollTop = element.scrollHeight;
  }, [changeKey]);
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const resized = new ResizeObserver(() => {
      if (atEnd.current) element.scrollTop = element.scrollHeight;
    });
    resized.observe(element);
    return () => resized.disconnect();
  }, []);
  const onScroll = () => {
    const element = scroller.current;
    if (element) atEnd.current = element.scrollHeight - element.scrollTop - element.clientHeight <= STICK_PX;
  };
  return { scroller, onScroll };
}

/** The live transcript of a room, following the newest message while the reader is there. */
export function Transcript({
  messages,
  selfId,
  label,
}: {
  messages: Message[];
  selfId: string | null;
  label: string;
}) {
  const [earlier, setEarlier] = useState(0);
  const latest = Math.floor(Math.max(0, messages.length - WINDOW) / TRIM_STEP) * TRIM_STEP;
  const hidden = Math.max(0, latest - earlier);
  // Runs start at multiples of TRIM_STEP (as `hidden` does), so earlier runs keep their rows.
  const runs: Message[][] = [];
  for (let start = hidden; start < messages.length; start += TRIM_STEP) {
    runs.push(messages.slice(start, start + TRIM_STEP));
  }
  const { scroller, onScroll } = useStickToEnd(messages[messages.length - 1]?.id);

  return (
    <div className="transcript" tabIndex={0} role="log" aria-label={label} ref={scroller} onScroll={onScroll}>
      {messages.length === 0 ? (
        <p className="muted transcript-empty">No messages yet.</p>
      ) : (
        <>
          {hidden > 0 && (
            <button
              type="button"
              className="transcript-earlier"
              onClick={() => setEarlier((count) => count + WINDOW)}
            >
              Show earlier messages ({hidden})
            </button>
          )}
          <ol className="messages">
            {runs.map((run) => (
              <MessageRun key={run[0]!.id} messages={run} selfId={selfId} />
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
