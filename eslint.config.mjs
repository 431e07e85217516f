// Type-aware lint for every workspace. no-floating-promises above all: a forgotten promise in a
// consumer loop is a lost record.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'schemas/src/generated/**',
      '**/dist/**',
      '**/node_modules/**',
      '**/.turbo/**',
      '.waspada/**',
      '**/*.js',
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
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@waspada/*/src/*', '@waspada/*/dist/*'],
              message: 'import a workspace through its public entry only',
            },
            {
              group: ['../../packages/*', '../../infra/*', '../../services/*'],
              message: 'import a workspace by its package name',
            },
          ],
        },
      ],
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
