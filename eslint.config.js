// One linter for every face; the engine (utils/) additionally may not touch browser, DOM or Node APIs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'dist/**', 'node_modules/**', 'lists/compiled/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly', process: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly',
        setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly', structuredClone: 'readonly',
        performance: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', AbortController: 'readonly',
        fetch: 'readonly', window: 'readonly', document: 'readonly', navigator: 'readonly', location: 'readonly',
        HTMLElement: 'readonly', Event: 'readonly', KeyboardEvent: 'readonly', indexedDB: 'readonly', Blob: 'readonly',
        crypto: 'readonly', queueMicrotask: 'readonly', self: 'readonly', localStorage: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['utils/**/*.ts'],
    ignores: ['utils/**/*.test.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['browser', 'chrome', 'window', 'document', 'fetch', 'indexedDB', 'navigator', 'location', 'process', 'Buffer', 'localStorage', 'self'].map(
          (name) => ({ name, message: 'The engine is pure: no browser, DOM or Node API in utils/.' }),
        ),
      ],
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*', 'fs', 'path', 'url', 'os', 'crypto', 'wxt/*', 'wxt', '#imports'], message: 'The engine is pure: no Node or browser module in utils/.' }] },
      ],
    },
  },
);
