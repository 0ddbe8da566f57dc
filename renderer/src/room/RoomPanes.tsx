/**
 * Room panes side by side beneath the board, with resize handles between them (drag or
 * arrow keys) and one between the board and the rooms. Closing a pane tells main (room/close).
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

function PaneResizer({ index, label }: { index: number; label: string }) {
  const resizePane = usePanes((state) => state.resizePane);
  const left = usePanes((state) => state.panes[index]?.weight ?? 1);
  const right = usePanes((state) => state.panes[index + 1]?.weight ?? 1);
  const percent = Math.round((left / (left + right)) * 100);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const handle = event.currentTarget;
    const row = handle.closest<HTMLElement>('.room-panes');
    if (!row) return;
    handle.setPointerCapture(event.pointerId);
    const totalWeight = usePanes.getState().panes.reduce((sum, pane) => sum + pane.weight, 0);
    const perPixel = totalWeight / row.clientWidth;
    let lastX = event.clientX;
    const move = (moveEvent: globalThis.PointerEvent) => {
      resizePane(index, (moveEvent.clientX - lastX) * perPixel);
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
    resizePane(index, event.key === 'ArrowRight' ? 0.1 : -0.1);
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
        if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
        event.preventDefault();
        setBoardShare(share + (event.key === 'ArrowDown' ? 0.05 : -0.05));
      }}
    />
  );
}

/** The open rooms, side by side. */
export function RoomPanes() {
  const session = useSession().data;
  const panes = usePanes((state) => state.panes);
  const openIds = panes.map((pane) => pane.enquiryId);
  useCloseOnServer(openIds);
  const crowded = panes.length * PANE_MIN_WIDTH + ROW_PADDING > useWindowWidth();
  if (!session || panes.length === 0) return null;
  return (
    <>
      <BoardResizer />
      <div className="room-panes" aria-label="Rooms" role="region" data-crowded={crowded || undefined}>
        {panes.map((pane, index) => (
          <div key={pane.enquiryId} className="pane-slot" style={{ flexGrow: pane.weight }}>
            {index > 0 && <PaneResizer index={index - 1} label={`Resize rooms ${index} and ${index + 1}`} />}
            <RoomPane pane={pane} session={session} />
          </div>
        ))}
      </div>
    </>
  );
}
