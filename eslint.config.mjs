// Type-aware lint for every workspace. no-floating-promises above all: a forgotten promise in a
// consumer loop is a lost record.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Deep imports and relative paths into another workspace: a workspace is used by its name only. */
const workspaceImportPatterns = [
  {
    group: ['@waspada/*/src/*', '@waspada/*/dist/*'],
    message: 'import a workspace through its public entry only',
  },
  {
    group: ['../../packages/*', '../../infra/*', '../../services/*'],
    message: 'import a workspace by its package name',
  },
];

/**
 * Every service's package name, read from each services/<dir>/package.json so a new service is
 * covered the day it is added. A service that imports another ships that one's code and
 * dependencies with it and breaks when the other changes inside: what both need belongs in a
 * package.
 */
const servicesDir = join(import.meta.dirname, 'services');
const servicePackages = readdirSync(servicesDir)
  .map((dir) => join(servicesDir, dir, 'package.json'))
  .filter((manifest) => existsSync(manifest))
  .map((manifest) => JSON.parse(readFileSync(manifest, 'utf8')).name);

export default tseslint.config(
  {
    ignores: [
      'schemas/src/generated/**',
      '**/dist/**',
      '**/node_modules/**',
      '**/.turbo/**',
      '.waspada/**',
      '**/*.js',
      '!services/dashboard/public/js/**/*.js',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      'no-restricted-imports': ['error', { patterns: workspaceImportPatterns }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message:
            'read configuration once through parseEnvConfig in the service entry, not process.env here',
        },
      ],
    },
  },
  {
    // A service imports packages, never another service (infra/test/service-boundaries.test.ts
    // checks the same in package.json files and sources).
    files: ['services/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: servicePackages.map((name) => ({
            name,
            message: 'a service does not import another service: move the shared piece into packages/',
          })),
          patterns: [
            ...workspaceImportPatterns,
            {
              group: servicePackages.map((name) => `${name}/*`),
              message: 'a service does not import another service: move the shared piece into packages/',
            },
          ],
        },
      ],
    },
  },
  {
    // The dashboard's pages: plain ES modules the browser loads as they are, type-checked from
    // their JSDoc by tsconfig.browser.json (DOM, no Node). The `globals` package is not among the
    // dependencies, so the browser globals they use are listed here.
    files: ['services/dashboard/public/js/**/*.js'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: Object.fromEntries(
        [
          'AbortController',
          'CSS',
          'EventSource',
          'HTMLButtonElement',
          'HTMLCanvasElement',
          'HTMLElement',
          'HTMLFormElement',
          'HTMLInputElement',
          'HTMLSelectElement',
          'HTMLTextAreaElement',
          'TextDecoderStream',
          'URLSearchParams',
          'clearTimeout',
          'console',
          'crypto',
          'document',
          'fetch',
          'getComputedStyle',
          'history',
          'localStorage',
          'location',
          'prompt',
          'sessionStorage',
          'setInterval',
          'setTimeout',
          'window',
        ].map((name) => [name, 'readonly']),
      ),
      parserOptions: {
        projectService: false,
        project: ['./services/dashboard/tsconfig.browser.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    // Entry points and the stack launcher are where configuration is read; tests set it up.
    files: ['**/main.ts', '**/cli.ts', '**/bench/**', 'infra/src/**', '**/test/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/test/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
