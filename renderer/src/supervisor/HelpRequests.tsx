/**
 * The "Help requests" region: the tenant's open help requests, longest waiting first; each
 * opens its enquiry's room. A request leaves the list when an administrator joins, takes
 * over, transfers or dismisses it, or the enquiry closes (the board's events say so).
 */
import type { OpenHelpRequest } from '../../../shared/ipc/contract';
import { usePanes } from '../stores/ui-store';
import { useNow } from '../ui/clock';
import { formatDuration } from '../ui/format';

export function HelpRequests({
  requests,
  error,
}: {
  requests: OpenHelpRequest[] | undefined;
  error: string | null;
}) {
  const now = useNow();
  const openRoom = usePanes((state) => state.openRoom);
  const open = (requests ?? []).filter((request) => !request.endedAt);
  return (
    <section className="sv-region sv-help" role="region" aria-label="Help requests">
      <h2 className="sv-title">
        Help requests{open.length > 0 && <span className="sv-count"> {open.length}</span>}
      </h2>
      {error && <p className="form-error">Help requests are unavailable: {error}</p>}
      {requests && open.length === 0 && <p className="muted sv-empty">No open help requests.</p>}
      <ul className="sv-list">
        {open.map((help) => (
          <li key={help.id}>
            <button
              type="button"
              className="sv-help-item"
              data-enquiry-id={help.enquiry.id}
              title={`${help.enquiry.visitor.name}, ${help.agent.name}: ${help.note ?? 'no note'}`}
              onClick={() => openRoom(help.enquiry.id)}
            >
              <span className="sv-help-visitor">{help.enquiry.visitor.name}</span>
              <span className="sv-help-who">
                <span className="sv-help-agent">{help.agent.name}</span>
                {' · '}
                <span className="sv-help-note">{help.note ?? 'No note'}</span>
              </span>
              <span className="sv-help-age" title="Asked this long ago">
                {formatDuration(now - Date.parse(help.createdAt))}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
