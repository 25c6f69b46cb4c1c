// Lint rules. The architectural one: the data plane (service/src/data) reads a compiled snapshot
// and must never import express, sequelize or the control plane.
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'provider/src/gen/**', '**/*.js'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['service/src/data/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['express', 'express/*', 'sequelize', 'sequelize/*', 'pg', 'sqlite3'], message: 'The data plane must not use the web framework or the database.' },
          { group: ['**/control', '**/control/**'], message: 'The data plane must not import the control plane; use service/src/shared.' },
        ],
      }],
    },
  },
);
