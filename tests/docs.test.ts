import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index';
import { LINTABLE_FILES } from './rules/lib/lintable';

const docsDir = path.join(import.meta.dirname, '..', 'docs', 'rules');
const pages = readdirSync(docsDir).filter((file) => file.endsWith('.md'));

type Kind = 'incorrect' | 'correct';
interface Example {
  kind: Kind;
  lang: string;
  code: string;
  /** 1-based line of the fence in the page, for messages. */
  line: number;
}

/**
 * The code blocks of a page that sit under a ❌ / ✅ heading (`#### ❌ Incorrect`,
 * `#### ✅ Correct`). Any other heading ends the section: code under it is not an example.
 */
export function examplesOf(markdown: string): Example[] {
  const examples: Example[] = [];
  const lines = markdown.split('\n');
  let kind: Kind | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^#{1,6}\s/.test(line)) {
      kind = line.includes('❌') ? 'incorrect' : line.includes('✅') ? 'correct' : undefined;
      continue;
    }
    const fence = /^```(\w+)/.exec(line);
    if (!fence) continue;
    const start = i;
    const body: string[] = [];
    for (i += 1; i < lines.length && !lines[i]!.startsWith('```'); i++) body.push(lines[i]!);
    if (kind) examples.push({ kind, lang: fence[1]!, code: body.join('\n'), line: start + 1 });
  }
  return examples;
}

function headings(markdown: string): string[] {
  return markdown
    .split('\n')
    .filter((line) => /^#{1,6}\s/.test(line))
    .map((line) => line.replace(/^#+\s*/, '').trim());
}

/** Lints an example with the page's rule on (default options; an `/* eslint ... *\/` comment in the block sets others). */
function lintExample(ruleName: string, example: Example): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  const jsx = example.lang === 'tsx' || example.lang === 'jsx';
  return linter.verify(
    example.code,
    [
      {
        files: LINTABLE_FILES,
        languageOptions: { parser: tsParser as Linter.Parser, parserOptions: { ecmaFeatures: { jsx } } },
        plugins: { taskgroup: plugin as never },
        rules: { [`taskgroup/${ruleName}`]: 'error' },
      },
    ],
    `example.${jsx ? 'tsx' : 'ts'}`,
  );
}

describe('rule docs', () => {
  it('has a page for every rule and a rule for every page', () => {
    expect(pages.map((page) => page.replace(/\.md$/, '')).sort()).toEqual(Object.keys(plugin.rules).sort());
  });

  describe.each(pages)('%s', (page) => {
    const ruleName = page.replace(/\.md$/, '');
    const markdown = readFileSync(path.join(docsDir, page), 'utf8');
    const rule = plugin.rules[ruleName];
    const examples = examplesOf(markdown);

    it('has ❌ Incorrect and ✅ Correct examples, one heading per option, and a "When Not To Use It"', () => {
      const titles = headings(markdown);
      expect(titles.some((title) => title.includes('❌') && /Incorrect/i.test(title))).toBe(true);
      expect(titles.some((title) => title.includes('✅') && /Correct/i.test(title))).toBe(true);
      expect(titles).toContain('When Not To Use It');
      expect(examples.filter((example) => example.kind === 'incorrect').length).toBeGreaterThan(0);
      expect(examples.filter((example) => example.kind === 'correct').length).toBeGreaterThan(0);
      const schema = rule?.meta.schema;
      const options = Array.isArray(schema) ? schema : schema ? [schema] : [];
      for (const option of options as { properties?: Record<string, unknown> }[]) {
        for (const name of Object.keys(option.properties ?? {})) expect(titles).toContain(`\`${name}\``);
      }
    });

    it.each(examples.map((example) => [`${example.kind} example at line ${example.line}`, example] as const))('%s', (_title, example) => {
      const messages = lintExample(ruleName, example);
      expect(messages.filter((message) => message.fatal || !message.ruleId?.startsWith('taskgroup/')).map((m) => m.message)).toEqual([]);
      const reports = messages.filter((message) => message.ruleId === `taskgroup/${ruleName}`);
      if (example.kind === 'incorrect') expect(reports.length, 'a ❌ example must be reported').toBeGreaterThan(0);
      else expect(reports.map((report) => report.message), 'a ✅ example must pass').toEqual([]);
    });
  });
});

describe('generated docs', () => {
  it('README rules list and rule headers are up to date (eslint-doc-generator --check on the built plugin)', { timeout: 120_000 }, () => {
    const root = path.join(import.meta.dirname, '..');
    if (!existsSync(path.join(root, 'dist', 'index.cjs'))) throw new Error('dist/index.cjs is missing: run `npm run build` first (npm test does).');
    const run = spawnSync(process.execPath, [path.join(root, 'node_modules', 'eslint-doc-generator', 'dist', 'bin', 'eslint-doc-generator.js'), '--check'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(`${run.stdout}${run.stderr}`.trim()).toBe('');
    expect(run.status).toBe(0);
  });
});
