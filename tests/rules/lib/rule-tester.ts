import * as path from 'node:path';
import { RuleTester, type RunTests } from '@typescript-eslint/rule-tester';
import type { TSESLint } from '@typescript-eslint/utils';
import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import * as espree from 'espree';
import { afterAll, describe, expect, it } from 'vitest';
import { LINTABLE_FILES } from './lintable';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** `tests/rules/fixtures`: `tsconfig.json`, `file.ts`, `react.tsx` for typed runs. */
export const fixturesDir = path.join(import.meta.dirname, '..', 'fixtures');

/**
 * The parsers a rule is tested with:
 * - `typescript`: `@typescript-eslint/parser` without type information (filename `file.ts`/`react.tsx`);
 * - `typed`: the same with the project service on `tests/rules/fixtures/tsconfig.json`;
 * - `espree`: ESLint's default parser on plain JavaScript (filename `file.js`).
 */
export type TesterKind = 'typescript' | 'typed' | 'espree';

export function createRuleTester(kind: TesterKind): RuleTester {
  switch (kind) {
    case 'typescript':
      return new RuleTester({
        languageOptions: { parserOptions: { ecmaFeatures: { jsx: false } } },
      });
    case 'typed':
      return new RuleTester({
        defaultFilenames: { ts: 'file.ts', tsx: 'react.tsx' },
        languageOptions: {
          parserOptions: {
            project: './tsconfig.json',
            tsconfigRootDir: fixturesDir,
          },
        },
      });
    case 'espree':
      return new RuleTester({
        defaultFilenames: { ts: 'file.js', tsx: 'file.jsx' },
        languageOptions: { parser: espree as unknown as TSESLint.FlatConfig.Parser, sourceType: 'module', ecmaVersion: 'latest' },
      });
  }
}

/** The `languageOptions` a case is linted with (its own, else the tester kind's). */
function languageOptionsFor(kind: TesterKind, code: string, filename: string | undefined): Linter.Config['languageOptions'] {
  if (kind === 'espree') return { sourceType: 'module', ecmaVersion: 'latest' };
  return {
    parser: tsParser as Linter.Parser,
    parserOptions: { ecmaFeatures: { jsx: filename?.endsWith('x') ?? /<\w/.test(code) } },
  };
}

/** Parse errors of `code` with the tester's parser (no rules run): `[]` when it parses. */
export function parseErrors(kind: TesterKind, code: string, filename?: string): string[] {
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    { files: LINTABLE_FILES, languageOptions: languageOptionsFor(kind, code, filename) },
    filename ?? (kind === 'espree' ? 'file.js' : 'file.tsx'),
  );
  // Anything but a parse error means the file was not even parsed (e.g. no config matched it).
  if (messages.length > 0 && !messages.every((message) => message.fatal)) {
    throw new Error(`Not parsed: ${messages.map((message) => message.message).join('; ')}`);
  }
  return messages.map((message) => `${message.line}:${message.column} ${message.message}`);
}

/**
 * A case named on one line: RuleTester names a case by its code, and a newline in a test name
 * breaks the reporter's output (`↵` shows where the lines break).
 */
function named<T extends string | { code: string; name?: string }>(test: T): T | (T & { name: string }) {
  const code = typeof test === 'string' ? test : test.code;
  if (!code.includes('\n') || (typeof test !== 'string' && test.name !== undefined)) return test;
  const name = code.replace(/[ \t]*\n\s*/g, ' ↵ ');
  return (typeof test === 'string' ? { code: test, name } : { ...(test as object), name }) as T & { name: string };
}

/**
 * Runs RuleTester on `tests` and, next to it, a test that re-parses every suggestion
 * (and autofix) output of the invalid cases: an output that does not parse fails,
 * whatever RuleTester checks.
 */
export function runRuleTests<MessageIds extends string, Options extends readonly unknown[]>(
  kind: TesterKind,
  name: string,
  rule: TSESLint.RuleModule<MessageIds, Options>,
  tests: RunTests<MessageIds, Options>,
): void {
  // rule-tester pins its own copy of @typescript-eslint/utils: same shapes, distinct types.
  createRuleTester(kind).run(name, rule as never, { valid: tests.valid.map(named), invalid: tests.invalid.map(named) } as never);
  const outputs: { code: string; filename: string | undefined }[] = [];
  for (const test of tests.invalid) {
    if (typeof test.output === 'string') outputs.push({ code: test.output, filename: test.filename });
    for (const error of test.errors) {
      for (const suggestion of error.suggestions ?? []) outputs.push({ code: suggestion.output, filename: test.filename });
    }
  }
  if (outputs.length === 0) return;
  describe(`${name} (${kind}): outputs`, () => {
    it.each(outputs.map((output, i) => [i, output] as const))('output %i parses', (_i, output) => {
      expect(parseErrors(kind, output.code, output.filename)).toEqual([]);
    });
  });
}
