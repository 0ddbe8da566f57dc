/**
 * The room panes a window (or browser tab) keeps across a reload, in its sessionStorage:
 * which rooms are open, in which order, mode and width, which one has focus (and whether it
 * is enlarged in focus mode), and whose
 * they are (tenant + staff id, never a secret). What is read back is untrusted input: it
 * is checked here, shape by shape, and anything that does not fit is left out.
 */
import { createJSONStorage, type StateStorage } from 'zustand/middleware';
import type { SessionState } from '../../../shared/ipc/contract';

/** How a pane shows its room: monitoring (with the monitor panel) or the chat room. */
export type PaneMode = 'monitor' | 'chat';

export interface RoomPane {
  enquiryId: string;
  mode: PaneMode;
  /** Relative width (flex-grow); resizing moves width between neighbours. */
  weight: number;
}

/** At most this many rooms side by side; opening another closes the oldest. */
export const MAX_PANES = 6;
/** The narrowest a pane gets, relative to its neighbour. */
export const MIN_PANE_WEIGHT = 0.35;
/** A saved weight beyond this is taken as this (a sane bound, never reached by resizing). */
const MAX_PANE_WEIGHT = 50;
/** Enquiry ids as the IPC contract accepts them. */
const MAX_ID_LENGTH = 128;

/** The signed-in staff member the panes belong to. */
export interface PaneOwner {
  tenant: string;
  staffId: string;
}

/** What a tab keeps of its panes. */
export interface SavedPanes {
  /** Who opened the panes; null: nobody (signed out), and then there are none. */
  openedBy: PaneOwner | null;
  panes: RoomPane[];
  focusedEnquiryId: string | null;
  /** Focus mode: the focused room enlarged, the others and the board folded (RoomPanes.tsx). */
  focusMode?: boolean;
}

export const NO_SAVED_PANES: SavedPanes = {
  openedBy: null,
  panes: [],
  focusedEnquiryId: null,
};

/** Where a tab keeps its panes: sessionStorage survives a reload, is per tab and ends with it. */
export const SAVED_PANES_KEY = 'supervisor-console/rooms';

/** The person a session is signed in as; null when signed out. */
export function ownerOf(session: SessionState): PaneOwner | null {
  if (session.status !== 'signed-in' || !session.staff || !session.tenant) return null;
  return { tenant: session.tenant, staffId: session.staff.id };
}

/** Whether two owners are the same person (both nobody counts as the same). */
export function sameOwner(a: PaneOwner | null, b: PaneOwner | null): boolean {
  return a === b || (a !== null && b !== null && a.tenant === b.tenant && a.staffId === b.staffId);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isId(value: unknown, maxLength = MAX_ID_LENGTH): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= maxLength;
}

function readOwner(value: unknown): PaneOwner | null {
  if (!isRecord(value) || !isId(value.tenant, 64) || !isId(value.staffId)) return null;
  return { tenant: value.tenant, staffId: value.staffId };
}

function readPane(value: unknown): RoomPane | null {
  if (!isRecord(value) || !isId(value.enquiryId)) return null;
  if (value.mode !== 'monitor' && value.mode !== 'chat') return null;
  const weight =
    typeof value.weight === 'number' && Number.isFinite(value.weight)
      ? Math.min(MAX_PANE_WEIGHT, Math.max(MIN_PANE_WEIGHT, value.weight))
      : 1;
  return { enquiryId: value.enquiryId, mode: value.mode, weight };
}

/**
 * The saved panes in `value` (as read back from storage), checked: without a valid owner
 * nothing is restored; malformed panes and repeats are left out; beyond MAX_PANES only the
 * newest (last) ones are kept; focus falls on nothing unless it names a kept pane.
 */
export function readSavedPanes(value: unknown): SavedPanes {
  if (!isRecord(value)) return NO_SAVED_PANES;
  const openedBy = readOwner(value.openedBy);
  if (!openedBy || !Array.isArray(value.panes)) return NO_SAVED_PANES;
  const panes: RoomPane[] = [];
  const seen = new Set<string>();
  for (const entry of value.panes) {
    const pane = readPane(entry);
    if (!pane || seen.has(pane.enquiryId)) continue;
    seen.add(pane.enquiryId);
    panes.push(pane);
  }
  const kept = panes.slice(-MAX_PANES);
  const focusedEnquiryId = kept.some((pane) => pane.enquiryId === value.focusedEnquiryId)
    ? (value.focusedEnquiryId as string)
    : null;
  // Focus mode needs a room to enlarge.
  const focusMode = value.focusMode === true && focusedEnquiryId !== null;
  return focusMode
    ? { openedBy, panes: kept, focusedEnquiryId, focusMode }
    : { openedBy, panes: kept, focusedEnquiryId };
}

/**
 * The tab's sessionStorage, as JSON: unavailable storage means nothing is kept (zustand
 * then only warns), and a write it refuses (quota) is skipped rather than thrown at the
 * pane action that caused it.
 */
export function savedPanesStorage() {
  return createJSONStorage<SavedPanes>(() => {
    const storage = globalThis.sessionStorage;
    if (!storage) throw new Error('This window has no sessionStorage.');
    const quiet: StateStorage = {
      getItem: (name) => storage.getItem(name),
      setItem: (name, value) => {
        try {
          storage.setItem(name, value);
        } catch {
          // Not kept across a reload this time; the panes on screen are unaffected.
        }
      },
      removeItem: (name) => storage.removeItem(name),
    };
    return quiet;
  });
}
