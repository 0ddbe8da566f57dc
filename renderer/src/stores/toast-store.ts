/**
 * Toasts (zustand): short confirmations and explanations, shown as `role=status` and
 * dismissed after a while or by hand. Server notifications arrive here too. While the
 * stack is held open (its "+N more" list is expanded), or while someone reads it (the
 * pointer rests on it, or keyboard focus is in it), none times out under the reader.
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
  /**
   * Toasts of one group (e.g. wait-time warnings) never pile up: a new one takes the place
   * of the one still shown, counting how many it stands for.
   */
  group?: string;
  /** How many toasts of its group this one stands for (1 unless grouped). */
  count: number;
}

interface ToastState {
  toasts: Toast[];
  /** True while someone reads the whole stack: timed-out toasts wait for the release. */
  held: boolean;
  show(toast: Omit<Toast, 'id' | 'count'>): number;
  dismiss(id: number): void;
  /** Holds the stack open (true) or releases it (false); see {@link TOAST_RELEASE_MS}. */
  hold(held: boolean): void;
}

const TOAST_MS = 8000;
/** After a release, toasts whose time ran out while held go this long after. */
export const TOAST_RELEASE_MS = 2000;
export const MAX_TOASTS = 5;
/** While held open, the list keeps this many: nothing leaves it under the reader's eyes. */
export const MAX_HELD_TOASTS = 30;
let nextId = 1;
/** Toasts whose time ran out while the stack was held. */
const timedOutWhileHeld = new Set<number>();
const nobodyReading = () => false;
/** Whether someone is reading the stack now; see {@link pauseToastsWhile}. */
let reading: () => boolean = nobodyReading;

/**
 * While `isReading()` answers true (the stack tells: the pointer rests on it, or keyboard
 * focus is in it), no toast times out: one whose time ran out goes within
 * {@link TOAST_RELEASE_MS} of the reader leaving. One reader at a time; returns the disposer.
 */
export function pauseToastsWhile(isReading: () => boolean): () => void {
  reading = isReading;
  return () => {
    if (reading === isReading) reading = nobodyReading;
  };
}

export const useToasts = create<ToastState>()((set, get) => {
  const timeOut = (id: number) => {
    if (!get().toasts.some((toast) => toast.id === id)) return;
    if (get().held) timedOutWhileHeld.add(id);
    else if (reading()) setTimeout(() => timeOut(id), TOAST_RELEASE_MS);
    else get().dismiss(id);
  };
  return {
    toasts: [],
    held: false,
    show: (toast) => {
      const id = nextId++;
      set((state) => {
        // Never swapped under a reader: the "Open room" they point at stays what it was.
        const earlier =
          toast.group && !reading() ? state.toasts.find((shown) => shown.group === toast.group) : undefined;
        const kept = earlier ? state.toasts.filter((shown) => shown !== earlier) : state.toasts;
        const count = (earlier?.count ?? 0) + 1;
        return {
          toasts: [...kept, { ...toast, id, count }].slice(-(state.held ? MAX_HELD_TOASTS : MAX_TOASTS)),
        };
      });
      setTimeout(() => timeOut(id), toast.tone === 'error' ? TOAST_MS * 1.5 : TOAST_MS);
      return id;
    },
    dismiss: (id) => {
      timedOutWhileHeld.delete(id);
      set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) }));
    },
    hold: (held) => {
      if (held === get().held) return;
      if (held) {
        set({ held });
        return;
      }
      // Released: back to the usual few (the oldest were read in the list).
      set((state) => ({ held, toasts: state.toasts.slice(-MAX_TOASTS) }));
      for (const id of timedOutWhileHeld) setTimeout(() => timeOut(id), TOAST_RELEASE_MS);
      timedOutWhileHeld.clear();
    },
  };
});

/** Shows a toast from anywhere (event handlers, mutations). */
export function showToast(toast: Omit<Toast, 'id' | 'count'>): number {
  return useToasts.getState().show(toast);
}
