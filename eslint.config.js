// ESLint: typescript-eslint's type-aware rules over every TypeScript file; Prettier owns the layout.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', '.build/', 'node_modules/', 'out/', 'pipeline/workers/worker-tsx.mjs', 'bench/usage.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // Rethrowing what a catch or a stream gave is not throwing a non-error.
      '@typescript-eslint/only-throw-error': ['error', { allowThrowingUnknown: true }],
      // Async generators that only yield are how a reader is an AsyncIterable.
      '@typescript-eslint/require-await': 'off',
      eqeqeq: ['error', 'always'],
      // Byte-level readers and decoders match control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    // Tests and scripts read JSON outputs as they come.
    files: ['test/**', 'bench/**', 'eval/**', 'scripts/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  { files: ['eslint.config.js', 'ava.config.mjs', 'ava.slow.config.mjs', 'test/setup.mjs'], ...tseslint.configs.disableTypeChecked },
  prettier,
);
