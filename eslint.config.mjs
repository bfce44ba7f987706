// ESLint: TypeScript + Vue rules, the security rules of SECURITY.md and the layering of STYLE.md §9.
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import vueParser from 'vue-eslint-parser';
import nounsanitized from 'eslint-plugin-no-unsanitized';

const htmlSinks = [
  { object: 'document', property: 'write', message: 'Imported data is text: no HTML sinks.' },
  { property: 'innerHTML', message: 'Imported data is text: use textContent / Vue text bindings.' },
  { property: 'outerHTML', message: 'Imported data is text: no HTML sinks.' },
  { property: 'insertAdjacentHTML', message: 'Imported data is text: no HTML sinks.' },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/data/**', 'bench/tmp/**', '**/*.d.ts'] },
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  // Mozilla's scanner for DOM sinks (innerHTML, insertAdjacentHTML, document.write, createContextualFragment…).
  { ...nounsanitized.configs.recommended, files: ['src-renderer/**', 'src-main/**'] },
  // A disable comment must not hide a finding silently (lintPolicy.test.ts also requires a SECURITY-REVIEWED reason).
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  {
    files: ['**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, sourceType: 'module' } },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      'no-restricted-properties': ['error', ...htmlSinks],
      'vue/no-v-html': 'error',
      'vue/no-restricted-v-bind': ['error', { argument: 'innerHTML', message: 'Imported data is text.' }, { argument: 'outerHTML', message: 'Imported data is text.' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/attributes-order': 'off',
    },
  },
  {
    // The engine, host, server and CLI run under plain Node: never Electron.
    files: ['src-main/engine/**', 'src-main/host/**', 'src-main/server/**', 'src-main/cli/**', 'src-main/contract/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only src-main/app and src-main/preload may import electron.' }] }] },
  },
  {
    // The contract is pure TypeScript shared with the renderer.
    files: ['src-main/contract/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'electron', 'vue', '../engine/*', '../host/*', '../server/*', '../app/*'], message: 'The contract imports only itself and zod.' }] }],
    },
  },
  {
    // The renderer talks to the engine only through the contract's client.
    files: ['src-renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*', 'electron', 'fs', 'path', 'child_process', '**/src-main/engine/**', '**/src-main/host/**', '**/src-main/app/**', '**/src-main/preload/**', '**/src-main/server/**'], message: 'The renderer may import only the contract (types and validators).' }] },
      ],
    },
  },
  {
    files: ['test/**', 'bench/**', 'scripts/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-restricted-properties': 'off' },
  },
);
