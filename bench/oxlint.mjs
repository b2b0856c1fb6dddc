#!/usr/bin/env node
// ESLint and oxlint running this plugin's recommended rules alone (no core rules, no oxlint
// built-ins, no type information) on the same files: the corpus sample (tests/corpus/sample.mjs,
// 2,000 files of node_modules, copied out of it). Each linter runs as the CLI a user runs,
// in its own process (start-up included), alternating, `--runs` times; the table gives the
// median wall time and its ratio to single-threaded ESLint, and says whether both found the same.
//
//   npm run bench:oxlint                    # build, then this script
//   node bench/oxlint.mjs --files 500 --runs 5
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import plugin from '../dist/index.mjs';
import { CORPUS_ROOT, sampleCorpus } from '../tests/corpus/sample.mjs';

const { values: args } = parseArgs({ options: { files: { type: 'string', default: '2000' }, runs: { type: 'string', default: '3' } } });
const ROOT = path.resolve(import.meta.dirname, '..');
const RECOMMENDED = plugin.configs.recommended.rules;

const work = mkdtempSync(path.join(os.tmpdir(), 'taskgroup-bench-oxlint-'));
const tree = path.join(work, 'files');
// Out of node_modules (which both linters skip), keeping the relative layout.
for (const file of sampleCorpus(Number(args.files))) {
  const target = path.join(tree, path.relative(CORPUS_ROOT, file).replaceAll('node_modules', 'nm'));
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(file, target);
}

const eslintConfig = path.join(work, 'eslint.config.mjs');
writeFileSync(
  eslintConfig,
  `import tsParser from ${JSON.stringify(path.join(ROOT, 'node_modules', '@typescript-eslint', 'parser', 'dist', 'index.js'))};
import plugin from ${JSON.stringify(path.join(ROOT, 'dist', 'index.mjs'))};
export default [{
  files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'],
  linterOptions: { reportUnusedDisableDirectives: 'off' },
  languageOptions: { parser: tsParser },
  plugins: { taskgroup: plugin },
  rules: ${JSON.stringify(RECOMMENDED)},
}];
`,
);
const oxlintConfig = path.join(work, '.oxlintrc.json');
writeFileSync(
  oxlintConfig,
  JSON.stringify({ plugins: [], categories: { correctness: 'off' }, jsPlugins: [path.join(ROOT, 'dist', 'index.mjs')], rules: RECOMMENDED }, null, 2),
);

const eslintBin = path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
const oxlintBin = path.join(ROOT, 'node_modules', 'oxlint', 'bin', 'oxlint');

/** [label, threads, command args, findings parser]. */
const RUNS = [
  ['ESLint', 1, [eslintBin, '--no-config-lookup', '-c', eslintConfig, '--format', 'json', tree], eslintFindings],
  ['ESLint `--concurrency=2`', 2, [eslintBin, '--no-config-lookup', '-c', eslintConfig, '--concurrency=2', '--format', 'json', tree], eslintFindings],
  ['oxlint `--threads=1`', 1, [oxlintBin, '-c', oxlintConfig, '--no-ignore', '--threads=1', '--format', 'json', tree], oxlintFindings],
  ['oxlint', 2, [oxlintBin, '-c', oxlintConfig, '--no-ignore', '--format', 'json', tree], oxlintFindings],
];

function eslintFindings(stdout) {
  return JSON.parse(stdout).flatMap((result) =>
    result.messages.filter((m) => m.ruleId?.startsWith('taskgroup/')).map((m) => `${path.relative(tree, result.filePath)}:${m.line}:${m.column} ${m.ruleId}`),
  );
}

function oxlintFindings(stdout) {
  return JSON.parse(stdout).diagnostics.flatMap((d) => {
    const rule = /^taskgroup\((.+)\)$/.exec(d.code);
    const span = d.labels[0]?.span;
    return rule && span ? [`${path.relative(tree, path.resolve(work, d.filename))}:${span.line}:${span.column} taskgroup/${rule[1]}`] : [];
  });
}

function runOnce([label, , argv, findings]) {
  const start = performance.now();
  const result = spawnSync(process.execPath, argv, { cwd: work, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const ms = performance.now() - start;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${label} exited with ${result.status}: ${result.stderr.slice(0, 2000)}`);
  return { ms, findings: findings(result.stdout).sort() };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

try {
  const times = RUNS.map(() => []);
  const found = [];
  for (let run = 0; run < Number(args.runs); run++) {
    for (const [index, spec] of RUNS.entries()) {
      const { ms, findings } = runOnce(spec);
      times[index].push(ms);
      found[index] = findings;
    }
  }
  const baseline = median(times[0]);
  const same = (list) => list.length === found[0].length && list.every((finding, i) => finding === found[0][i]);
  console.log(`\nESLint and oxlint, the recommended rules alone, on ${args.files} corpus files; Node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}`);
  console.log(`median of ${args.runs} runs each, alternating; wall time of the CLI process (start-up included)\n`);
  console.log('| run | threads | time | × ESLint | findings |');
  console.log('| --- | ---: | ---: | ---: | --- |');
  for (const [index, [label, threads]] of RUNS.entries()) {
    const ms = median(times[index]);
    const agreement = index === 0 ? `${found[0].length}` : `${found[index].length} (${same(found[index]) ? 'same' : 'DIFFERENT'} as ESLint's)`;
    console.log(`| ${label} | ${threads} | ${(ms / 1000).toFixed(2)} s | ${(ms / baseline).toFixed(2)} | ${agreement} |`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
