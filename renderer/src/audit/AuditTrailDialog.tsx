/**
 * The "Audit trail" dialog (administrators): supervisor and system actions, newest first,
 * each with its time, actor, action, target and detail; monitoring collapsed to one entry
 * per visit. Filtered by enquiry, staff member and time range, paged with "Load more" (the
 * connection's cursor), and exported as CSV under the same filter. Without the monitoring
 * plan it says so once, in the backend's words, and offers nothing else.
 */
import { useEffect, useMemo, useState } from 'react';
import type { AuditEntry, SessionState } from '../../../shared/ipc/contract';
import { describeError, request } from '../bridge/bridge';
import { Modal } from '../settings/Modal';
import { AuditFilters, EMPTY_FILTER, useEnquiryChoice, type FilterDraft } from './AuditFilters';
import {
  actionLabel,
  csvFileName,
  downloadText,
  entryDetail,
  formatWhen,
  localInputToIso,
} from './audit-format';
import { useAuditTrail, useStaffMembers, type AuditFilter } from './audit-queries';
import './audit.css';

export function AuditTrailDialog({ session, onClose }: { session: SessionState; onClose(): void }) {
  return (
    <Modal
      title="Audit trail"
      subtitle="Supervisor and system actions, newest first. Monitoring shows as one entry per visit."
      onClose={onClose}
      className={session.enquiryMonitoring ? 'audit-dialog' : 'audit-dialog audit-dialog-plan'}
    >
      {session.enquiryMonitoring ? <AuditTrail tenant={session.tenant} /> : <PlanRequired />}
    </Modal>
  );
}

/** The plan does not include the audit trail: the backend's one explanation, nothing more. */
function PlanRequired() {
  const trail = useAuditTrail({});
  return (
    <p className="audit-plan" role="note">
      {trail.isError
        ? describeError(trail.error)
        : 'Your plan does not include enquiry monitoring, and the audit trail comes with it.'}
    </p>
  );
}

function AuditTrail({ tenant }: { tenant: string | null }) {
  const [draft, setDraft] = useState<FilterDraft>(EMPTY_FILTER);
  const staff = useStaffMembers(true);
  const { choice, matches } = useEnquiryChoice(draft);
  const filter = useMemo<AuditFilter>(
    () => ({
      enquiryId: choice.state === 'found' ? choice.enquiryId : null,
      staffId: draft.staffId || null,
      from: localInputToIso(draft.from),
      to: localInputToIso(draft.to),
    }),
    [choice, draft.staffId, draft.from, draft.to],
  );
  const ready = choice.state === 'any' || choice.state === 'found';
  const trail = useAuditTrail(filter, ready);
  // While a typed name is being looked up, the rows of the filter before it would mislead.
  const entries = useMemo(
    () => (ready ? (trail.data?.pages.flatMap((page) => page.entries) ?? []) : []),
    [ready, trail.data],
  );
  const [exportState, setExportState] = useState<{ busy: boolean; message: string; error: boolean }>({
    busy: false,
    message: '',
    error: false,
  });

  // "Exported N entries" spoke of the filter it was made under.
  const filterKey = JSON.stringify(filter);
  useEffect(() => setExportState({ busy: false, message: '', error: false }), [filterKey]);

  const exportCsv = async () => {
    setExportState({ busy: true, message: 'Exporting…', error: false });
    try {
      const csv = await request('audit/csv', filter);
      const rows = Math.max(0, csv.split('\r\n').filter(Boolean).length - 1);
      downloadText(csv, csvFileName(tenant));
      setExportState({
        busy: false,
        message: `Exported ${rows} ${rows === 1 ? 'entry' : 'entries'}.`,
        error: false,
      });
    } catch (error) {
      setExportState({ busy: false, message: describeError(error), error: true });
    }
  };

  return (
    <div className="audit-trail">
      <AuditFilters
        draft={draft}
        staff={staff.data ?? []}
        choice={choice}
        matches={matches}
        onChange={setDraft}
      />
      <div className="audit-table-wrap" tabIndex={0} aria-label="Audit trail entries" role="region">
        <table className="audit-table">
          <caption className="visually-hidden">Audit trail entries, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Actor</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <AuditRow
                key={entry.id}
                entry={entry}
                onTarget={(enquiryId) =>
                  setDraft({ ...draft, enquiryText: enquiryId, pickedEnquiryId: null })
                }
              />
            ))}
          </tbody>
        </table>
        {choice.state === 'looking' ? (
          <p className="audit-empty" aria-busy="true">
            Looking up the enquiry…
          </p>
        ) : !ready ? null : trail.isPending ? (
          <p className="audit-empty" aria-busy="true">
            Loading…
          </p>
        ) : trail.isError ? (
          <p className="form-error" role="alert">
            {describeError(trail.error)}
          </p>
        ) : entries.length === 0 ? (
          <p className="audit-empty muted">No entries match these filters.</p>
        ) : null}
      </div>
      <div className="audit-footer">
        <p className="muted audit-count" aria-live="polite">
          {ready && trail.isSuccess
            ? `${entries.length} ${entries.length === 1 ? 'entry' : 'entries'} shown${trail.hasNextPage ? ', more to load' : ''}`
            : ''}
        </p>
        {trail.hasNextPage && (
          <button
            type="button"
            onClick={() => void trail.fetchNextPage()}
            disabled={trail.isFetchingNextPage}
          >
            {trail.isFetchingNextPage ? 'Loading more…' : 'Load more'}
          </button>
        )}
        <p
          className={exportState.error ? 'form-error audit-export-status' : 'muted audit-export-status'}
          role={exportState.error ? 'alert' : undefined}
        >
          {exportState.message}
        </p>
        <button
          type="button"
          className="primary"
          onClick={() => void exportCsv()}
          disabled={exportState.busy || !ready}
        >
          Export CSV
        </button>
      </div>
    </div>
  );
}

function AuditRow({ entry, onTarget }: { entry: AuditEntry; onTarget(enquiryId: string): void }) {
  const kind =
    entry.target.kind === 'ENQUIRY' ? 'enquiry' : entry.target.kind === 'STAFF' ? 'agent' : 'setting';
  return (
    <tr>
      <td>
        <time dateTime={entry.at}>{formatWhen(entry.at)}</time>
      </td>
      <td>{entry.actor?.name ?? 'System'}</td>
      <td>{actionLabel(entry.action)}</td>
      <td>
        {entry.target.kind === 'ENQUIRY' && entry.target.id ? (
          <button
            type="button"
            className="link audit-target"
            title="Show only this enquiry’s entries"
            onClick={() => onTarget(entry.target.id!)}
          >
            {entry.target.name}
          </button>
        ) : (
          entry.target.name
        )}{' '}
        <span className="muted audit-kind">{kind}</span>
      </td>
      <td className="audit-detail">{entryDetail(entry)}</td>
    </tr>
  );
}
