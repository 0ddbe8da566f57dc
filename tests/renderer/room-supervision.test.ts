import { describe, expect, it } from 'vitest';
import type { StaffRef } from '../../shared/domain';
import type { AgentAvailability } from '../../shared/ipc/contract';
import { changesViewer } from '../../renderer/src/room/room-model';
import { helpRequestAge, supervisorOffers, transferChoices } from '../../renderer/src/room/room-supervision';
import { ada, enquiry, grace, room, roomEvent } from './fixtures';

const agent = (name: string): StaffRef => ({
  id: name.toLowerCase(),
  name,
  email: `${name.toLowerCase()}@demo.test`,
  role: 'AGENT',
});

function availability(who: StaffRef, patch: Partial<AgentAvailability> = {}): AgentAvailability {
  return {
    agent: who,
    presence: 'ONLINE',
    presenceSince: '2026-01-01T09:00:00.000Z',
    chatsInHand: 1,
    capacity: 3,
    ...patch,
  };
}

describe('supervisor offers (Transfer, Close enquiry)', () => {
  it('offers Transfer for a Handling enquiry, and Close enquiry only to its owner', () => {
    const monitored = supervisorOffers(room([]), false);
    expect(monitored.transfer).toEqual({ shown: true, enabled: true });
    expect(monitored.close.shown).toBe(false);
    const owned = room([], { enquiry: enquiry('e1', { owner: ada }) });
    owned.viewer = { ...owned.viewer, isOwner: true };
    const offers = supervisorOffers(owned, false);
    expect(offers.transfer.enabled && offers.close.enabled && offers.close.shown).toBe(true);
    expect(offers.reason).toBeNull();
  });

  it('offers neither for an enquiry that is not being handled', () => {
    for (const status of ['OPEN', 'MISSED', 'CLOSED'] as const) {
      const offers = supervisorOffers(room([], { enquiry: enquiry('e1', { status }) }), false);
      expect([offers.transfer.shown, offers.close.shown]).toEqual([false, false]);
    }
    expect(supervisorOffers(null, false).transfer.shown).toBe(false);
  });

  it('disables both during a call, saying why; the panel says why when it is unavailable', () => {
    const owned = room([], { enquiry: enquiry('e1', { owner: ada, call: 'CONFERENCE' }) });
    owned.viewer = { ...owned.viewer, isOwner: true };
    const during = supervisorOffers(owned, false);
    expect([during.transfer.enabled, during.close.enabled]).toEqual([false, false]);
    expect(during.reason).toBe(
      'A conference call is in progress: Transfer and Close enquiry wait until it ends.',
    );
    expect(during.reasonCode).toBe('CALL_IN_PROGRESS');
    const monitoredCall = supervisorOffers(
      room([], { enquiry: enquiry('e1', { call: 'ONE_TO_ONE' }) }),
      false,
    );
    expect(monitoredCall.reason).toBe('A 1-to-1 call is in progress: Transfer waits until it ends.');
    const offline = supervisorOffers(room([]), true);
    expect(offline.transfer).toEqual({ shown: true, enabled: false });
    expect(offline.reason).toBeNull();
  });
});

describe('transfer choices', () => {
  it('lists every agent, those who can take it first; the rest disabled with the reason', () => {
    const linus = agent('Linus');
    const margaret = agent('Margaret');
    const ken = agent('Ken');
    const barbara = agent('Barbara');
    const choices = transferChoices(
      [
        availability(grace),
        availability(margaret, { presence: 'OFFLINE' }),
        availability(linus),
        availability(ken, { chatsInHand: 3, capacity: 3 }),
        availability(barbara, { presence: 'AWAY' }),
      ],
      grace.id,
    );
    expect(choices.map((choice) => [choice.agent.name, choice.unavailable])).toEqual([
      ['Linus', null],
      ['Barbara', 'Away: only an online agent can take it'],
      ['Grace Hopper', 'Owns this enquiry now'],
      ['Ken', 'At capacity (3 of 3)'],
      ['Margaret', 'Offline: only an online agent can take it'],
    ]);
  });
});

describe('help request age', () => {
  const asked = '2026-01-01T10:00:00.000Z';
  const at = (seconds: number) => Date.parse(asked) + seconds * 1000;
  it('says just now, minutes, then hours and minutes', () => {
    expect(helpRequestAge(asked, at(30))).toBe('just now');
    expect(helpRequestAge(asked, at(-5))).toBe('just now');
    expect(helpRequestAge(asked, at(125))).toBe('2 min ago');
    expect(helpRequestAge(asked, at(3600))).toBe('1 h ago');
    expect(helpRequestAge(asked, at(3900))).toBe('1 h 5 min ago');
  });
});

describe('room refresh after a transfer', () => {
  it('asks the server again what the viewer may do after ENQUIRY_TRANSFERRED', () => {
    expect(changesViewer([roomEvent('ENQUIRY_TRANSFERRED', enquiry('e1', { owner: agent('Linus') }))])).toBe(
      true,
    );
  });
});
