// The project lints itself: typescript-eslint's recommended rules on the sources,
// eslint-plugin-eslint-plugin's on the rules (meta, messages, schemas, docs URLs).
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/', 'coverage/', '.tmp/', 'node_modules/', 'examples/', 'tests/**/fixtures/', 'bench/.results/'],
  },
  {
    files: ['src/**/*.ts'],
    extends: [tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The CLI is built to CommonJS only (dist/cli.js) and loads files by computed path at run
    // time: the built plugin, jscodeshift's Runner.
    files: ['src/cli/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/rules/**/*.ts'],
    ignores: ['src/rules/lib/**', 'src/rules/index.ts'],
    extends: [eslintPlugin.configs.recommended],
    rules: {
      'eslint-plugin/require-meta-docs-description': ['error', { pattern: '^(Disallow|Require|Enforce)' }],
      'eslint-plugin/require-meta-schema-default': 'off',
      // RuleCreator takes `defaultOptions` beside `meta` and applies them in `create`.
      'eslint-plugin/require-meta-default-options': 'off',
    },
  },
);
