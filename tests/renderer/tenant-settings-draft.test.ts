/**
 * The Settings dialog's tenant form: what it sends (only what changed, in seconds), what it
 * refuses before sending (not a number at all), and where the backend's refusal is shown.
 */
import { describe, expect, it } from 'vitest';
import type { TenantSettings } from '../../shared/ipc/contract';
import {
  changeOf,
  draftOf,
  durationDraft,
  placeRefusal,
} from '../../renderer/src/settings/tenant-settings-draft';

const grace = { id: 'stf_grace', name: 'Grace Hopper', email: 'grace@demo.test', role: 'AGENT' as const };
const linus = { id: 'stf_linus', name: 'Linus Torvalds', email: 'linus@demo.test', role: 'AGENT' as const };
const saved: TenantSettings = {
  waitWarningSeconds: 45,
  waitLimitSeconds: 3600,
  slaThresholdSeconds: 60,
  defaultAgentCapacity: 3,
  agentsSeeMonitors: false,
  agentCapacities: [
    { agent: grace, capacity: 3, custom: false },
    { agent: linus, capacity: 5, custom: true },
  ],
};

describe('tenant settings draft', () => {
  it('shows whole minutes as minutes and anything else as seconds', () => {
    expect(durationDraft(3600)).toEqual({ amount: '60', unit: 'min' });
    expect(durationDraft(60)).toEqual({ amount: '1', unit: 'min' });
    expect(durationDraft(45)).toEqual({ amount: '45', unit: 's' });
    expect(durationDraft(90)).toEqual({ amount: '90', unit: 's' });
  });

  it('sends nothing when nothing changed', () => {
    expect(changeOf(saved, draftOf(saved))).toEqual({ change: {}, errors: {} });
  });

  it('sends only what changed, durations in seconds, capacities as set or back to the default', () => {
    const draft = draftOf(saved);
    draft.slaThresholdSeconds = { amount: '2', unit: 'min' };
    draft.agentsSeeMonitors = true;
    draft.capacities = { [grace.id]: '4', [linus.id]: '' };
    expect(changeOf(saved, draft)).toEqual({
      change: {
        slaThresholdSeconds: 120,
        agentsSeeMonitors: true,
        agentCapacities: [
          { staffId: grace.id, capacity: 4 },
          { staffId: linus.id, capacity: null },
        ],
      },
      errors: {},
    });
  });

  it('leaves ranges to the backend but stops what is not a whole number', () => {
    const draft = draftOf(saved);
    draft.slaThresholdSeconds = { amount: '0', unit: 's' };
    expect(changeOf(saved, draft).change).toEqual({ slaThresholdSeconds: 0 });
    draft.waitWarningSeconds = { amount: 'soon', unit: 's' };
    draft.defaultAgentCapacity = '2.5';
    draft.capacities = { [grace.id]: 'x' };
    const { errors } = changeOf(saved, draft);
    expect(Object.keys(errors).sort()).toEqual([
      'capacity:stf_grace',
      'defaultAgentCapacity',
      'waitWarningSeconds',
    ]);
    // 1.5 minutes is 90 s, a whole number; 0.5 s is not.
    draft.waitWarningSeconds = { amount: '1.5', unit: 'min' };
    expect(changeOf(saved, draft).errors.waitWarningSeconds).toBeUndefined();
    draft.waitWarningSeconds = { amount: '0.5', unit: 's' };
    expect(changeOf(saved, draft).errors.waitWarningSeconds).toBeDefined();
  });

  it("puts the backend's refusal next to the field it names, or above Save", () => {
    const sla = 'The SLA threshold must be a whole number of seconds between 1 and 86,400 (24 hours).';
    expect(placeRefusal({ slaThresholdSeconds: 0 }, sla).field).toBe('slaThresholdSeconds');
    const warning = 'The warning threshold must be at least 1 second and below the wait limit.';
    expect(placeRefusal({ waitWarningSeconds: 9999 }, warning).field).toBe('waitWarningSeconds');
    // Only the limit changed (down to the warning): the limit is what to fix.
    expect(placeRefusal({ waitLimitSeconds: 10 }, warning).field).toBe('waitLimitSeconds');
    expect(
      placeRefusal({ waitLimitSeconds: 1 }, 'The wait limit must be between 5 seconds and 24 hours.').field,
    ).toBe('waitLimitSeconds');
    const capacity = "An agent's capacity must be a whole number between 0 and 50.";
    expect(placeRefusal({ defaultAgentCapacity: 99 }, capacity).field).toBe('defaultAgentCapacity');
    expect(placeRefusal({ agentCapacities: [{ staffId: grace.id, capacity: 99 }] }, capacity).field).toBe(
      'capacity:stf_grace',
    );
    // A refusal that names no field (an agent that is not the tenant's, say) goes above Save.
    expect(placeRefusal({ agentsSeeMonitors: true }, 'stf_x is not an agent of your organisation.')).toEqual({
      field: 'form',
      message: 'stf_x is not an agent of your organisation.',
    });
  });
});
