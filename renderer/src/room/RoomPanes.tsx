/**
 * Room panes side by side beneath the board, with resize handles between them (drag or
 * arrow keys) and one between the board and the rooms (drag or arrow keys; the split is
 * remembered). In focus mode ("Focus room" on a pane) the focused room takes the row and the
 * height: the other rooms fold to their title bars (focusing one enlarges it instead) and the
 * board to its column headings. Closing a pane tells main (room/close).
 */
import { useEffect, useRef, useSyncExternalStore, type KeyboardEvent, type PointerEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useSession } from '../session/session-queries';
import { usePanes } from '../stores/ui-store';
import { RoomPane } from './RoomPane';
import { closeRoomOnServer } from './room-queries';

/** The least width of a room's slot (styles.css `.pane-slot`), its resize handle included. */
export const PANE_MIN_WIDTH = 320;
/** The rooms row's horizontal padding (styles.css `.room-panes`). */
const ROW_PADDING = 32;

function subscribeToResize(onChange: () => void): () => void {
  window.addEventListener('resize', onChange);
  return () => window.removeEventListener('resize', onChange);
}

/** The window's width, kept current. */
function useWindowWidth(): number {
  return useSyncExternalStore(subscribeToResize, () => window.innerWidth);
}

/** Tells main about panes that went away, however they were closed. */
function useCloseOnServer(openIds: string[]): void {
  const queryClient = useQueryClient();
  const previous = useRef<string[]>([]);
  const key = openIds.join('|');
  useEffect(() => {
    const now = key ? key.split('|') : [];
    for (const id of previous.current) if (!now.includes(id)) closeRoomOnServer(queryClient, id);
    previous.current = now;
  }, [key, queryClient]);
}

/** How far one arrow key press moves a handle between two rooms. */
const KEY_STEP_PX = 24;

/**
 * A move of `dx` pixels of the handle between rooms `index` and `index + 1`, as weights, from
 * their widths on screen: neither room gets narrower than {@link PANE_MIN_WIDTH} (the move
 * stops there; when both are at it, as in a crowded row, nothing moves and nothing is saved).
 */
function weightForMove(handle: HTMLElement, index: number, dx: number): number {
  const rightSlot = handle.closest('.pane-slot');
  const leftSlot = rightSlot?.previousElementSibling;
  const panes = usePanes.getState().panes;
  const [left, right] = [panes[index], panes[index + 1]];
  if (!rightSlot || !leftSlot || !left || !right) return 0;
  const leftWidth = leftSlot.getBoundingClientRect().width;
  const rightWidth = rightSlot.getBoundingClientRect().width;
  const move = Math.min(
    Math.max(dx, Math.min(0, PANE_MIN_WIDTH - leftWidth)),
    Math.max(0, rightWidth - PANE_MIN_WIDTH),
  );
  return (move * (left.weight + right.weight)) / (leftWidth + rightWidth);
}

function PaneResizer({ index, label }: { index: number; label: string }) {
  const resizePane = usePanes((state) => state.resizePane);
  const left = usePanes((state) => state.panes[index]?.weight ?? 1);
  const right = usePanes((state) => state.panes[index + 1]?.weight ?? 1);
  const percent = Math.round((left / (left + right)) * 100);

  const resizeBy = (handle: HTMLElement, dx: number) => {
    const delta = weightForMove(handle, index, dx);
    if (delta !== 0) resizePane(index, delta);
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const handle = event.currentTarget;
    handle.setPointerCapture(event.pointerId);
    let lastX = event.clientX;
    const move = (moveEvent: globalThis.PointerEvent) => {
      resizeBy(handle, moveEvent.clientX - lastX);
      lastX = moveEvent.clientX;
    };
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    resizeBy(event.currentTarget, event.key === 'ArrowRight' ? KEY_STEP_PX : -KEY_STEP_PX);
  };

  return (
    <div
      className="pane-resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={percent}
      aria-valuemin={0}
      aria-valuemax={100}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}

function BoardResizer() {
  const share = usePanes((state) => state.boardShare);
  const setBoardShare = usePanes((state) => state.setBoardShare);
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const handle = event.currentTarget;
    const main = handle.closest('main');
    if (!main) return;
    handle.setPointerCapture(event.pointerId);
    const top = main.getBoundingClientRect().top;
    const move = (moveEvent: globalThis.PointerEvent) =>
      setBoardShare((moveEvent.clientY - top) / main.clientHeight);
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  };
  return (
    <div
      className="board-resizer"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize board and rooms"
      aria-valuenow={Math.round(share * 100)}
      aria-valuemin={15}
      aria-valuemax={80}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={(event) => {
        // The window-splitter keys: arrows step, Home / End go to the least / most board.
        const next =
          event.key === 'ArrowDown'
            ? share + 0.05
            : event.key === 'ArrowUp'
              ? share - 0.05
              : event.key === 'Home'
                ? 0
                : event.key === 'End'
                  ? 1
                  : null;
        if (next === null) return;
        event.preventDefault();
        setBoardShare(next);
      }}
    />
  );
}

/** The open rooms, side by side. */
export function RoomPanes() {
  const session = useSession().data;
  const panes = usePanes((state) => state.panes);
  const focusMode = usePanes((state) => state.focusMode);
  const focusedId = usePanes((state) => state.focusedEnquiryId);
  const openIds = panes.map((pane) => pane.enquiryId);
  useCloseOnServer(openIds);
  const windowWidth = useWindowWidth();
  const crowded = !focusMode && panes.length * PANE_MIN_WIDTH + ROW_PADDING > windowWidth;
  if (!session || panes.length === 0) return null;
  return (
    <>
      {!focusMode && <BoardResizer />}
      <div
        className="room-panes"
        aria-label="Rooms"
        role="region"
        data-crowded={crowded || undefined}
        data-focus-mode={focusMode || undefined}
      >
        {panes.map((pane, index) => (
          <div
            key={pane.enquiryId}
            className="pane-slot"
            data-folded={(focusMode && pane.enquiryId !== focusedId) || undefined}
            style={{ flexGrow: focusMode ? undefined : pane.weight }}
          >
            {index > 0 && !focusMode && (
              <PaneResizer index={index - 1} label={`Resize rooms ${index} and ${index + 1}`} />
            )}
            <RoomPane pane={pane} session={session} />
          </div>
        ))}
      </div>
    </>
  );
}
