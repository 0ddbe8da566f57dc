/** Which of the top bar's dialogs ("Audit trail", "Settings") is open (zustand UI state). */
import { create } from 'zustand';

export type TopBarDialog = 'audit' | 'settings';

interface DialogState {
  open: TopBarDialog | null;
  show(dialog: TopBarDialog): void;
  close(): void;
}

export const useTopBarDialog = create<DialogState>()((set) => ({
  open: null,
  show: (dialog) => set({ open: dialog }),
  close: () => set({ open: null }),
}));
