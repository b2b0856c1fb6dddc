import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import plugin from '../../src/index';
import { LINTABLE_FILES } from '../rules/lib/lintable';
import { analyzeProgram } from '../../src/analysis/background';
import { findCombinatorSites } from '../../src/analysis/combinator-sites';
import { ProgramIndex } from '../../src/analysis/program';
import type { ScopeManagerLike } from '../../src/analysis/scopes';
import type { VisitorKeys } from '../../src/analysis/walk';

/** A rule for the corpus run only: the background analysis on every file, combinators or not. */
const analyzeEveryFile = {
  meta: { type: 'problem' as const, schema: [] },
  create(context: { sourceCode: { ast: unknown; scopeManager: unknown; visitorKeys: unknown } }) {
    return {
      'Program:exit'() {
        const { ast, scopeManager, visitorKeys } = context.sourceCode;
        const index = new ProgramIndex({ ast: ast as ProgramIndex['program'], scopeManager: scopeManager as ScopeManagerLike, visitorKeys: visitorKeys as VisitorKeys });
        const analysis = analyzeProgram(index, { backgroundFunctions: ['jobs.enqueue'], backgroundDecorators: ['Job'] });
        findCombinatorSites(analysis, { everywhere: true });
      },
    };
  },
};

/** Every rule of the plugin, in its strict setting, plus the whole analysis. */
export function corpusConfig(file: string): Linter.Config[] {
  const extension = path.extname(file);
  return [
    {
      files: LINTABLE_FILES,
      // Disable comments in third-party code name rules we do not run.
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      languageOptions: {
        parser: tsParser as Linter.Parser,
        sourceType: extension === '.cjs' || extension === '.cts' ? 'commonjs' : 'module',
        parserOptions: { ecmaFeatures: { jsx: extension === '.tsx' || extension === '.jsx' } },
      },
      plugins: { taskgroup: plugin as never, corpus: { rules: { analyze: analyzeEveryFile as never } } },
      rules: { ...(plugin.configs.strict.rules as Linter.RulesRecord), 'corpus/analyze': 'error' },
    },
  ];
}

/** ESLint's messages for a file it did not lint at all. */
const NOT_LINTED = /^(No matching configuration|File ignored)/;

export interface CorpusResult {
  files: number;
  /** Files that did not parse (not the rules' business; counted to show the run was real). */
  unparsable: number;
  /** Problems reported by the plugin's rules. */
  reports: number;
  /** Files where a rule threw: the path and the error. */
  crashes: { file: string; error: string }[];
}

/** Lints `files` with every rule; a rule that throws is recorded, never hidden. */
export function lintCorpus(files: readonly string[]): CorpusResult {
  const linter = new Linter({ configType: 'flat' });
  const result: CorpusResult = { files: files.length, unparsable: 0, reports: 0, crashes: [] };
  for (const file of files) {
    const code = readFileSync(file, 'utf8');
    try {
      const messages = linter.verify(code, corpusConfig(file), path.basename(file));
      if (messages.some((message) => message.fatal)) result.unparsable += 1;
      // "No matching configuration" / "File ignored": the rules never ran on this file.
      const notLinted = messages.find((message) => message.ruleId === null && NOT_LINTED.test(message.message));
      if (notLinted) result.crashes.push({ file, error: `not linted: ${notLinted.message}` });
      result.reports += messages.filter((message) => message.ruleId?.startsWith('taskgroup/')).length;
    } catch (error) {
      result.crashes.push({ file, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  }
  return result;
}
