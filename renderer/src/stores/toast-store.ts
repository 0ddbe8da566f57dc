/**
 * Toasts (zustand): short confirmations and explanations, shown as `role=status` and
 * dismissed after a while or by hand. Server notifications arrive here too.
 */
import { create } from 'zustand';

export type ToastTone = 'success' | 'info' | 'warning' | 'error';

export interface Toast {
  id: number;
  tone: ToastTone;
  title: string;
  body?: string;
  /** The room the toast is about, offered as "Open room". */
  enquiryId?: string | null;
}

interface ToastState {
  toasts: Toast[];
  show(toast: Omit<Toast, 'id'>): number;
  dismiss(id: number): void;
}

const TOAST_MS = 8000;
const MAX_TOASTS = 5;
let nextId = 1;

export const useToasts = create<ToastState>()((set, get) => ({
  toasts: [],
  show: (toast) => {
    const id = nextId++;
    set((state) => ({ toasts: [...state.toasts, { ...toast, id }].slice(-MAX_TOASTS) }));
    setTimeout(() => get().dismiss(id), toast.tone === 'error' ? TOAST_MS * 1.5 : TOAST_MS);
    return id;
  },
  dismiss: (id) => set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) })),
}));

/** Shows a toast from anywhere (event handlers, mutations). */
export function showToast(toast: Omit<Toast, 'id'>): number {
  return useToasts.getState().show(toast);
}
