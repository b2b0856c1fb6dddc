import { readFileSync } from 'node:fs';
import { createTwoFilesPatch } from 'diff';
import { it } from 'vitest';
import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import path from 'node:path';
import plugin from '../../src/index';
import { readOptions } from '../../src/codemods/lib/options';
import { runSteps } from '../../src/codemods/lib/run';
import { FLOATING_PROMISES, PROMISE_COMBINATORS } from '../../src/codemods/lib/steps';
const linter = new Linter({ configType: 'flat' });
function config(file: string): Linter.Config[] {
  const extension = path.extname(file);
  return [{ ignores: ['!**/node_modules/'] }, { files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'], linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
    languageOptions: { parser: tsParser as Linter.Parser, sourceType: extension === '.cjs' || extension === '.cts' ? 'commonjs' : 'module', parserOptions: { ecmaFeatures: { jsx: !/\.[mc]?ts$/.test(extension) } } },
    plugins: { taskgroup: plugin as never }, rules: { 'taskgroup/no-unscoped-promise-combinator': 'error', 'taskgroup/no-uncancellable-floating-promise': 'error' } }];
}
it('diff', () => {
  for (const file of (process.env.FILES ?? '').split(',')) {
    let source = readFileSync(file, 'utf8');
    const input = source;
    for (let i = 0; i < 50; i++) {
      const m = linter.verify(source, config(file), file);
      const next = m.filter((x) => x.ruleId === 'taskgroup/no-unscoped-promise-combinator').at(-1) ?? m.find((x) => x.ruleId === 'taskgroup/no-uncancellable-floating-promise');
      if (!next) break;
      console.log('apply', next.line, next.ruleId, next.suggestions?.[0]?.desc);
      const fix = next.suggestions![0]!.fix;
      source = source.slice(0, fix.range[0]) + fix.text + source.slice(fix.range[1]);
    }
    const migrated = runSteps([PROMISE_COMBINATORS, FLOATING_PROMISES], file, input, readOptions({}), (r) => console.log(JSON.stringify({...r, ranges: undefined})));
    console.log(createTwoFilesPatch('suggested', 'migrated', source, migrated));
  }
});
