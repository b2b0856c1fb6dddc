// The example as the rules see it: before/ has findings of the kinds the story is about,
// found where its source uses them; src/ (migrated) is clean under the strict config,
// and each eslint-disable comment it keeps for the zombie demo is still needed.
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index';

const example = join(import.meta.dirname, '..', '..', 'examples', 'zombie-tasks');

async function lint(folder: string, config: 'recommended' | 'strict') {
  const eslint = new ESLint({
    cwd: example,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tsParser as Linter.Parser } },
      plugin.configs[config] as Linter.Config,
      { linterOptions: { reportUnusedDisableDirectives: 'error' } },
    ],
  });
  const results = await eslint.lintFiles([`${folder}/**/*.ts`]);
  return results.flatMap((result) =>
    result.messages.map((message) => `${relative(example, result.filePath)}:${message.line} ${message.ruleId ?? message.message}`),
  );
}

/** `file:line rule` for every line of `file` that matches `pattern`. */
async function linesMatching(file: string, pattern: RegExp, rule: string): Promise<string[]> {
  const lines = (await readFile(join(example, file), 'utf8')).split('\n');
  return lines.flatMap((text, index) => (pattern.test(text) ? [`${file}:${index + 1} ${rule}`] : []));
}

describe('examples/zombie-tasks under the plugin', () => {
  it('before/: every Promise combinator in a background handler and the fire-and-forget call are reported', { timeout: 60_000 }, async () => {
    const expected = [
      ...(await linesMatching('before/app.ts', /Promise\.(all|allSettled|race|any)\(/, 'taskgroup/no-unscoped-promise-combinator')),
      ...(await linesMatching('before/app.ts', /^\s*void \w+\(/, 'taskgroup/no-uncancellable-floating-promise')),
    ];
    // The story needs each kind: after the response, a timer, a listener, fire-and-forget.
    expect(expected).toHaveLength(5);
    expect((await lint('before', 'recommended')).sort()).toEqual(expected.sort());
  });

  it('shared/ and src/: nothing under strict, and no disable comment is unused', { timeout: 60_000 }, async () => {
    expect(await lint('shared', 'strict')).toEqual([]);
    expect(await lint('src', 'strict')).toEqual([]);
  });
});
