/**
 * The Enquiry Overview: filters and the four columns Open, Handling, Missed, Closed, live.
 * An agent sees the Open queue and the enquiries she owns or takes part in: the server sends
 * her no others, and a removal when one leaves her view (board-model.ts drops it).
 */
import { useCallback, useDeferredValue, useMemo, useRef } from 'react';
import { OVERVIEW_COLUMNS, type Enquiry } from '../../../shared/domain';
import { describeError } from '../bridge/bridge';
import { useSession } from '../session/session-queries';
import { usePreferences } from '../stores/preferences-store';
import { usePanes } from '../stores/ui-store';
import { BoardColumn } from './BoardColumn';
import { BoardFilters } from './BoardFilters';
import { isFiltering, type BoardFilter } from './board-filter';
import { ownersOf } from './board-model';
import { updateSelection, type ColumnSelection } from './board-selection';
import { useBoard, useRemainingPages } from './board-queries';
import { SupervisorStrip, useAgentOptions } from '../supervisor/SupervisorStrip';

/** The board, filling the top of the workspace. */
export function Board() {
  const session = useSession().data;
  const board = useBoard();
  useRemainingPages(board.isSuccess);
  const { text, ownerId, channel, sort } = usePreferences();
  const panes = usePanes((state) => state.panes);
  const openRoom = usePanes((state) => state.openRoom);
  const boardShare = usePanes((state) => state.boardShare);
  // Focus mode (RoomPanes.tsx): the board folds to its column headings and counts.
  const folded = usePanes((state) => state.focusMode && state.panes.length > 0);
  const isAdmin = session?.role === 'ADMINISTRATOR';

  const filter: BoardFilter = useMemo(
    () => ({ text, ownerId: isAdmin ? ownerId : null, channel }),
    [text, ownerId, channel, isAdmin],
  );
  // Filtering 10,000 enquiries stays off the typing path.
  const deferredFilter = useDeferredValue(filter);
  const model = useDeferredValue(board.data);
  // Live updates move only the changed enquiries within the last selection.
  const selection = useRef<ColumnSelection | null>(null);
  const columns = useMemo(() => {
    if (!model) return null;
    selection.current = updateSelection(selection.current, model, deferredFilter, sort);
    return selection.current.columns;
  }, [model, deferredFilter, sort]);
  const cardOwners = useMemo(() => (model && isAdmin ? ownersOf(model) : []), [model, isAdmin]);
  const owners = useAgentOptions(cardOwners);
  const openIds = useMemo(() => new Set(panes.map((pane) => pane.enquiryId)), [panes]);
  const onOpen = useCallback(
    (enquiry: Enquiry) => openRoom(enquiry.id, isAdmin ? undefined : 'chat'),
    [openRoom, isAdmin],
  );

  // Filtering shows "shown of total". The totals are the server's, for what the viewer may see.
  const filtering = isFiltering(filter);
  return (
    <div
      className="board"
      style={panes.length > 0 && !folded ? { flexBasis: `${boardShare * 100}%` } : undefined}
      data-folded={folded || undefined}
      data-focus-region
      tabIndex={-1}
      aria-label="Enquiry Overview"
      role="region"
    >
      <BoardFilters owners={owners} showOwnerFilter={isAdmin} />
      <SupervisorStrip />
      {isAdmin && session && !session.enquiryMonitoring && (
        // The one place the console says so (not in the top bar, not again in each room).
        <p className="plan-note" role="note">
          <strong>Your plan does not include enquiry monitoring.</strong> You can follow the board; rooms
          cannot be monitored, joined or taken over.
        </p>
      )}
      {board.isError && (
        <p className="form-error" role="alert">
          Could not load the board: {describeError(board.error)}
        </p>
      )}
      {board.isPending && <p className="muted board-loading">Loading the Enquiry Overview…</p>}
      {columns && model && (
        <div className="board-columns">
          {OVERVIEW_COLUMNS.map((column) => {
            const shown = columns[column].length;
            const total = Math.max(model.totals[column], shown);
            return (
              <BoardColumn
                key={column}
                column={column}
                enquiries={columns[column]}
                countLabel={filtering ? `${shown} of ${total}` : String(total)}
                emptyLabel={filtering && total > 0 ? 'No enquiries match the filters' : 'No enquiries'}
                baseline={model.baseline}
                openIds={openIds}
                onOpen={onOpen}
              />
            );
          })}
        </div>
      )}
    </div>
  );
}
