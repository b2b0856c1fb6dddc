#!/usr/bin/env node
// Lint-rule cost on real code: our rules side by side with ESLint core's `no-unused-vars`
// (the baseline) and typescript-eslint's typed `no-floating-promises`, in ONE ESLint run over
// the corpus sample (tests/corpus/sample.mjs: 2,000 files of node_modules). Per-rule time
// comes from ESLint's `stats` (the figures `TIMING=all` prints), summed over the files.
//
//   npm run bench:lint                 # build, then this script
//   node bench/lint.mjs --files 500    # a smaller sample
//   node bench/lint.mjs --untyped      # without type information (no no-floating-promises)
//   node bench/lint.mjs --repo <dir>   # the cross-module cost on a real monorepo (bench/lint-repo.mjs)
//
// To add a rule of this plugin, add one line to RULES.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import tsPlugin from '@typescript-eslint/eslint-plugin';
import { ESLint } from 'eslint';
import { builtinRules } from 'eslint/use-at-your-own-risk';
import plugin from '../dist/index.mjs';
import { sampleCorpus } from '../tests/corpus/sample.mjs';

/**
 * The rules timed: [rule id, severity/options, needs type information, label?]. One line
 * per rule. Note: the plugin's rules share one analysis index per file (built by whichever
 * runs first), so each of our rows after the first is timed without that build.
 */
const RULES = [
  ['no-unused-vars', 'error', false], // baseline: ESLint core
  ['@typescript-eslint/no-floating-promises', 'error', true],
  ['taskgroup/no-unscoped-promise-combinator', 'error', false],
  ['taskgroup/no-uncancellable-floating-promise', 'error', false],
  ['taskgroup/no-uncancellable-floating-promise', ['error', { everywhere: true }], false, 'taskgroup/no-uncancellable-floating-promise (strict: everywhere)'],
  ['taskgroup/propagate-abort-signal', 'error', false],
  ['taskgroup/require-deadline', 'error', false],
];
const BASELINE = 'no-unused-vars';

const { values: args } = parseArgs({
  options: { files: { type: 'string', default: '2000' }, untyped: { type: 'boolean', default: false }, repo: { type: 'string' }, rounds: { type: 'string', default: '1' } },
});
if (args.repo) {
  // The cross-module cost on a real monorepo (bench/lint-repo.mjs), instead of the corpus sample.
  const { benchRepo } = await import('./lint-repo.mjs');
  await benchRepo(args.repo, Number(args.rounds));
  process.exit(0);
}
const root = fileURLToPath(new URL('..', import.meta.url));
const workDir = path.join(root, '.tmp', 'bench-lint');
const files = sampleCorpus(Number(args.files));
const typed = !args.untyped;

/**
 * Each row is linted under its own plugin alias, so that a rule listed twice with different
 * options (e.g. `everywhere`) is timed separately in the same run.
 */
function aliasFor(index, ruleId) {
  const slash = ruleId.lastIndexOf('/');
  return slash < 0 ? { plugin: `core${index}`, id: `core${index}/${ruleId}`, rule: ruleId } : { plugin: `r${index}`, id: `r${index}/${ruleId.slice(slash + 1)}`, rule: ruleId };
}

const plugins = {};
const rules = {};
const rows = [];
for (const [index, [ruleId, setting, needsTypes, label]] of RULES.entries()) {
  if (needsTypes && !typed) continue;
  const alias = aliasFor(index, ruleId);
  const source = ruleId.startsWith('taskgroup/')
    ? plugin.rules[ruleId.slice('taskgroup/'.length)]
    : ruleId.startsWith('@typescript-eslint/')
      ? tsPlugin.rules[ruleId.slice('@typescript-eslint/'.length)]
      : builtinRules.get(ruleId);
  if (!source) throw new Error(`Unknown rule ${ruleId}`);
  plugins[alias.plugin] = { rules: { [alias.id.split('/')[1]]: source } };
  rules[alias.id] = setting;
  rows.push({ label: label ?? ruleId, id: alias.id });
}

// Typed linting needs a program: a tsconfig listing exactly the sample's files.
mkdirSync(workDir, { recursive: true });
const tsconfig = path.join(workDir, 'tsconfig.json');
writeFileSync(
  tsconfig,
  JSON.stringify({ compilerOptions: { allowJs: true, checkJs: false, noEmit: true, jsx: 'preserve', target: 'ES2022', module: 'preserve', moduleResolution: 'bundler', skipLibCheck: true, types: [] }, files }, null, 2),
);

const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  stats: true,
  overrideConfig: [
    // The corpus lives in node_modules, which ESLint ignores by default.
    { ignores: ['!**/node_modules/'] },
    {
      files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'],
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      languageOptions: {
        parser: tsParser,
        parserOptions: typed ? { project: tsconfig, tsconfigRootDir: workDir } : {},
      },
      plugins,
      rules,
    },
  ],
});

const started = performance.now();
const results = await eslint.lintFiles(files);
const wall = performance.now() - started;
const notLinted = results.filter((result) => result.messages.some((message) => message.ruleId === null && /^(No matching configuration|File ignored)/.test(message.message)));
if (notLinted.length > 0) throw new Error(`${notLinted.length} files were not linted: ${notLinted[0].messages[0].message}`);

const totals = Object.fromEntries(rows.map((row) => [row.id, 0]));
let parse = 0;
let reports = 0;
for (const result of results) {
  reports += result.messages.filter((message) => message.ruleId).length;
  for (const pass of result.stats?.times.passes ?? []) {
    parse += pass.parse?.total ?? 0;
    for (const [id, time] of Object.entries(pass.rules ?? {})) if (id in totals) totals[id] += time.total;
  }
}
const baseline = totals[rows.find((row) => row.label === BASELINE).id];
const fatal = results.filter((result) => result.messages.some((message) => message.fatal)).length;

console.log(`\nLint rules on ${files.length} corpus files (${typed ? 'with' : 'without'} type information), Node ${process.version}`);
console.log(`one ESLint run: ${(wall / 1000).toFixed(1)} s wall, parse ${(parse / 1000).toFixed(1)} s, ${fatal} files unparsable, ${reports} reports\n`);
console.log('| rule | time (ms) | × no-unused-vars |');
console.log('| --- | ---: | ---: |');
for (const row of rows) {
  console.log(`| \`${row.label}\` | ${totals[row.id].toFixed(0)} | ${(totals[row.id] / baseline).toFixed(2)} |`);
}
