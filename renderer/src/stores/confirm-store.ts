/**
 * Confirmation dialogs (zustand): one at a time, answered OK or Cancel. `confirm()` returns
 * a promise so an action reads top to bottom: `if (await confirm({...})) …`.
 */
import { create } from 'zustand';

export interface ConfirmRequest {
  title: string;
  body: string;
  okLabel?: string;
}

interface ConfirmState {
  request: ConfirmRequest | null;
  resolve: ((ok: boolean) => void) | null;
  ask(request: ConfirmRequest): Promise<boolean>;
  answer(ok: boolean): void;
}

export const useConfirm = create<ConfirmState>()((set, get) => ({
  request: null,
  resolve: null,
  ask: (request) =>
    new Promise<boolean>((resolve) => {
      get().resolve?.(false);
      set({ request, resolve });
    }),
  answer: (ok) => {
    const { resolve } = get();
    set({ request: null, resolve: null });
    resolve?.(ok);
  },
}));

/** Asks the user to confirm; resolves true on OK, false on Cancel or Escape. */
export function confirmAction(request: ConfirmRequest): Promise<boolean> {
  return useConfirm.getState().ask(request);
}

/** Withdraws `request` if it is still the open question (as if Cancel was chosen). */
export function withdrawConfirm(request: ConfirmRequest): void {
  const { request: open, answer } = useConfirm.getState();
  if (open === request) answer(false);
}
