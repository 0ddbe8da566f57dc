// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/** Node and Electron modules that shared/ and renderer/ must never import (DESIGN.md). */
const nodeOnlyModules = [
  'electron',
  'fs',
  'path',
  'child_process',
  'ws',
  'pg',
  'ioredis',
  'os',
  'crypto',
  'http',
  'net',
];

/**
 * The Layout zones of the README: which folder may import which. A process's code may not
 * reach into another process's folder; shared/ reaches nowhere. tests/ and bench/ may
 * import anything.
 */
const zones = [
  {
    target: './shared',
    from: ['./backend', './main', './preload', './renderer', './tests', './bench'],
    message: 'shared/ runs anywhere: it imports only shared/.',
  },
  {
    target: './renderer',
    from: ['./backend', './main', './preload', './tests', './bench'],
    message: 'the renderer talks to main only through window.supervisor (shared/ipc).',
  },
  {
    target: './preload',
    from: ['./backend', './main', './renderer', './tests', './bench'],
    message: 'preload/ is the bridge: it imports only shared/.',
  },
  {
    target: './backend',
    from: ['./main', './preload', './renderer', './tests', './bench'],
    message: 'the backend is its own process: it imports only backend/ and shared/.',
  },
  {
    target: './main/core',
    from: ['./main/electron', './main/browser-host', './backend', './preload', './renderer'],
    message: 'main/core is framework-free: no Electron, no host, no backend internals.',
  },
  {
    target: './main',
    from: ['./preload', './renderer', './tests', './bench'],
    message: 'main/ reaches the page only through shared/ipc.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'release/**',
      'bench/results/**',
      '.data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: { 'import-x/no-restricted-paths': ['error', { zones }] },
  },
  {
    // Type-aware rules: a promise is awaited, returned, or handed off with `void` on purpose.
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'main/core is framework-free; Electron lives in main/electron.' },
          ],
        },
      ],
    },
  },
  {
    // Tests read untyped GraphQL results; `any` there is deliberate.
    files: ['tests/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['shared/**/*.{ts,tsx}', 'renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeOnlyModules.map((name) => ({
            name,
            message: 'shared/ and renderer/ run without Node or Electron.',
          })),
          patterns: [{ group: ['node:*'], message: 'shared/ and renderer/ run without Node or Electron.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
);
