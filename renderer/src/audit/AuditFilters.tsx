/**
 * The Audit trail dialog's filters: an enquiry (its visitor's name, or its id), a staff
 * member, and a time range. A name is looked up on the board; when several enquiries have
 * it, the administrator picks one.
 */
import { useEffect, useId, useState } from 'react';
import type { Enquiry, StaffRef } from '../../../shared/domain';
import { COLUMN_LABELS } from '../ui/format';
import { looksLikeEnquiryId, useEnquiryMatches } from './audit-queries';

export interface FilterDraft {
  enquiryText: string;
  /** The enquiry picked among several of the same name. */
  pickedEnquiryId: string | null;
  staffId: string;
  from: string;
  to: string;
}

export const EMPTY_FILTER: FilterDraft = {
  enquiryText: '',
  pickedEnquiryId: null,
  staffId: '',
  from: '',
  to: '',
};

/** Which enquiry the typed text stands for: none typed, one found, or none found. */
export type EnquiryChoice =
  | { state: 'any' }
  | { state: 'looking' }
  | { state: 'found'; enquiryId: string }
  | { state: 'none'; text: string };

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Resolves the enquiry text of the filter to an enquiry id. */
export function useEnquiryChoice(draft: FilterDraft) {
  const text = useDebounced(draft.enquiryText.trim(), 300);
  const matches = useEnquiryMatches(text);
  let choice: EnquiryChoice;
  if (text === '') choice = { state: 'any' };
  else if (looksLikeEnquiryId(text)) choice = { state: 'found', enquiryId: text };
  else if (text.length < 2 || matches.isPending || text !== draft.enquiryText.trim())
    choice = { state: 'looking' };
  else {
    const list = matches.data ?? [];
    const picked = list.find((e) => e.id === draft.pickedEnquiryId) ?? list[0];
    choice = picked ? { state: 'found', enquiryId: picked.id } : { state: 'none', text };
  }
  return { choice, matches: text.length >= 2 && !looksLikeEnquiryId(text) ? (matches.data ?? []) : [] };
}

export function AuditFilters(props: {
  draft: FilterDraft;
  staff: StaffRef[];
  /** What the enquiry text stands for (useEnquiryChoice). */
  choice: EnquiryChoice;
  matches: Enquiry[];
  onChange(draft: FilterDraft): void;
}) {
  const { draft, onChange, choice, matches } = props;
  const ids = { enquiry: useId(), staff: useId(), from: useId(), to: useId(), pick: useId(), hint: useId() };
  const set = (next: Partial<FilterDraft>) => onChange({ ...draft, ...next });
  const any = JSON.stringify(draft) !== JSON.stringify(EMPTY_FILTER);

  return (
    <form
      className="audit-filters"
      role="search"
      aria-label="Audit trail filters"
      onSubmit={(e) => e.preventDefault()}
    >
      <div className="audit-filter">
        <label htmlFor={ids.enquiry}>Enquiry</label>
        <input
          id={ids.enquiry}
          type="search"
          placeholder="Visitor name or enquiry id"
          value={draft.enquiryText}
          aria-describedby={ids.hint}
          onChange={(event) => set({ enquiryText: event.target.value, pickedEnquiryId: null })}
        />
      </div>
      {matches.length > 1 && (
        <div className="audit-filter">
          <label htmlFor={ids.pick}>Which enquiry</label>
          <select
            id={ids.pick}
            value={choice.state === 'found' ? choice.enquiryId : ''}
            onChange={(event) => set({ pickedEnquiryId: event.target.value })}
          >
            {matches.map((enquiry) => (
              <option key={enquiry.id} value={enquiry.id}>
                {enquiry.visitor.name} · {COLUMN_LABELS[enquiry.status]} ·{' '}
                {new Date(enquiry.waitingSince).toLocaleString()}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="audit-filter">
        <label htmlFor={ids.staff}>Staff member</label>
        <select
          id={ids.staff}
          value={draft.staffId}
          onChange={(event) => set({ staffId: event.target.value })}
        >
          <option value="">Everyone</option>
          {props.staff.map((member) => (
            <option key={member.id} value={member.id}>
              {member.name} ({member.role === 'ADMINISTRATOR' ? 'administrator' : 'agent'})
            </option>
          ))}
        </select>
      </div>
      <div className="audit-filter">
        <label htmlFor={ids.from}>From</label>
        <input
          id={ids.from}
          type="datetime-local"
          value={draft.from}
          onChange={(event) => set({ from: event.target.value })}
        />
      </div>
      <div className="audit-filter">
        <label htmlFor={ids.to}>To</label>
        <input
          id={ids.to}
          type="datetime-local"
          value={draft.to}
          onChange={(event) => set({ to: event.target.value })}
        />
      </div>
      <button
        type="button"
        className="ghost audit-clear"
        disabled={!any}
        onClick={() => onChange(EMPTY_FILTER)}
      >
        Clear filters
      </button>
      <p id={ids.hint} className="audit-filter-hint muted" aria-live="polite">
        {choice.state === 'none'
          ? `No enquiry has a visitor named “${choice.text}”. Check the name, or paste the enquiry’s id.`
          : matches.length > 1
            ? `${matches.length} enquiries match “${draft.enquiryText.trim()}”: pick one.`
            : ''}
      </p>
    </form>
  );
}
