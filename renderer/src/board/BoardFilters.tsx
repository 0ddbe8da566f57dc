/** The board's filters (agent, channel, text) and sort. */
import type { Channel, StaffRef } from '../../../shared/domain';
import { CHANNELS } from '../../../shared/domain';
import { usePreferences } from '../stores/preferences-store';
import { CHANNEL_LABELS } from '../ui/format';
import { SORT_LABELS, type SortKey } from './board-order';

/** Filter and sort controls above the columns. */
export function BoardFilters({ owners, showOwnerFilter }: { owners: StaffRef[]; showOwnerFilter: boolean }) {
  const { text, ownerId, channel, sort, setText, setOwnerId, setChannel, setSort, clearFilters } =
    usePreferences();
  const filtering = Boolean(text || ownerId || channel);
  return (
    <div className="board-filters" role="search" aria-label="Filter enquiries">
      <label className="filter-text">
        <span className="visually-hidden">Search visitor or subject</span>
        <input
          type="search"
          placeholder="Search visitor or subject"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </label>
      {showOwnerFilter && (
        <label>
          Agent
          <select value={ownerId ?? ''} onChange={(event) => setOwnerId(event.target.value || null)}>
            <option value="">All agents</option>
            {owners.map((owner) => (
              <option key={owner.id} value={owner.id}>
                {owner.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        Channel
        <select
          value={channel ?? ''}
          onChange={(event) => setChannel((event.target.value || null) as Channel | null)}
        >
          <option value="">All channels</option>
          {CHANNELS.map((value) => (
            <option key={value} value={value}>
              {CHANNEL_LABELS[value]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Sort
        <select value={sort} onChange={(event) => setSort(event.target.value as SortKey)}>
          {(Object.keys(SORT_LABELS) as SortKey[]).map((key) => (
            <option key={key} value={key}>
              {SORT_LABELS[key]}
            </option>
          ))}
        </select>
      </label>
      {filtering && (
        <button type="button" className="ghost" onClick={clearFilters}>
          Clear filters
        </button>
      )}
    </div>
  );
}
