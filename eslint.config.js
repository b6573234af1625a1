import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench-out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use a seeded stream from src/core/rng.ts.' },
        { object: 'Date', property: 'now', message: 'Wall-clock time breaks determinism here.' },
      ],
    },
  },
  {
    files: ['src/cli/**', 'scripts/**', 'tests/**', 'bin/**', 'src/worker/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // The web app runs in the browser: its page, its renderer and its web worker.
    files: ['src/app/**', 'src/render/**', 'src/worker/browser-worker.ts'],
    languageOptions: {
      globals: {
        window: 'readonly',
        self: 'readonly',
        document: 'readonly',
        navigator: 'readonly',
        location: 'readonly',
        history: 'readonly',
        performance: 'readonly',
        requestAnimationFrame: 'readonly',
        crypto: 'readonly',
        Worker: 'readonly',
        Blob: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
);
