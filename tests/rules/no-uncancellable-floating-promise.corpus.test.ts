/**
 * Every rule of the plugin (strict settings) *with type information* on real files: the
 * untyped corpus run (tests/corpus) cannot reach the type-checker paths of the cancellation
 * rules (thenable types, options parameters that take `signal`, parameters typed
 * `AbortSignal`). One TypeScript program is built over a slice of the corpus sample, the way
 * a project's `parserOptions.programs` would be, and each file is linted against it.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { findFloatingPromiseSites } from '../../src/analysis/floating';
import { indexFile } from '../../src/analysis/parse';
import plugin from '../../src/index';
import { sampleCorpus } from '../corpus/sample';

/** Enough files to meet every syntax the sample has, few enough for CI (2 cores). */
const FILES = 150;

describe('cancellation rules with type information on real code', () => {
  it(`lint ${FILES} corpus files against one program without throwing`, { timeout: 600_000 }, () => {
    const files = sampleCorpus(2000).filter((_file, i) => i % Math.ceil(2000 / FILES) === 0);
    const program = ts.createProgram(files, {
      allowJs: true,
      checkJs: false,
      noEmit: true,
      noResolve: true,
      skipLibCheck: true,
      target: ts.ScriptTarget.ES2022,
      jsx: ts.JsxEmit.Preserve,
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    });
    const config: Linter.Config[] = [
      {
        // `**/*` alone would not make a `.ts` file match (ESLint treats it as universal).
        files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
        linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
        languageOptions: {
          parser: tsParser as Linter.Parser,
          parserOptions: { programs: [program] },
        },
        plugins: { taskgroup: plugin as never },
        rules: plugin.configs.strict.rules as Linter.RulesRecord,
      },
    ];
    const crashes: string[] = [];
    const unmatched: string[] = [];
    let linted = 0;
    let reports = 0;
    for (const file of files) {
      if (!program.getSourceFile(file)) continue;
      try {
        // The file's own folder as cwd: ESLint ignores `node_modules` below the cwd, and the
        // filename must be the program's path for the type information to apply.
        const linter = new Linter({ configType: 'flat', cwd: path.dirname(file) });
        const messages = linter.verify(readFileSync(file, 'utf8'), config, file);
        if (messages.some((message) => message.fatal)) continue;
        const skipped = messages.filter((message) => message.message.startsWith('No matching configuration'));
        unmatched.push(...skipped.map((message) => `${file}: ${message.message}`));
        linted += 1;
        reports += messages.filter((message) => message.ruleId?.startsWith('taskgroup/')).length;
      } catch (error) {
        crashes.push(`${path.relative(process.cwd(), file)}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    }
    expect(crashes).toEqual([]);
    expect(unmatched).toEqual([]);
    expect(linted).toBeGreaterThan(FILES * 0.9);
    // Real code floats promises: the typed paths ran and found some.
    expect(reports).toBeGreaterThan(0);
  });
});

describe('no-uncancellable-floating-promise without types on real code', () => {
  it('reports exactly the sites of findFloatingPromiseSites: its cheap pre-checks drop none', { timeout: 600_000 }, () => {
    // Files that may float promises at all (async code, promise chains): the sites are there.
    const files = sampleCorpus(2000)
      .filter((file) => /async |\.then\(|\.catch\(|fetch\(/.test(readFileSync(file, 'utf8')))
      .filter((_file, i) => i % 4 === 0);
    const config: Linter.Config[] = [
      {
        files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
        linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
        languageOptions: { parser: tsParser as Linter.Parser },
        plugins: { taskgroup: plugin as never },
        // Everywhere (strict): node_modules has few request or background handlers.
        rules: { 'taskgroup/no-uncancellable-floating-promise': ['error', { everywhere: true }] },
      },
    ];
    let compared = 0;
    let sites = 0;
    for (const file of files) {
      const code = readFileSync(file, 'utf8');
      const linter = new Linter({ configType: 'flat', cwd: path.dirname(file) });
      const messages = linter.verify(code, config, file);
      if (messages.some((message) => message.fatal)) continue;
      // The codemods' parser: the same tree, the same scopes.
      const expected = findFloatingPromiseSites(indexFile(file, code), { everywhere: true }).map((site) => `${site.call.loc.start.line}:${site.call.loc.start.column + 1}`);
      const reported = messages.filter((message) => message.ruleId).map((message) => `${message.line}:${message.column}`);
      expect(reported.sort(), file).toEqual(expected.sort());
      compared += 1;
      sites += expected.length;
    }
    expect(compared).toBeGreaterThan(files.length * 0.9);
    expect(sites).toBeGreaterThan(0);
  });
});
