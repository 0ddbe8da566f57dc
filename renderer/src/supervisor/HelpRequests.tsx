/**
 * The "Help requests" region: the tenant's open help requests, longest waiting first; each
 * opens its enquiry's room, and "Dismiss" ends one without joining. A request ends when an
 * administrator joins, takes over, transfers or dismisses it, or the enquiry closes (the
 * board's events say so, and who did): it then stays a moment as ended, saying who ended it
 * and how ("Dismissed by Ada Lovelace"), before it leaves.
 */
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { EndedHelpRequest, OpenHelpRequest } from '../../../shared/ipc/contract';
import { describeError, request } from '../bridge/bridge';
import { usePanes } from '../stores/ui-store';
import { showToast } from '../stores/toast-store';
import { useNow } from '../ui/clock';
import { formatDuration } from '../ui/format';
import { endedForAdministrators } from './help-endings';
import { helpRequestsKey, useEndedHelpRequests } from './supervisor-store';

function OpenRequest({ help, now }: { help: OpenHelpRequest; now: number }) {
  const openRoom = usePanes((state) => state.openRoom);
  const queryClient = useQueryClient();
  const [dismissing, setDismissing] = useState(false);
  const dismiss = async () => {
    setDismissing(true);
    try {
      const ended = await request('helpRequests/dismiss', { id: help.id });
      useEndedHelpRequests.getState().add(ended);
      void queryClient.invalidateQueries({ queryKey: helpRequestsKey, exact: true });
      showToast({
        tone: 'success',
        title: 'Help request dismissed',
        body: `${help.agent.name} is told you dismissed the request about ${help.enquiry.visitor.name}.`,
        enquiryId: help.enquiry.id,
      });
    } catch (cause) {
      showToast({ tone: 'error', title: 'Could not dismiss the help request', body: describeError(cause) });
      setDismissing(false);
    }
  };
  return (
    <li className="sv-help-row">
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
      <button
        type="button"
        className="ghost sv-help-dismiss"
        aria-label={`Dismiss help request of ${help.agent.name}`}
        title={`Dismiss ${help.agent.name}'s help request without joining`}
        disabled={dismissing}
        onClick={() => void dismiss()}
      >
        Dismiss
      </button>
    </li>
  );
}

function EndedRequest({ help }: { help: EndedHelpRequest }) {
  const ending = endedForAdministrators(help);
  return (
    <li
      className="sv-help-row sv-help-ended"
      data-enquiry-id={help.enquiry.id}
      title={`${help.enquiry.visitor.name}, ${help.agent.name}: ${ending}`}
    >
      <span className="sv-help-visitor">
        {help.enquiry.visitor.name}
        <span className="sv-help-agent"> · {help.agent.name}</span>
      </span>
      <span className="sv-help-ending">{ending}</span>
    </li>
  );
}

export function HelpRequests({
  requests,
  error,
}: {
  requests: OpenHelpRequest[] | undefined;
  error: string | null;
}) {
  const now = useNow();
  const ended = useEndedHelpRequests((state) => state.ended);
  const open = (requests ?? []).filter((request) => !request.endedAt && !ended.has(request.id));
  const rows = [...open, ...ended.values()].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
  const latest = [...ended.values()].at(-1);
  return (
    <section className="sv-region sv-help" role="region" aria-label="Help requests">
      <h2 className="sv-title">
        Help requests{open.length > 0 && <span className="sv-count"> {open.length}</span>}
      </h2>
      {error && <p className="form-error">Help requests are unavailable: {error}</p>}
      {requests && rows.length === 0 && <p className="muted sv-empty">No open help requests.</p>}
      <ul className="sv-list">
        {rows.map((help) =>
          ended.has(help.id) ? (
            <EndedRequest key={help.id} help={ended.get(help.id)!} />
          ) : (
            <OpenRequest key={help.id} help={help} now={now} />
          ),
        )}
      </ul>
      <p className="visually-hidden" role="status">
        {latest ? `Help request of ${latest.agent.name}: ${endedForAdministrators(latest)}` : ''}
      </p>
    </section>
  );
}
