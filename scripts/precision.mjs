#!/usr/bin/env node
// Precision and recall of the rules on real repositories (issue #11; docs/precision.md).
//
//   node scripts/precision.mjs --checkout   check the repos of tests/corpus/repos/repos.json out
//                                           under .tmp/repos/ from local git mirrors (--mirrors DIR)
//   node scripts/precision.mjs              lint them with the built plugin (run `npm run build`
//                                           first), print report counts, precision, recall and
//                                           the sampled reports nobody has judged yet
//   options: --repo <name> (repeatable; the sample is then drawn from those repos alone),
//            --json (the measurement as JSON), --fresh (lint again
//            instead of reading .tmp/precision-cache, kept per commit, config and dist/ build),
//            --context <n> (source lines shown around each unjudged report, default 4)
//
// A repository that is not checked out (CI has no network) is skipped and said so.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { CHECKOUT_ROOT, COMMIT_MARKER, loadRepos, locateCheckout, measure, percent, precisionOf, recallOf } from '../tests/corpus/repos/measure.mjs';

const { values } = parseArgs({
  options: {
    checkout: { type: 'boolean', default: false },
    mirrors: { type: 'string', default: process.env.TASKGROUP_MIRRORS ?? '/work/.mirror' },
    repo: { type: 'string', multiple: true },
    json: { type: 'boolean', default: false },
    fresh: { type: 'boolean', default: false },
    context: { type: 'string', default: '4' },
  },
});

const config = loadRepos();
const repos = config.repos.filter((entry) => !values.repo || values.repo.includes(entry.name));

if (values.checkout) {
  checkout();
} else {
  const measurement = await measure(config, repos, { fresh: values.fresh });
  if (values.json) process.stdout.write(`${JSON.stringify(measurement, null, 2)}\n`);
  else print(measurement);
}

/** Extracts each repository at its recorded commit from a mirror `<mirrors>/<owner>+<name>/repo` (a bare git directory). */
function checkout() {
  for (const entry of repos) {
    const gitDir = path.join(values.mirrors, entry.repo.replace('/', '+'), 'repo');
    const dir = path.join(CHECKOUT_ROOT, entry.name);
    if (!existsSync(gitDir)) {
      console.log(`${entry.name}: skipped, no mirror at ${gitDir} (clone https://github.com/${entry.repo} there with --mirror)`);
      continue;
    }
    if (!locateCheckout(entry).skip) {
      console.log(`${entry.name}: already at ${entry.commit}`);
      continue;
    }
    let archive;
    try {
      archive = execFileSync('git', ['--git-dir', gitDir, 'archive', '--format=tar', entry.commit], { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      console.log(`${entry.name}: skipped, ${gitDir} cannot give commit ${entry.commit}: ${String(error.stderr ?? error.message).trim().split('\n')[0]}`);
      process.exitCode = 1;
      continue;
    }
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['-x', '-C', dir], { input: archive, maxBuffer: 1 << 30 });
    writeFileSync(path.join(dir, COMMIT_MARKER), `${entry.commit}\n`);
    console.log(`${entry.name}: checked out ${entry.commit} at ${path.relative(process.cwd(), dir)}`);
  }
}

/** A Markdown table; columns of numbers and percentages are right-aligned. */
function table(header, rows) {
  const numeric = header.map((_, index) => rows.length > 0 && rows.every((row) => /^(\d+%?|–)$/.test(String(row[index]))));
  const lines = [`| ${header.join(' | ')} |`, `|${numeric.map((right) => (right ? ' ---: ' : ' --- ')).join('|')}|`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}

function print(measurement) {
  const rules = measurement.rules.strict;
  for (const repo of measurement.perRepo) if (repo.skipped) console.log(`${repo.name}: skipped (${repo.skipped})`);
  const measured = measurement.perRepo.filter((repo) => !repo.skipped);
  if (measured.length === 0) {
    console.log('No repository checked out: nothing measured (run `node scripts/precision.mjs --checkout`).');
    return;
  }

  console.log('\n## Reports (untyped): recommended / strict\n');
  console.log(
    table(
      ['repo', 'files', 'unparsable', ...rules],
      measured.map((repo) => [repo.name, repo.files, repo.unparsable, ...rules.map((rule) => `${repo.counts.recommended[rule] ?? 0} / ${repo.counts.strict[rule] ?? 0}`)]),
    ),
  );

  console.log(`\n## Precision of recommended (seeded sample "${measurement.seed}", ${measurement.samplePerRule} a rule)\n`);
  const precisionRows = [];
  for (const [rule, entries] of Object.entries(measurement.sample)) {
    for (const repo of [...measured.map((r) => r.name), 'all']) {
      const mine = entries.filter((entry) => repo === 'all' || entry.repo === repo);
      if (mine.length === 0) continue;
      const { judged, actedOn } = precisionOf(mine);
      precisionRows.push([rule, repo, mine.length, judged, actedOn, judged - actedOn, percent(actedOn, judged)]);
    }
  }
  console.log(table(['rule', 'repo', 'sampled', 'judged', 'acted on', 'not', 'precision'], precisionRows));

  console.log('\n## Precision over every judged report (the sample plus the rest judged; not a random sample)\n');
  const judgedRows = [];
  for (const rule of rules) {
    const mine = measurement.judged.filter((entry) => entry.rule === rule);
    if (mine.length === 0) continue;
    const { judged, actedOn } = precisionOf(mine);
    judgedRows.push([rule, judged, actedOn, judged - actedOn, percent(actedOn, judged)]);
  }
  console.log(table(['rule', 'judged', 'acted on', 'not', 'precision'], judgedRows));

  console.log('\n## Categories of the judged reports (sampled / all judged)\n');
  const sampled = new Set(Object.values(measurement.sample).flat().map((entry) => `${entry.repo}\0${entry.file}\0${entry.line}\0${entry.column}\0${entry.rule}`));
  const categories = new Map();
  for (const entry of measurement.judged) {
    const key = `${entry.rule}\0${entry.verdict}\0${entry.category}`;
    const item = categories.get(key) ?? { rule: entry.rule, verdict: entry.verdict, category: entry.category, sampled: 0, count: 0, example: entry };
    item.count += 1;
    if (sampled.has(`${entry.repo}\0${entry.file}\0${entry.line}\0${entry.column}\0${entry.rule}`)) item.sampled += 1;
    categories.set(key, item);
  }
  const ordered = [...categories.values()].sort((a, b) => a.rule.localeCompare(b.rule) || a.verdict.localeCompare(b.verdict) || b.count - a.count);
  console.log(
    table(
      ['rule', 'verdict', 'category', 'sampled', 'all judged', 'example'],
      ordered.map((item) => [item.rule, item.verdict === 'tp' ? 'acted on' : 'not', item.category, item.sampled, item.count, `${item.example.repo}/${item.example.file}:${item.example.line} \`${item.example.snippet.slice(0, 60).replaceAll('|', '\\|')}\``]),
    ),
  );

  console.log('\n## Recall (hand-listed background sites)\n');
  const recallRows = [];
  for (const rule of rules) {
    for (const repo of [...measured, { name: 'all', expected: measured.flatMap((r) => r.expected) }]) {
      const mine = repo.expected.filter((item) => item.rule === rule);
      if (mine.length === 0) continue;
      const { expected, found } = recallOf(mine);
      recallRows.push([rule, repo.name, expected, found, percent(found, expected)]);
    }
  }
  console.log(table(['rule', 'repo', 'expected', 'found', 'recall'], recallRows));
  const misses = measured.flatMap((repo) => repo.expected.filter((item) => !item.found).map((item) => ({ repo: repo.name, ...item })));
  if (misses.length > 0) {
    console.log('\nMissed:\n');
    console.log(table(['site', 'rule', 'kind', 'why it is missed'], misses.map((item) => [`${item.repo}/${item.file}:${item.line} \`${item.snippet}\``, item.rule, item.kind ?? '', item.missedBecause ?? ''])));
  }

  const stale = measured.filter((repo) => repo.staleLabels > 0);
  if (stale.length > 0) console.log(`\nJudged labels no longer reported: ${stale.map((repo) => `${repo.name} ${repo.staleLabels}`).join(', ')}`);

  const unjudged = Object.values(measurement.sample).flat().filter((entry) => !entry.verdict);
  console.log(`\n## Unjudged reports in the sample: ${unjudged.length}\n`);
  const context = Number(values.context);
  for (const entry of unjudged) {
    console.log(`${JSON.stringify({ file: entry.file, line: entry.line, column: entry.column, rule: entry.rule, snippet: entry.snippet, verdict: '', category: '', reason: '' })}  // ${entry.repo}: ${entry.message}`);
    if (context > 0) {
      const dir = measured.find((repo) => repo.name === entry.repo).dir;
      const lines = readFileSync(path.join(dir, entry.file), 'utf8').split(/\r?\n/);
      for (let n = Math.max(1, entry.line - context); n <= Math.min(lines.length, entry.line + context); n += 1) {
        console.log(`  ${n === entry.line ? '>' : ' '}${String(n).padStart(5)}  ${lines[n - 1].slice(0, 160)}`);
      }
    }
  }
}
