import path from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index';
import { sampleCorpus } from '../corpus/sample';
import { lintConfig } from './lint-config';
import { fixtures, read, runCodemod } from './run-codemod';

// The codemods rewrite exactly what the rules report: for each file, the set of source
// ranges a codemod rewrote equals the set of ranges its rule reports (untyped: no type
// information), both computed here, on every fixture and on a corpus sample.

const RULE_OF: Record<string, string> = {
  'promise-combinators': 'no-unscoped-promise-combinator',
  'floating-promises': 'no-uncancellable-floating-promise',
};

const linter = new Linter({ configType: 'flat' });

function lineStarts(source: string): number[] {
  const starts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === '\n') starts.push(i + 1);
  return starts;
}

interface Setting {
  /** Which plugin alias runs the rule: one lint pass checks every setting. */
  alias: string;
  codemod: string;
  options: Record<string, unknown>;
  ruleOptions: unknown[];
}

const SETTINGS: Setting[] = [
  { alias: 'taskgroup', codemod: 'promise-combinators', options: {}, ruleOptions: [] },
  { alias: 'everywhere', codemod: 'promise-combinators', options: { everywhere: true }, ruleOptions: [{ everywhere: true }] },
  { alias: 'taskgroup', codemod: 'floating-promises', options: {}, ruleOptions: [] },
  { alias: 'everywhere', codemod: 'floating-promises', options: { everywhere: true }, ruleOptions: [{ everywhere: true }] },
];

const ruleId = (setting: Setting) => `${setting.alias}/${RULE_OF[setting.codemod]}`;

/**
 * The ranges each setting's rule reports (one lint pass), or undefined when the linter cannot
 * parse the file. A file whose comments name `taskgroup/` rules (disable comments, which the
 * codemods honour) is linted once per setting under the `taskgroup` name, so they apply to each.
 */
function reportedRanges(file: string, source: string, settings: readonly Setting[]): Map<Setting, string[]> | undefined {
  const lint = (group: readonly Setting[], alias?: string) => {
    const rules = Object.fromEntries(group.map((setting) => [alias ? `${alias}/${RULE_OF[setting.codemod]}` : ruleId(setting), ['error', ...setting.ruleOptions] as Linter.RuleEntry]));
    const found = linter.verify(source, [lintConfig(file, { taskgroup: plugin as never, everywhere: plugin as never }, rules)], path.basename(file));
    return alias ? found.map((message) => (message.ruleId?.startsWith(`${alias}/`) ? { ...message, ruleId: ruleId(group[0]!) } : message)) : found;
  };
  const messages = source.includes('taskgroup/') ? settings.flatMap((setting) => lint([setting], 'taskgroup')) : lint(settings);
  if (messages.some((message) => message.fatal)) return undefined;
  const starts = lineStarts(source);
  const ranges = new Map<Setting, string[]>();
  for (const setting of settings) {
    ranges.set(setting, messages
      .filter((message) => message.ruleId === ruleId(setting))
      .map((message) => {
        const start = starts[message.line - 1]! + message.column - 1;
        const end = starts[(message.endLine ?? message.line) - 1]! + (message.endColumn ?? message.column) - 1;
        return `${start}-${end}`;
      })
      .sort());
  }
  return ranges;
}

/** The ranges a codemod rewrote; undefined when the file does not parse. Any other failure (an output that would not parse, a crash) throws. */
function rewrittenRanges(codemod: string, file: string, source: string, options: Record<string, unknown>): string[] | undefined {
  try {
    return runCodemod(codemod, file, source, options).report.ranges.map(([start, end]) => `${start}-${end}`).sort();
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('Parse error:')) return undefined;
    throw new Error(`${codemod} on ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

describe('codemods rewrite exactly what the rules report', () => {
  it.each(fixtures().flatMap((fixture) => SETTINGS.filter((s) => s.codemod === fixture.codemod).map((setting) => ({ ...fixture, setting }))))(
    '$codemod $setting.options on fixture $name',
    ({ codemod, input, setting }) => {
      const source = read(input);
      const reported = reportedRanges(input, source, [setting]);
      expect(reported).toBeDefined();
      expect(rewrittenRanges(codemod, input, source, setting.options)).toEqual(reported!.get(setting));
    },
  );

  // Also the corpus test: every output of the codemods on the sample parses (runSteps
  // re-parses each output and throws when it does not; a crash fails too).
  it('on a corpus sample of 2,000 node_modules files', { timeout: 400_000 }, () => {
    const files = sampleCorpus(2000);
    const mismatches: string[] = [];
    const failures: string[] = [];
    let compared = 0;
    let sites = 0;
    for (const file of files) {
      const source = read(file);
      const reported = reportedRanges(file, source, SETTINGS);
      if (!reported) continue;
      for (const setting of SETTINGS) {
        let rewritten: string[] | undefined;
        try {
          rewritten = rewrittenRanges(setting.codemod, file, source, setting.options);
        } catch (error) {
          failures.push((error as Error).message);
          continue;
        }
        if (!rewritten) continue;
        const expected = reported.get(setting)!;
        compared += 1;
        sites += expected.length;
        if (expected.join() !== rewritten.join()) {
          mismatches.push(`${setting.codemod} ${JSON.stringify(setting.options)} ${file}: rule ${expected.join(' ')} / codemod ${rewritten.join(' ')}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(mismatches).toEqual([]);
    // The run was real: most files compared, and sites found.
    expect(compared).toBeGreaterThan(files.length * 2);
    expect(sites).toBeGreaterThan(0);
  });
});
