/**
 * Rooms whose live events the server ended for good ('room/ended': the viewer lost the right
 * to the room), with the server's reason. The pane keeps what it shows and says that it no
 * longer updates. Closing the pane forgets the room; so does opening it again successfully
 * after the end was heard (the stream then starts afresh).
 */
import { create } from 'zustand';
import type { EventPayloads } from '../../../shared/ipc/contract';

export interface EndedRoom {
  code: EventPayloads['room/ended']['code'];
  message: string;
  /** When, in the order of ends heard, this one came (see {@link EndedRoomsState.reopened}). */
  serial: number;
}

interface EndedRoomsState {
  ended: Record<string, EndedRoom>;
  /** How many ends were heard so far. */
  serial: number;
  end(payload: EventPayloads['room/ended']): void;
  /** Forgets a room (its pane closed). */
  forget(enquiryId: string): void;
  /**
   * The room was opened again successfully by an open asked for when `serial` ends had been
   * heard: an end heard by then is over (that open started a new stream); a later one stands.
   */
  reopened(enquiryId: string, serial: number): void;
}

export const useEndedRooms = create<EndedRoomsState>()((set) => ({
  ended: {},
  serial: 0,
  end: ({ enquiryId, code, message }) =>
    set((state) => {
      const serial = state.serial + 1;
      return { serial, ended: { ...state.ended, [enquiryId]: { code, message, serial } } };
    }),
  forget: (enquiryId) =>
    set((state) => {
      if (!(enquiryId in state.ended)) return state;
      const ended = { ...state.ended };
      delete ended[enquiryId];
      return { ended };
    }),
  reopened: (enquiryId, serial) =>
    set((state) => {
      const entry = state.ended[enquiryId];
      if (!entry || entry.serial > serial) return state;
      const ended = { ...state.ended };
      delete ended[enquiryId];
      return { ended };
    }),
}));
