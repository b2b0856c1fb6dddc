import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { clearProjectIndexes } from '../../../src/analysis/project';
import plugin from '../../../src/index';

export const CROSS_FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'cross');

/**
 * Lints a multi-file fixture with the recommended rules (the index caches in the
 * system temporary folder: fixtures have no node_modules), and returns `file:line:column rule: message` for every finding.
 */
export async function lintFixture(
  name: string,
  settings: Record<string, unknown> = {},
  parserOptions: Linter.ParserOptions = {},
  rules: Linter.RulesRecord = {},
): Promise<string[]> {
  clearProjectIndexes();
  const cwd = path.join(CROSS_FIXTURES, name);
  const eslint = new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.{ts,tsx,js,cjs,mjs}'], languageOptions: { parser: tsParser as Linter.Parser, parserOptions } },
      plugin.configs.recommended as Linter.Config,
      { settings: { taskgroup: settings }, rules },
    ],
  });
  const results = await eslint.lintFiles(['.']);
  return results
    .flatMap((result) =>
      result.messages.map((message) => `${path.relative(cwd, result.filePath).split(path.sep).join('/')}:${message.line}:${message.column} ${message.ruleId?.replace('taskgroup/', '') ?? ''}: ${message.message}`),
    )
    .sort();
}
