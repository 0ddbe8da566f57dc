/**
 * The typed bridge refuses bad IPC arguments before anything reaches the backend: each
 * request's arguments are parsed with the contract's zod schema in main.
 */
import { describe, expect, it } from 'vitest';
import { createRequestHandler } from '../../main/core/request-handler';
import { SupervisorSession } from '../../main/core/session';

// An unreachable backend: a request that passed validation would fail with NETWORK/UNAUTHENTICATED,
// so BAD_USER_INPUT proves the refusal happened in the parser.
const session = new SupervisorSession({
  backendUrl: 'http://127.0.0.1:9/graphql',
  ports: { emit: () => undefined },
});
const handle = createRequestHandler(session);

describe('IPC argument validation', () => {
  it.each([
    ['session/signIn', { tenant: 'demo', email: 'ada@demo.test' }],
    ['session/signIn', { tenant: 'demo', email: 'ada@demo.test', password: 'x', extra: true }],
    ['session/signIn', 'ada@demo.test'],
    ['board/load', { column: 'ARCHIVED' }],
    ['board/load', { column: 'OPEN', first: 100_000 }],
    ['board/load', { column: 'OPEN', filter: { channel: 'PIGEON' } }],
    ['room/open', { enquiryId: '' }],
    ['room/open', { enquiryId: 42 }],
    ['enquiry/join', { enquiryId: 'enq_1' }],
    ['enquiry/join', { enquiryId: 'enq_1', idempotencyKey: 'short' }],
    ['enquiry/takeOver', { enquiryId: 'enq_1', idempotencyKey: 'take-over-1', expectedVersion: -1 }],
    ['room/sendMessage', { enquiryId: 'enq_1', text: '   ', idempotencyKey: 'message-key-1' }],
    ['room/sendMessage', { enquiryId: 'enq_1', text: 'x'.repeat(4001), idempotencyKey: 'message-key-1' }],
    ['notifications/updateSettings', { kinds: { NOT_A_KIND: true } }],
    ['notifications/updateSettings', { doNotDisturb: 'yes' }],
    ['session/get', { anything: 1 }],
  ])('%s refuses malformed arguments (case %#)', async (channel, args) => {
    const result = await handle(channel, args);
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_USER_INPUT' } });
  });

  it('refuses channels that are not in the contract', async () => {
    for (const channel of ['session/steal', '__proto__', 'constructor', 42, null]) {
      expect(await handle(channel, {})).toMatchObject({ ok: false, error: { code: 'BAD_USER_INPUT' } });
    }
  });

  it('passes well-formed arguments on to the session', async () => {
    expect(await handle('session/get', {})).toMatchObject({ ok: true, value: { status: 'signed-out' } });
    expect(await handle('session/get', undefined)).toMatchObject({ ok: true });
    const settings = await handle('notifications/updateSettings', {
      doNotDisturb: true,
      kinds: { WAIT_WARNING: false },
    });
    expect(settings).toMatchObject({
      ok: true,
      value: { doNotDisturb: true, kinds: { WAIT_WARNING: false, ASSISTANCE_REQUESTED: true } },
    });
    expect(await handle('board/load', { column: 'OPEN' })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
  });
});
