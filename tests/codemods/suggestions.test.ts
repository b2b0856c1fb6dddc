import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { readOptions } from '../../src/codemods/lib/options';
import { runSteps } from '../../src/codemods/lib/run';
import { FLOATING_PROMISES, PROMISE_COMBINATORS } from '../../src/codemods/lib/steps';
import plugin from '../../src/index';
import { sampleCorpus } from '../corpus/sample';
import { lintConfig } from './lint-config';
import { fixtures, read } from './run-codemod';

// The quick fix makes the migration's change. An editor user applies the rules' suggestions
// one at a time, re-linting after each: the combinator reports first, the last one first (an
// inner combinator becomes a group before the task that holds it), then the floating-promise
// reports, the first one first (an outer task gives the calls inside it its signal). That is
// the order `taskgroup migrate` rewrites in; the result must be byte for byte what it writes.

const COMBINATOR_RULE = 'taskgroup/no-unscoped-promise-combinator';
const FLOATING_RULE = 'taskgroup/no-uncancellable-floating-promise';
const linter = new Linter({ configType: 'flat' });

/** `everywhere`: the strict config's net for both rules (and `migrate --everywhere`). */
function config(file: string, everywhere: boolean): Linter.Config[] {
  const entry: Linter.RuleEntry = everywhere ? ['error', { everywhere: true }] : 'error';
  return [
    // The corpus lives in node_modules, which ESLint ignores by default; the real path decides CommonJS.
    { ignores: ['!**/node_modules/'] },
    lintConfig(file, { taskgroup: plugin as never }, { [COMBINATOR_RULE]: entry, [FLOATING_RULE]: entry }),
  ];
}

/** The result of applying the suggestions one by one; `undefined` when ESLint cannot parse the file. */
function applySuggestions(file: string, input: string, everywhere = false): { output: string; applied: number } | undefined {
  let source = input;
  for (let applied = 0; ; applied++) {
    const messages = linter.verify(source, config(file, everywhere), file);
    if (messages.some((message) => message.fatal)) {
      if (applied === 0) return undefined;
      throw new Error(`${file}: applying ${applied} suggestion(s) left a file that does not parse`);
    }
    // A combinator joining promises started before it has no suggestion (migrate leaves it too).
    const next = messages.filter((message) => message.ruleId === COMBINATOR_RULE && message.suggestions).at(-1) ?? messages.find((message) => message.ruleId === FLOATING_RULE);
    if (!next) return { output: source, applied };
    if (applied > 200) throw new Error(`${file}: suggestions do not converge`);
    const fix = next.suggestions?.[0]?.fix;
    if (!fix) throw new Error(`${file}:${next.line}: ${next.ruleId} offers no suggestion`);
    source = source.slice(0, fix.range[0]) + fix.text + source.slice(fix.range[1]);
  }
}

/** What `taskgroup migrate` writes (both codemods), or `undefined` when it cannot parse the file. */
function migrate(file: string, input: string, everywhere = false): string | undefined {
  try {
    return runSteps([PROMISE_COMBINATORS, FLOATING_PROMISES], file, input, readOptions(everywhere ? { everywhere: true } : {}), () => {});
  } catch (error) {
    if ((error as Error).name === 'ParseError') return undefined;
    throw error;
  }
}

describe('applying the suggestions one by one gives what taskgroup migrate writes', () => {
  it.each(fixtures())('$codemod fixture $name', ({ input, options }) => {
    const source = read(input);
    const everywhere = options.everywhere === true;
    const suggested = applySuggestions(input, source, everywhere);
    expect(suggested).toBeDefined();
    expect(suggested!.output).toBe(migrate(input, source, everywhere));
  });

  it('on a corpus sample of 2,000 node_modules files', { timeout: 600_000 }, () => {
    const mismatches: string[] = [];
    let compared = 0;
    let changed = 0;
    let applied = 0;
    for (const file of sampleCorpus(2000)) {
      const source = read(file);
      // Everywhere (the strict net): node_modules has few server handlers to report in.
      const suggested = applySuggestions(file, source, true);
      const migrated = migrate(file, source, true);
      if (!suggested || migrated === undefined) continue;
      compared += 1;
      applied += suggested.applied;
      if (migrated !== source) changed += 1;
      if (suggested.output !== migrated) mismatches.push(file);
    }
    console.info(`suggestions vs migrate: ${compared} files compared, ${changed} rewritten, ${applied} suggestions applied`);
    expect(mismatches).toEqual([]);
    // The run was real: nearly every file compared, and files rewritten.
    expect(compared).toBeGreaterThan(1900);
    expect(changed).toBeGreaterThan(10);
    expect(applied).toBeGreaterThanOrEqual(changed);
  });
});
