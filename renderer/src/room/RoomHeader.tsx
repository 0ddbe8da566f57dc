/** A room pane's header: visitor, status, owner, channel, call, parties, and Close. */
import type { ReactNode } from 'react';
import { roomCompany, type Enquiry } from '../../../shared/domain';
import { useNow } from '../ui/clock';
import { CALL_LABELS, CHANNEL_LABELS, COLUMN_LABELS, formatDuration, timerOf } from '../ui/format';
import type { PaneMode } from '../stores/ui-store';
import type { RoomStanding } from './room-model';

interface RoomHeaderProps {
  enquiry: Enquiry | undefined;
  mode: PaneMode;
  isAdmin: boolean;
  /** The server's answer: the viewer's standing in this room now (null: not answered yet). */
  standing: RoomStanding | null;
  /** The signed-in staff member: never listed as monitoring (the header's standing says where she is). */
  viewerId: string | null;
  onClose(): void;
  /** A control of the pane's layout shown beside Close (RoomPane's "Focus room"). */
  layoutControl?: ReactNode;
}

const STANDING_LABELS: Record<RoomStanding, string> = {
  owner: 'Taken over',
  joined: 'Joined',
  monitoring: 'Monitoring',
  none: 'Not monitoring',
};

/** What the pane is to the administrator now, in the header's words. */
function paneLabel(mode: PaneMode, standing: RoomStanding | null): string | null {
  if (mode === 'chat') return 'Chat room';
  return standing === null ? null : STANDING_LABELS[standing];
}

/** The pane's title bar. */
export function RoomHeader({
  enquiry,
  mode,
  isAdmin,
  standing,
  viewerId,
  onClose,
  layoutControl,
}: RoomHeaderProps) {
  const now = useNow();
  const visitor = enquiry?.visitor.name ?? 'Enquiry';
  const timer = enquiry ? timerOf(enquiry) : null;
  const label = isAdmin ? paneLabel(mode, standing) : null;
  const { joined, alongside } = enquiry ? roomCompany(enquiry) : { joined: [], alongside: [] };
  // Someone in the room (owner or participant) is not listed as "monitoring" it as well, nor
  // is the viewer herself: "Monitoring" lists the others watching.
  const watching = enquiry
    ? enquiry.monitors.filter(
        (m) =>
          m.id !== viewerId && m.id !== enquiry.owner?.id && !enquiry.participants.some((p) => p.id === m.id),
      )
    : [];
  return (
    <header className="room-header">
      <div className="room-title">
        <h2>{visitor}</h2>
        {enquiry && (
          <span className="chip" data-status={enquiry.status}>
            {COLUMN_LABELS[enquiry.status]}
          </span>
        )}
        {label && <span className="room-mode">{label}</span>}
        {layoutControl}
        <button
          type="button"
          className="ghost icon room-close"
          aria-label={`Close ${visitor}'s room`}
          onClick={onClose}
        >
          ×
        </button>
      </div>
      {enquiry && (
        <dl className="room-facts">
          <div>
            <dt>Owner</dt>
            <dd>{enquiry.owner?.name ?? 'Unassigned'}</dd>
          </div>
          <div>
            <dt>Channel</dt>
            <dd>{CHANNEL_LABELS[enquiry.channel]}</dd>
          </div>
          {timer?.since && (
            <div>
              <dt>{timer.label}</dt>
              <dd>{formatDuration((timer.end ? Date.parse(timer.end) : now) - Date.parse(timer.since))}</dd>
            </div>
          )}
          <div>
            <dt>Parties</dt>
            <dd>{enquiry.parties}</dd>
          </div>
          {enquiry.call && (
            <div className="fact-call">
              <dt>Call</dt>
              <dd>{CALL_LABELS[enquiry.call]} in progress</dd>
            </div>
          )}
          {joined.length > 0 && (
            <div>
              <dt>Joined</dt>
              <dd>{joined.map((p) => p.name).join(', ')}</dd>
            </div>
          )}
          {alongside.length > 0 && (
            <div>
              <dt>With</dt>
              <dd>{alongside.map((p) => p.name).join(', ')}</dd>
            </div>
          )}
          {watching.length > 0 && (
            <div>
              <dt>Monitoring</dt>
              <dd>{watching.map((m) => m.name).join(', ')}</dd>
            </div>
          )}
        </dl>
      )}
    </header>
  );
}
