/**
 * The tenant settings form's draft: what the administrator typed, turned into the change
 * to send (only what differs from the saved settings), and the backend's refusal placed
 * next to the field it is about.
 */
import type { RequestArgs, TenantSettings } from '../../../shared/ipc/contract';

export type DurationUnit = 's' | 'min';
export interface DurationDraft {
  amount: string;
  unit: DurationUnit;
}

export type DurationField = 'waitWarningSeconds' | 'waitLimitSeconds' | 'slaThresholdSeconds';
export const DURATION_FIELDS: readonly DurationField[] = [
  'waitWarningSeconds',
  'waitLimitSeconds',
  'slaThresholdSeconds',
];

export interface TenantDraft {
  waitWarningSeconds: DurationDraft;
  waitLimitSeconds: DurationDraft;
  slaThresholdSeconds: DurationDraft;
  agentsSeeMonitors: boolean;
  defaultAgentCapacity: string;
  /** By agent id: her own capacity, or '' for the tenant's default. */
  capacities: Record<string, string>;
}

/** A field of the form an error can stand next to: a setting, or `capacity:<agent id>`. */
export type FieldKey = DurationField | 'defaultAgentCapacity' | `capacity:${string}`;
export type FieldErrors = Partial<Record<FieldKey, string>>;

/** Whole minutes read better as minutes (3600 s → 60 min); anything else stays in seconds. */
export function durationDraft(seconds: number): DurationDraft {
  return seconds >= 60 && seconds % 60 === 0
    ? { amount: String(seconds / 60), unit: 'min' }
    : { amount: String(seconds), unit: 's' };
}

export function draftOf(settings: TenantSettings): TenantDraft {
  return {
    waitWarningSeconds: durationDraft(settings.waitWarningSeconds),
    waitLimitSeconds: durationDraft(settings.waitLimitSeconds),
    slaThresholdSeconds: durationDraft(settings.slaThresholdSeconds),
    agentsSeeMonitors: settings.agentsSeeMonitors,
    defaultAgentCapacity: String(settings.defaultAgentCapacity),
    capacities: Object.fromEntries(
      settings.agentCapacities.map((c) => [c.agent.id, c.custom ? String(c.capacity) : '']),
    ),
  };
}

const WHOLE = /^-?\d+(\.\d+)?$/;

function secondsOf(draft: DurationDraft): number | null {
  const text = draft.amount.trim();
  if (!WHOLE.test(text)) return null;
  const seconds = Number(text) * (draft.unit === 'min' ? 60 : 1);
  return Number.isInteger(seconds) ? seconds : null;
}

function wholeOf(text: string): number | null {
  const trimmed = text.trim();
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : null;
}

/**
 * The change to send: only settings that differ from `saved`. Errors for what is not a
 * number at all (the backend judges the rest: ranges, the warning below the limit).
 */
export function changeOf(
  saved: TenantSettings,
  draft: TenantDraft,
): { change: RequestArgs<'settings/updateTenant'>; errors: FieldErrors } {
  const change: RequestArgs<'settings/updateTenant'> = {};
  const errors: FieldErrors = {};
  for (const field of DURATION_FIELDS) {
    const seconds = secondsOf(draft[field]);
    if (seconds === null) errors[field] = 'Enter a whole number of seconds, or of minutes.';
    else if (seconds !== saved[field]) change[field] = seconds;
  }
  if (draft.agentsSeeMonitors !== saved.agentsSeeMonitors) change.agentsSeeMonitors = draft.agentsSeeMonitors;
  const capacity = wholeOf(draft.defaultAgentCapacity);
  if (capacity === null) errors.defaultAgentCapacity = 'Enter a whole number of chats.';
  else if (capacity !== saved.defaultAgentCapacity) change.defaultAgentCapacity = capacity;
  const capacities: NonNullable<typeof change.agentCapacities> = [];
  for (const { agent, capacity: current, custom } of saved.agentCapacities) {
    const text = (draft.capacities[agent.id] ?? '').trim();
    if (text === '') {
      if (custom) capacities.push({ staffId: agent.id, capacity: null });
      continue;
    }
    const wanted = wholeOf(text);
    if (wanted === null) errors[`capacity:${agent.id}`] = 'Enter a whole number of chats, or leave it empty.';
    else if (!custom || wanted !== current) capacities.push({ staffId: agent.id, capacity: wanted });
  }
  if (capacities.length > 0) change.agentCapacities = capacities;
  return { change, errors };
}

/**
 * Where the backend's refusal of `change` belongs: next to the field it names (its message
 * says "wait limit", "warning", "SLA threshold" or "capacity"), or, when it names none of
 * them (the plan, the connection), above the Save button (`form`).
 */
export function placeRefusal(
  change: RequestArgs<'settings/updateTenant'>,
  message: string,
): { field: FieldKey | 'form'; message: string } {
  const has = (key: keyof typeof change) => change[key] !== undefined;
  if (/SLA/i.test(message)) return { field: 'slaThresholdSeconds', message };
  if (/warning/i.test(message))
    return {
      field:
        !has('waitWarningSeconds') && has('waitLimitSeconds') ? 'waitLimitSeconds' : 'waitWarningSeconds',
      message,
    };
  if (/wait limit/i.test(message)) return { field: 'waitLimitSeconds', message };
  if (/capacit/i.test(message) && !/plan/i.test(message)) {
    if (has('defaultAgentCapacity')) return { field: 'defaultAgentCapacity', message };
    const first = change.agentCapacities?.[0];
    if (first) return { field: `capacity:${first.staffId}`, message };
  }
  return { field: 'form', message };
}
