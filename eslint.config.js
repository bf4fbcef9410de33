// Lint rules, including the layering of docs/architecture.md as import restrictions.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = [
  'fs',
  'path',
  'os',
  'child_process',
  'http',
  'https',
  'net',
  'crypto',
  'url',
  'util',
  'stream',
  'events',
  'worker_threads',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'dist-*/**',
      'release/**',
      'test/golden/**',
      'test/.tmp/**',
      'test-results/**',
      'playwright-report/**',
      '.reports/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The engine is pure: no UI, no Electron, no Node, no wall clock, no unseeded randomness.
    files: ['engine/**/*.ts'],
    ignores: ['engine/**/*.test.ts', 'engine/**/*.bench.ts'],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, 'react', 'react-dom', 'electron', 'zustand', '@xyflow/react', 'monaco-editor'].map((name) => ({
            name,
            message: 'engine/ is pure TypeScript: no Node, React, DOM or Electron.',
          })),
          patterns: [
            { group: ['node:*'], message: 'engine/ is pure TypeScript: no Node built-ins.' },
            { group: ['**/renderer/**', '**/electron/**', '**/cli/**'], message: 'engine/ imports only itself.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'require', 'setTimeout', 'setInterval', 'performance'].concat([]),
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Pass a clock in; the engine never reads the wall clock.' },
        { object: 'Math', property: 'random', message: 'Use the seeded generator passed in.' },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', ...nodeBuiltins].map((name) => ({
            name,
            message: 'renderer/ runs in a browser too: talk to the host through renderer/platform.',
          })),
          patterns: [
            { group: ['node:*'], message: 'renderer/ runs in a browser: no Node built-ins.' },
            {
              group: ['**/electron/main/**', '**/electron/preload/**', '**/cli/**'],
              message: 'renderer/ reaches Electron only through the host interface.',
            },
            {
              group: ['**/engine/*/**', '!**/engine/index', '!**/engine/index.js', '!**/engine/index.ts'],
              message: 'Use the engine through its public door, engine/index.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/engine/**', '**/renderer/**', '**/main/**', 'node:*'],
              message: 'The preload imports only electron and the IPC contract.',
            },
          ],
        },
      ],
    },
  },
);
