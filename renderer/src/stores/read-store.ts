/**
 * How many messages of each enquiry the user has read (zustand): an open room marks its
 * messages read, and the board shows the rest as unread activity.
 */
import { create } from 'zustand';

interface ReadState {
  readCounts: Record<string, number>;
  markRead(enquiryId: string, messageCount: number): void;
}

export const useReadCounts = create<ReadState>()((set) => ({
  readCounts: {},
  markRead: (enquiryId, messageCount) =>
    set((state) =>
      (state.readCounts[enquiryId] ?? -1) >= messageCount
        ? state
        : { readCounts: { ...state.readCounts, [enquiryId]: messageCount } },
    ),
}));
