// Lint rules: the recommended sets, strict about unused code and floating promises.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'dist-bench/', 'node_modules/', 'test-results/', 'playwright-report/', 'bench/results/', 'dev-dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'User text is rendered as text, never HTML.' },
        { selector: "AssignmentExpression[left.property.name='innerHTML']", message: 'User text is rendered as text, never HTML.' },
      ],
      'no-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['scripts/**/*.mjs', '.ci/**/*.mjs', 'bench/**/*.mjs'],
    // Node scripts; benchmark drivers also pass functions that run in the page.
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
