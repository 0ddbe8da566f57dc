/**
 * One enquiry on the board: a button named with the visitor's name; details (owner agent,
 * channel, ticking time, ongoing call, who monitors or joined, unread activity) describe it.
 */
import { memo } from 'react';
import { roomCompany, type Enquiry } from '../../../shared/domain';
import { useReadCounts } from '../stores/read-store';
import { useHelpMarkers } from '../supervisor/supervisor-store';
import { useNow } from '../ui/clock';
import { unreadSince } from './board-model';
import { CALL_LABELS, CHANNEL_LABELS, formatDuration, timerOf } from '../ui/format';

interface EnquiryCardProps {
  enquiry: Enquiry;
  /** Message count when the enquiry was first seen here (unread activity is beyond it). */
  baseline: number | undefined;
  isOpen: boolean;
  /** Whether this card is its column's one tab stop (the others are reached by arrow keys). */
  tabStop: boolean;
  onOpen(enquiry: Enquiry): void;
}

function Timer({ enquiry }: { enquiry: Enquiry }) {
  const now = useNow();
  const { label, since, end } = timerOf(enquiry);
  if (!since) return null;
  const ms = (end ? Date.parse(end) : now) - Date.parse(since);
  return (
    <span className="card-timer" data-live={end ? undefined : 'true'}>
      {label} {formatDuration(ms)}
    </span>
  );
}

function names(people: readonly { name: string }[]): string {
  return people.map((p) => p.name).join(', ');
}

/** The first one's first name, and how many more: "Alan", "Alan +2". */
function shortNames(people: readonly { name: string }[]): string {
  const first = people[0]?.name.split(' ')[0] ?? '';
  return people.length > 1 ? `${first} +${people.length - 1}` : first;
}

/**
 * A badge in the card's one row of badges: short words on the card, the full text as its
 * tooltip and in the card's description (what a screen reader hears).
 */
function Badge({ kind, full, short = full }: { kind: string; full: string; short?: string }) {
  return (
    <span className={`badge ${kind}`} title={full}>
      {short === full ? (
        full
      ) : (
        <>
          <span aria-hidden="true">{short}</span>
          <span className="visually-hidden">{full}</span>
        </>
      )}
    </span>
  );
}

/**
 * A board card. Memoized: re-renders only when its enquiry snapshot changes or its own read
 * count does (reading one room does not re-render the board).
 */
export const EnquiryCard = memo(function EnquiryCard({
  enquiry,
  baseline,
  isOpen,
  tabStop,
  onOpen,
}: EnquiryCardProps) {
  const readCount = useReadCounts((state) => state.readCounts[enquiry.id]);
  const helpRequested = useHelpMarkers((state) => state.ids.has(enquiry.id));
  // A closed enquiry has nothing left to read up on: no "unread" on its card.
  const unread = enquiry.status === 'CLOSED' ? 0 : unreadSince(enquiry.messageCount, baseline, readCount);
  const detailsId = `enquiry-${enquiry.id}-details`;
  const { joined, alongside } = roomCompany(enquiry);
  const takenOver = enquiry.owner?.role === 'ADMINISTRATOR';
  // Someone in the room is not "monitoring" it as well.
  const watching = enquiry.monitors.filter((m) => !enquiry.participants.some((p) => p.id === m.id));
  return (
    <button
      type="button"
      className="enquiry-card"
      data-open={isOpen || undefined}
      data-enquiry-id={enquiry.id}
      tabIndex={tabStop ? 0 : -1}
      aria-label={enquiry.visitor.name}
      aria-describedby={detailsId}
      onClick={() => onOpen(enquiry)}
    >
      <span className="card-row">
        <span className="card-visitor" aria-hidden="true">
          {enquiry.visitor.name}
        </span>
        <Timer enquiry={enquiry} />
      </span>
      <span id={detailsId} className="card-details">
        <span className="card-row">
          <span className="card-who">
            <span className="card-owner">{enquiry.owner ? enquiry.owner.name : 'Unassigned'}</span>
            {enquiry.subject && <span className="card-subject"> · {enquiry.subject}</span>}
          </span>
          <span className="chip" data-channel={enquiry.channel}>
            {CHANNEL_LABELS[enquiry.channel]}
          </span>
        </span>
        <span className="card-row card-badges">
          {helpRequested && <Badge kind="help" full="Help requested" />}
          {/* Most urgent first: the row shows what fits, whole. */}
          {enquiry.call && (
            <Badge
              kind="call"
              full={`${CALL_LABELS[enquiry.call]} ongoing`}
              short={CALL_LABELS[enquiry.call]}
            />
          )}
          {unread > 0 && <Badge kind="unread" full={`${unread} unread`} />}
          {takenOver && <Badge kind="taken-over" full="Taken over" />}
          {watching.length > 0 && (
            <Badge
              kind="monitor"
              full={`Monitored by ${names(watching)}`}
              short={`Monitored by ${shortNames(watching)}`}
            />
          )}
          {joined.length > 0 && (
            <Badge
              kind="joined"
              full={`+ ${names(joined)} joined`}
              short={`+ ${shortNames(joined)} joined`}
            />
          )}
          {alongside.length > 0 && (
            <Badge kind="joined" full={`with ${names(alongside)}`} short={`with ${shortNames(alongside)}`} />
          )}
        </span>
      </span>
    </button>
  );
});
