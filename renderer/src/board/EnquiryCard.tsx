/**
 * One enquiry on the board: a button named with the visitor's name; details (owner agent,
 * channel, ticking time, ongoing call, who monitors or joined, unread activity) describe it.
 */
import { memo } from 'react';
import { roomCompany, type Enquiry } from '../../../shared/domain';
import { useReadCounts } from '../stores/read-store';
import { useNow } from '../ui/clock';
import { unreadSince } from './board-model';
import { CALL_LABELS, CHANNEL_LABELS, formatDuration, timerOf } from '../ui/format';

interface EnquiryCardProps {
  enquiry: Enquiry;
  /** Message count when the enquiry was first seen here (unread activity is beyond it). */
  baseline: number | undefined;
  isOpen: boolean;
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

/**
 * A board card. Memoized: re-renders only when its enquiry snapshot changes or its own read
 * count does (reading one room does not re-render the board).
 */
export const EnquiryCard = memo(function EnquiryCard({
  enquiry,
  baseline,
  isOpen,
  onOpen,
}: EnquiryCardProps) {
  const readCount = useReadCounts((state) => state.readCounts[enquiry.id]);
  const unread = unreadSince(enquiry.messageCount, baseline, readCount);
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
          {enquiry.call && <span className="badge call">{CALL_LABELS[enquiry.call]} ongoing</span>}
          {takenOver && <span className="badge taken-over">Taken over</span>}
          {watching.length > 0 && (
            <span className="badge monitor">Monitored by {watching.map((m) => m.name).join(', ')}</span>
          )}
          {joined.length > 0 && (
            <span className="badge joined">+ {joined.map((p) => p.name).join(', ')} joined</span>
          )}
          {alongside.length > 0 && (
            <span className="badge joined">with {alongside.map((p) => p.name).join(', ')}</span>
          )}
          {unread > 0 && <span className="badge unread">{unread} unread</span>}
        </span>
      </span>
    </button>
  );
});
