import path from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import type { Linter } from 'eslint';

/**
 * How the codemod tests lint a file the way the codemods parse it: @typescript-eslint/parser,
 * JSX outside `.ts/.mts/.cts`, CommonJS for `.cjs/.cts`, every file matched, the file's own
 * `eslint-disable` comments honoured as in a user's lint (the codemods honour them too), unused
 * ones not reported.
 */
export function lintConfig(file: string, plugins: Linter.Config['plugins'], rules: Linter.RulesRecord): Linter.Config {
  const extension = path.extname(file);
  return {
    // Named extensions: ESLint treats a file matched only by `**/*` as matched by no config.
    files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    languageOptions: {
      parser: tsParser as Linter.Parser,
      sourceType: extension === '.cjs' || extension === '.cts' ? 'commonjs' : 'module',
      parserOptions: { ecmaFeatures: { jsx: !/\.[mc]?ts$/.test(extension) } },
    },
    plugins,
    rules,
  };
}
