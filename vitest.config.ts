import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * The files that take longest (most of it waiting: a 30 s network cut, SIGKILLed and restarted
 * backends, spawned CLIs, electron-builder), started first so that the others run beside them
 * instead of after them. Longest first; every other file follows in vitest's own order.
 */
const LONG_FILES = [
  'tests/main/fault-resume.test.ts',
  'tests/backend/fuzz.test.ts',
  'tests/backend/operator-errors.test.ts',
  'tests/backend/crash-recovery.test.ts',
  'tests/packaging/pack.test.ts',
  'tests/backend/ordering.test.ts',
  'tests/backend/embedded-store.test.ts',
  'tests/backend/login-limits.test.ts',
];

class LongFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification): number => {
      const index = LONG_FILES.findIndex((file) => spec.moduleId.endsWith(file));
      return index === -1 ? LONG_FILES.length : index;
    };
    return sorted
      .map((spec, at) => ({ spec, at }))
      .sort((a, b) => rank(a.spec) - rank(b.spec) || a.at - b.at)
      .map(({ spec }) => spec);
  }
}

export default defineConfig({
  resolve: {
    // One copy of graphql for our code and for graphql-yoga / graphql-ws (which load its
    // CommonJS build): two copies would make their GraphQLError classes differ.
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: true,
    // Vitest's default is one file at a time on 2 cores (cores - 1): here a file running
    // beside another mostly waiting (on servers, child processes, the 30 s cut) fills the
    // idle core. VITEST_WORKERS sets how many files run at once (default: the cores).
    maxWorkers: Number(process.env['VITEST_WORKERS'] ?? availableParallelism()),
    sequence: { sequencer: LongFilesFirst },
  },
});
