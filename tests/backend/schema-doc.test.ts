import { readFileSync } from 'node:fs';
import { buildSchema, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { publishedSchema, SCHEMA_DOC_PATH } from '../../backend/print-schema';

describe('the published contract', () => {
  it('docs/schema.graphql is the SDL of shared/graphql/schema.ts (run npm run schema:print when this fails)', async () => {
    const published = readFileSync(SCHEMA_DOC_PATH, 'utf8');
    expect(published, 'docs/schema.graphql is out of date: run npm run schema:print').toBe(
      await publishedSchema(),
    );
    // A schema a client can build, holding the contract's entry points.
    const schema = buildSchema(published);
    for (const [type, field] of [
      ['Mutation', 'login'],
      ['Mutation', 'takeOverEnquiry'],
      ['Query', 'enquiryOverview'],
      ['Subscription', 'roomEvents'],
    ] as const) {
      const object = schema.getType(type);
      expect(isObjectType(object) ? Object.keys(object.getFields()) : []).toContain(field);
    }
  });

  it('docs/api.md points to the schema and README no longer sends readers outside the repository', () => {
    const api = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
    expect(api).toContain('schema.graphql');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).not.toContain('../shared/API-CONTRACT.md');
    expect(readme).toContain('docs/api.md');
  });
});
