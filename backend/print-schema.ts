/**
 * `npm run schema:print`: writes the GraphQL SDL of shared/graphql/schema.ts to
 * docs/schema.graphql, the published contract. `-- --check` writes nothing and exits 1 when the
 * file is out of date (tests/backend/schema-doc.test.ts does the same in CI).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, printSchema } from 'graphql';
import { format, resolveConfig } from 'prettier';
import { typeDefs } from '../shared/graphql/schema';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where the published SDL lives in the repository. */
export const SCHEMA_DOC_PATH = join(root, 'docs', 'schema.graphql');

/**
 * The published SDL: the schema as graphql-js prints it (in the order written, descriptions
 * kept), in the repository's Prettier format so that the format check agrees with it.
 */
export async function publishedSchema(): Promise<string> {
  const sdl = `# The enquiry backend's GraphQL schema: the published contract (see docs/api.md).
# Generated from shared/graphql/schema.ts by \`npm run schema:print\`; do not edit by hand.

${printSchema(buildSchema(typeDefs))}
`;
  return format(sdl, { ...(await resolveConfig(SCHEMA_DOC_PATH)), parser: 'graphql' });
}

const entry = process.argv[1];
if (entry && resolve(entry) === fileURLToPath(import.meta.url)) {
  const sdl = await publishedSchema();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(SCHEMA_DOC_PATH, 'utf8');
    } catch {
      // Missing: out of date.
    }
    if (current !== sdl) {
      process.stderr.write(
        'docs/schema.graphql is out of date with shared/graphql/schema.ts; run npm run schema:print.\n',
      );
      process.exit(1);
    }
    process.stdout.write('docs/schema.graphql is up to date.\n');
  } else {
    writeFileSync(SCHEMA_DOC_PATH, sdl);
    process.stdout.write(`wrote ${SCHEMA_DOC_PATH}\n`);
  }
}
