import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as documents from '../shared/graphql/documents';
import { typeDefs } from '../shared/graphql/schema';
import type { requestSchemas } from '../shared/ipc/contract';
import { parseRequest } from '../shared/ipc/contract';

describe('the console GraphQL documents', () => {
  const schema = buildSchema(typeDefs);
  for (const [name, source] of Object.entries(documents)) {
    it(`${name} is valid against the backend schema`, () => {
      expect(validate(schema, parse(source))).toEqual([]);
    });
  }

  it('keeps every name of the API contract', () => {
    const mutation = schema.getMutationType()!.getFields();
    for (const name of [
      'login',
      'refreshSession',
      'monitorEnquiry',
      'stopMonitoring',
      'joinEnquiry',
      'takeOverEnquiry',
      'leaveEnquiry',
      'sendMessage',
      'sendWhisper',
      'pickUpEnquiry',
      'closeEnquiry',
      'startCall',
      'endCall',
      'requestAssistance',
      'startEnquiry',
    ]) {
      expect(mutation[name], name).toBeDefined();
    }
    const query = schema.getQueryType()!.getFields();
    for (const name of ['me', 'enquiryOverview', 'enquiry', 'room', 'auditTrail'])
      expect(query[name], name).toBeDefined();
    const subscription = schema.getSubscriptionType()!.getFields();
    for (const name of ['boardEvents', 'roomEvents', 'notifications'])
      expect(subscription[name]?.args.some((a) => a.name === 'after')).toBe(true);
  });
});

describe('the IPC contract', () => {
  it('accepts well-formed arguments', () => {
    expect(parseRequest('enquiry/join', { enquiryId: 'enq_1', idempotencyKey: '12345678-key' }).ok).toBe(
      true,
    );
    expect(parseRequest('board/load', { column: 'HANDLING', first: 200 }).ok).toBe(true);
  });

  it('refuses malformed arguments with BAD_USER_INPUT instead of throwing', () => {
    const cases: [keyof typeof requestSchemas, unknown][] = [
      ['enquiry/join', { enquiryId: '', idempotencyKey: '12345678' }],
      ['enquiry/join', { enquiryId: 'x', idempotencyKey: '12345678', extra: true }],
      ['enquiry/takeOver', { enquiryId: 'x', idempotencyKey: '12345678', expectedVersion: -1 }],
      ['board/load', { column: 'EVERYTHING' }],
      ['room/sendMessage', { enquiryId: 'x', text: 'y'.repeat(4001), idempotencyKey: '12345678' }],
      ['session/signIn', { tenant: 'demo', email: 'a@b.c', password: 42 }],
      ['room/open', 'enq_1'],
    ];
    for (const [channel, args] of cases) {
      const result = parseRequest(channel, args);
      expect(result.ok, `${channel} ${JSON.stringify(args).slice(0, 60)}`).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('BAD_USER_INPUT');
    }
  });
});
