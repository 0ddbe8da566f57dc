/** How a help request's end is said: to the administrators and to the agent who asked. */
import { describe, expect, it } from 'vitest';
import type { HelpRequestEnd } from '../../shared/domain';
import { endedForAdministrators, endedForAgent } from '../../renderer/src/supervisor/help-endings';

const ada = { id: 'stf_ada', name: 'Ada Lovelace', email: 'ada@demo.test', role: 'ADMINISTRATOR' as const };
const ending = (endReason: HelpRequestEnd, endedBy: typeof ada | null = ada) => ({ endReason, endedBy });

describe('help request endings', () => {
  it('tell the administrators who ended it and how', () => {
    expect(endedForAdministrators(ending('DISMISSED'))).toBe('Dismissed by Ada Lovelace');
    expect(endedForAdministrators(ending('JOINED'))).toBe('Answered by Ada Lovelace (joined)');
    expect(endedForAdministrators(ending('TAKEN_OVER'))).toBe('Answered by Ada Lovelace (took over)');
    expect(endedForAdministrators(ending('TRANSFERRED'))).toBe(
      'Answered by Ada Lovelace (transferred the enquiry)',
    );
    expect(endedForAdministrators(ending('ENQUIRY_CLOSED'))).toBe('Ended: enquiry closed by Ada Lovelace');
    expect(endedForAdministrators(ending('DISMISSED', null))).toBe('Dismissed');
  });

  it('tell the agent who answered or dismissed her request', () => {
    expect(endedForAgent(ending('DISMISSED'))).toBe('Ada Lovelace dismissed your help request');
    expect(endedForAgent(ending('JOINED'))).toBe('Ada Lovelace answered your help request by joining');
    expect(endedForAgent(ending('TAKEN_OVER'))).toBe(
      'Ada Lovelace answered your help request by taking over',
    );
    expect(endedForAgent(ending('ENQUIRY_CLOSED'))).toBe(
      'Your help request ended: Ada Lovelace closed the enquiry',
    );
    expect(endedForAgent(ending('DISMISSED', null))).toBe('An administrator dismissed your help request');
  });
});
