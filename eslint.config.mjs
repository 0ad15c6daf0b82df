// Lint what a reviewer would otherwise have to catch: the typescript-eslint
// recommended rules, over the project's TypeScript and the fixture JS.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'reports/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Unused values are bugs; a leading underscore marks an argument that an interface requires.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Mini-program code runs in WeChat's app service, with its globals.
    files: ['fixtures/**/*.js', '**/__fixtures__/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        ...globals.commonjs,
        wx: 'readonly',
        Page: 'readonly',
        Component: 'readonly',
        App: 'readonly',
        getApp: 'readonly',
        getCurrentPages: 'readonly',
        requirePlugin: 'readonly',
        Behavior: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
      },
    },
    // The client's module system is CommonJS: require() is how a page takes a module or an npm package.
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The HTML report's own page script: plain browser JavaScript, no build step (uPlot is loaded before it).
    files: ['harness/report/html/assets/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
  },
  {
    files: [
      '**/*.cjs',
      'bin/**/*.js',
      'jest-preset.js',
      'fixtures/user-project/**/*.js',
      'fixtures/automator-launch/**/*.js',
      'jest/__fixtures__/project/**/*.js',
    ],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node, ...globals.jest } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
