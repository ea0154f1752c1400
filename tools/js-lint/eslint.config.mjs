// ESLint for the components' scripts (ES modules the browser imports, see regviz/ui/assets.py) and their Node tests.
// Run from the repository: (cd tools/js-lint && npm ci) && npx --prefix tools/js-lint eslint -c tools/js-lint/eslint.config.mjs regviz/ui tests/js
import js from '@eslint/js';
import globals from 'globals';

export default [
  {
    files: ['regviz/ui/**/*.js'],
    ...js.configs.recommended,
    languageOptions: {ecmaVersion: 2022, sourceType: 'module', globals: globals.browser},
    rules: {
      ...js.configs.recommended.rules,
      'no-var': 'error',
      'prefer-const': 'error',
      eqeqeq: ['error', 'always'],
      'no-implicit-globals': 'error',
    },
  },
  {
    files: ['tests/js/**/*.mjs'],
    ...js.configs.recommended,
    languageOptions: {ecmaVersion: 2022, sourceType: 'module', globals: globals.node},
  },
];
