/**
 * A room's transcript, streamed live: visitor and staff messages, system messages (joined,
 * taken over, call started…) and whispers (staff only) each styled apart. Sticks to the
 * bottom while the reader is at the bottom.
 *
 * Built for rooms that stream for hours: rows are memoized (a new message renders one row,
 * not the whole list) and only the latest {@link WINDOW} messages are mounted; earlier ones
 * come back a window at a time on request.
 */
import { memo, useLayoutEffect, useRef, useState } from 'react';
import type { Message } from '../../../shared/domain';
import { firstMounted, TRIM_STEP, trimPoint, WINDOW } from './transcript-window';

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
 * Keeps a scroller on its newest content while the reader is there: whenever the content or
 * the scroller changes size (a message, a trim, a pane resized), in the frame's own layout
 * pass, before paint: no forced layout. A reader who scrolled up is left where they are,
 * until they post a message themselves. Rows flow top-down, so a new message adds one row
 * at the end and moves no other: the browser paints that row, and the scroll itself moves a
 * layer without repainting the transcript. The browser's scroll anchoring is off for the
 * transcript (styles.css): nothing changes above a reader except on their own request.
 *
 * `onAway` hears when the reader leaves the end (true) and comes back (false).
 */
function useStickToEnd(ownMessage: string | null, onAway: (away: boolean) => void) {
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const atEnd = useRef(true);
  /** Where following last put the scroller: a reader above it scrolled up themselves. */
  const pinnedAt = useRef(0);
  const setAtEnd = (value: boolean) => {
    if (atEnd.current === value) return;
    atEnd.current = value;
    onAway(!value);
  };
  useLayoutEffect(() => {
    if (ownMessage) setAtEnd(true);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when a message of one's own arrives
  }, [ownMessage]);
  useLayoutEffect(() => {
    const element = scroller.current;
    const inner = content.current;
    if (!element || !inner) return;
    const follow = new ResizeObserver(() => {
      if (!atEnd.current) return;
      element.scrollTop = element.scrollHeight;
      pinnedAt.current = element.scrollTop;
    });
    follow.observe(element);
    follow.observe(inner);
    return () => follow.disconnect();
  }, []);
  const onScroll = () => {
    const element = scroller.current;
    if (!element) return;
    const top = element.scrollTop;
    // A scroll event can arrive after newer content grew the transcript and before the
    // frame follows it: only a move up from where we pinned it means the reader left.
    setAtEnd(
      element.scrollHeight - top - element.clientHeight <= STICK_PX ||
        (atEnd.current && top >= pinnedAt.current - 1),
    );
  };
  return { scroller, content, onScroll };
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
  // While the reader is away from the end, no rows are unmounted above them.
  const [trimFrozenAt, setTrimFrozenAt] = useState<number | null>(null);
  // How many messages the previous render had: those since are new (see trimPoint).
  const [lengths, setLengths] = useState({ now: messages.length, before: messages.length });
  if (lengths.now !== messages.length) setLengths({ now: messages.length, before: lengths.now });
  const latest = trimPoint(messages.length, lengths.before);
  const hidden = firstMounted(latest, trimFrozenAt, earlier);
  const latestRef = useRef(latest);
  latestRef.current = latest;
  // Runs start at multiples of TRIM_STEP (as `hidden` does), so earlier runs keep their rows.
  const runs: { start: number; messages: Message[] }[] = [];
  for (let start = hidden; start < messages.length; start += TRIM_STEP) {
    runs.push({ start, messages: messages.slice(start, start + TRIM_STEP) });
  }
  const newest = messages[messages.length - 1];
  const { scroller, content, onScroll } = useStickToEnd(
    newest && selfId !== null && newest.author.id === selfId ? newest.id : null,
    (away) => setTrimFrozenAt(away ? latestRef.current : null),
  );

  // "Show earlier" adds rows above the reader: keep what they were reading where it was.
  const heightBeforeEarlier = useRef<number | null>(null);
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element || heightBeforeEarlier.current === null) return;
    element.scrollTop += element.scrollHeight - heightBeforeEarlier.current;
    heightBeforeEarlier.current = null;
  }, [earlier, scroller]);
  const showEarlier = () => {
    heightBeforeEarlier.current = scroller.current?.scrollHeight ?? null;
    setEarlier((count) => count + WINDOW);
  };

  return (
    <div className="transcript" tabIndex={0} role="log" aria-label={label} ref={scroller} onScroll={onScroll}>
      <div ref={content}>
        {messages.length === 0 ? (
          <p className="muted transcript-empty">No messages yet.</p>
        ) : (
          <>
            {hidden > 0 && (
              <button type="button" className="transcript-earlier" onClick={showEarlier}>
                Show earlier messages ({hidden})
              </button>
            )}
            <ol className="messages">
              {runs.map((run) => (
                // Keyed by position: runs start at multiples of TRIM_STEP, so trims keep them.
                <MessageRun key={run.start} messages={run.messages} selfId={selfId} />
              ))}
            </ol>
          </>
        )}
      </div>
    </div>
  );
}
