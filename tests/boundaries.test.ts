import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The README's Layout zones are enforced by lint, not by convention: each row is an import
 * that must be refused (or allowed) in a file of that folder. The files are linted as text,
 * so they never exist; the type-aware rules, which need a file on disk, are off here.
 */
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false, project: null } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
    },
  },
});

const cases: { file: string; from: string; refusedBy: string | null }[] = [
  { file: 'main/core/probe.ts', from: '../electron/app', refusedBy: 'import-x/no-restricted-paths' },
  { file: 'main/core/probe.ts', from: '../browser-host/server', refusedBy: 'import-x/no-restricted-paths' },
  { file: 'main/core/probe.ts', from: '../../backend/index', refusedBy: 'import-x/no-restricted-paths' },
  { file: 'main/core/probe.ts', from: 'electron', refusedBy: 'no-restricted-imports' },
  { file: 'main/core/probe.ts', from: '../../shared/errors', refusedBy: null },
  { file: 'main/electron/probe.ts', from: '../core/session', refusedBy: null },
  {
    file: 'main/browser-host/probe.ts',
    from: '../../preload/browser',
    refusedBy: 'import-x/no-restricted-paths',
  },
  {
    file: 'main/browser-host/probe.ts',
    from: '../../renderer/src/main',
    refusedBy: 'import-x/no-restricted-paths',
  },
  { file: 'renderer/src/probe.ts', from: '../../backend/index', refusedBy: 'import-x/no-restricted-paths' },
  {
    file: 'renderer/src/probe.ts',
    from: '../../main/core/session',
    refusedBy: 'import-x/no-restricted-paths',
  },
  { file: 'renderer/src/probe.ts', from: 'node:fs', refusedBy: 'no-restricted-imports' },
  { file: 'renderer/src/probe.ts', from: '../../shared/errors', refusedBy: null },
  { file: 'shared/probe.ts', from: '../main/core/ports', refusedBy: 'import-x/no-restricted-paths' },
  { file: 'shared/probe.ts', from: '../backend/index', refusedBy: 'import-x/no-restricted-paths' },
  { file: 'shared/probe.ts', from: 'ws', refusedBy: 'no-restricted-imports' },
  { file: 'preload/probe.ts', from: '../main/core/ports', refusedBy: 'import-x/no-restricted-paths' },
  { file: 'preload/probe.ts', from: '../shared/ipc/contract', refusedBy: null },
  { file: 'backend/probe.ts', from: '../renderer/src/main', refusedBy: 'import-x/no-restricted-paths' },
  { file: 'backend/probe.ts', from: '../main/core/session', refusedBy: 'import-x/no-restricted-paths' },
  { file: 'backend/probe.ts', from: '../shared/errors', refusedBy: null },
];

describe('process boundaries (README Layout) are lint rules', () => {
  it.each(cases)('$file importing $from: $refusedBy', async ({ file, from, refusedBy }) => {
    const [result] = await eslint.lintText(
      `import * as probe from '${from}';\nexport const used = probe;\n`,
      {
        filePath: file,
      },
    );
    const rules = (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
    if (refusedBy) expect(rules).toContain(refusedBy);
    else expect(rules).toEqual([]);
  });
});
