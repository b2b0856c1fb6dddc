// Precision and recall on real repositories (issue #11, docs/precision.md). The labels are
// checked everywhere; the measurement runs only where the repositories are checked out
// (`node scripts/precision.mjs --checkout`), and is skipped, saying so, where they are not.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index';
import {
  type ExpectedSite,
  type Site,
  LABELS_DIR,
  drawSample,
  loadLabels,
  loadRepos,
  locateCheckout,
  matchExpected,
  matchLabels,
  measure,
  precisionOf,
  recallOf,
} from './repos/measure.mjs';

const config = loadRepos();
const ruleNames = Object.keys(plugin.rules);

const site = (file: string, line: number, snippet: string, rule = 'no-unscoped-promise-combinator', column = 3): Site => ({ file, line, column, rule, snippet });

describe('labels of the precision corpus', () => {
  it('has a labels file for every repository and no other', () => {
    const files = readdirSync(LABELS_DIR).filter((file) => file.endsWith('.json')).sort();
    expect(files).toEqual(config.repos.map((entry) => `${entry.name}.json`).sort());
    expect(config.repos.length).toBeGreaterThanOrEqual(3);
    for (const entry of config.repos) expect(entry.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('judges every label with a verdict, a category and a reason, once', () => {
    for (const entry of config.repos) {
      const { judged } = loadLabels(entry.name);
      const keys = new Set<string>();
      for (const label of judged) {
        expect(ruleNames, `${entry.name} ${label.file}`).toContain(label.rule);
        expect(['tp', 'fp']).toContain(label.verdict);
        expect(label.category.trim()).not.toBe('');
        expect(label.reason.trim()).not.toBe('');
        expect(label.snippet.trim()).not.toBe('');
        expect(label.line).toBeGreaterThan(0);
        expect(label.column).toBeGreaterThan(0);
        const key = `${label.file}:${label.line}:${label.column}:${label.rule}`;
        expect(keys.has(key), `${entry.name} ${key} judged twice`).toBe(false);
        keys.add(key);
      }
    }
  });

  it('hand-lists at least 15 expected sites, each saying why and what finding it takes', () => {
    const expected = config.repos.flatMap((entry) => loadLabels(entry.name).expected);
    expect(expected.length).toBeGreaterThanOrEqual(15);
    for (const item of expected) {
      expect(ruleNames).toContain(item.rule);
      expect(['syntax', 'config', 'cross-module', 'types']).toContain(item.needs);
      expect(item.why.trim()).not.toBe('');
      expect(item.kind.trim()).not.toBe('');
    }
  });
});

describe('matching reports with labels', () => {
  it('matches on the exact place first, then on the snippet nearest a moved line, each label once', () => {
    const labels = [site('a.ts', 10, 'Promise.all'), site('a.ts', 40, 'Promise.all'), site('a.ts', 70, 'Promise.race')];
    // Two lines were added above everything: the labels are found 2 lines lower.
    const reports = [site('a.ts', 12, 'Promise.all'), site('a.ts', 42, 'Promise.all'), site('a.ts', 72, 'Promise.any')];
    const matched = matchLabels(reports, labels);
    expect(matched.get(reports[0]!)).toBe(labels[0]);
    expect(matched.get(reports[1]!)).toBe(labels[1]);
    expect(matched.has(reports[2]!)).toBe(false);
    // The exact place wins over a nearer moved label.
    const exact = matchLabels([site('a.ts', 40, 'Promise.all')], labels);
    expect([...exact.values()]).toEqual([labels[1]]);
    // Another rule or file is another site.
    expect(matchLabels([site('b.ts', 10, 'Promise.all'), site('a.ts', 10, 'Promise.all', 'no-uncancellable-floating-promise')], labels).size).toBe(0);
  });

  it('finds an expected site on its line, or by snippet within 20 lines, one report a site', () => {
    const expected: ExpectedSite[] = [
      { file: 'cron.ts', line: 32, rule: 'no-uncancellable-floating-promise', snippet: 'run(TaskInterval.Day)', kind: 'timer', needs: 'syntax', why: 'x' },
      { file: 'cron.ts', line: 38, rule: 'no-uncancellable-floating-promise', snippet: 'run(TaskInterval.Day)', kind: 'timer', needs: 'syntax', why: 'x' },
    ];
    // Only line 38 is reported: it finds the site on line 38, not the one on line 32.
    const found = matchExpected(expected, [site('cron.ts', 38, 'run(TaskInterval.Day)', 'no-uncancellable-floating-promise', 10)]);
    expect([...found.keys()]).toEqual([expected[1]]);
    // Moved by 5 lines: found by snippet; moved by 30: not.
    expect(matchExpected([expected[0]!], [site('cron.ts', 37, 'run(TaskInterval.Day)', 'no-uncancellable-floating-promise')]).size).toBe(1);
    expect(matchExpected([expected[0]!], [site('cron.ts', 62, 'run(TaskInterval.Day)', 'no-uncancellable-floating-promise')]).size).toBe(0);
  });

  it('draws the same sample for the same seed whatever the order and line numbers, per rule', () => {
    const reports = Array.from({ length: 30 }, (_, index) => ({ repo: index % 2 ? 'x' : 'y', report: site(`f${index}.ts`, index + 1, 'Promise.all', index % 3 ? 'no-unscoped-promise-combinator' : 'no-uncancellable-floating-promise') }));
    const files = (sample: ReturnType<typeof drawSample>) => [...sample].map(([rule, entries]) => [rule, entries.map((entry) => entry.report.file)]);
    const first = drawSample(reports, 'seed', 5);
    const shifted = reports.map((entry) => ({ ...entry, report: { ...entry.report, line: entry.report.line + 7 } })).reverse();
    expect(files(drawSample(shifted, 'seed', 5)).sort()).toEqual(files(first).sort());
    expect(first.get('no-unscoped-promise-combinator')).toHaveLength(5);
    expect(first.get('no-uncancellable-floating-promise')).toHaveLength(5);
    expect(files(drawSample(reports, 'other seed', 5))).not.toEqual(files(first));
  });

  it('computes precision over judged entries and recall over expected sites', () => {
    expect(precisionOf([{ verdict: 'tp' }, { verdict: 'fp' }, { verdict: 'tp' }, {}])).toEqual({ sampled: 4, judged: 3, actedOn: 2, precision: 2 / 3 });
    expect(precisionOf([{}]).precision).toBeUndefined();
    expect(recallOf([{ found: true }, { found: false }, { found: false }, { found: true }])).toEqual({ expected: 4, found: 2, recall: 0.5 });
  });
});

const checkedOut = config.repos.filter((entry) => !locateCheckout(entry).skip);

describe('precision and recall on the checked-out repositories', () => {
  if (checkedOut.length < config.repos.length) {
    const missing = config.repos.filter((entry) => !checkedOut.includes(entry)).map((entry) => `${entry.name} (${locateCheckout(entry).skip})`);
    console.info(`precision corpus: skipped ${missing.join(', ')}; run \`node scripts/precision.mjs --checkout\``);
  }

  it.skipIf(checkedOut.length < config.repos.length)('judges every sampled report and meets the targets', { timeout: 3_600_000 }, async () => {
    const measurement = await measure(config);
    const unjudged = Object.values(measurement.sample)
      .flat()
      .filter((entry) => !entry.verdict)
      .map((entry) => `${entry.repo}/${entry.file}:${entry.line} ${entry.rule} ${entry.snippet}`);
    expect(unjudged, 'judge these (node scripts/precision.mjs lists them)').toEqual([]);
    for (const [rule, floor] of Object.entries(config.targets.precision)) {
      const { precision } = precisionOf(measurement.sample[rule] ?? []);
      expect(precision ?? 1, rule).toBeGreaterThanOrEqual(floor);
    }
    const { recall } = recallOf(measurement.perRepo.flatMap((repo) => repo.expected ?? []));
    expect(recall).toBeGreaterThanOrEqual(config.targets.recall);
  });
});
