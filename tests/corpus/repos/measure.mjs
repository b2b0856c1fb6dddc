// Precision and recall of the plugin's rules on real repositories (issue #11).
//
// The repositories are listed in repos.json and checked out (never committed) under
// .tmp/repos/<name>; the judged reports and the hand-listed expected findings are in
// labels/<name>.json. This module lints a checkout with the *built* plugin (dist/), matches
// the reports against the labels and draws the seeded sample a person judges. It is shared by
// scripts/precision.mjs (the printed tables) and tests/corpus/precision.test.ts.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const REPOS_FILE = fileURLToPath(new URL('repos.json', import.meta.url));
export const LABELS_DIR = fileURLToPath(new URL('labels', import.meta.url));
/** Where the repositories are checked out: git-ignored, never committed. */
export const CHECKOUT_ROOT = path.join(PROJECT_ROOT, '.tmp', 'repos');
/** The file a checkout records its commit in (written by `scripts/precision.mjs --checkout`). */
export const COMMIT_MARKER = '.taskgroup-precision-commit';

/** repos.json: the repositories, the sample seed and size, the targets (types in measure.d.mts). */
export function loadRepos() {
  return JSON.parse(readFileSync(REPOS_FILE, 'utf8'));
}

/** The labels of one repository (empty when it has none yet). */
export function loadLabels(name) {
  const file = path.join(LABELS_DIR, `${name}.json`);
  if (!existsSync(file)) return { judged: [], expected: [] };
  const labels = JSON.parse(readFileSync(file, 'utf8'));
  return { judged: labels.judged ?? [], expected: labels.expected ?? [] };
}

/**
 * Whether the checkout of `entry` is there and at the recorded commit: `{ dir }` when it
 * is, `{ skip: reason }` when it is not (CI without network has no checkouts).
 */
export function locateCheckout(entry, root = CHECKOUT_ROOT) {
  const dir = path.join(root, entry.name);
  if (!existsSync(dir)) return { skip: `not checked out at ${path.relative(PROJECT_ROOT, dir)}` };
  const marker = path.join(dir, COMMIT_MARKER);
  const commit = existsSync(marker) ? readFileSync(marker, 'utf8').trim() : undefined;
  if (commit !== entry.commit) return { skip: `checked out at ${commit ?? 'an unknown commit'}, labels are for ${entry.commit}` };
  return { dir };
}

/** The built plugin and the CLI's file discovery (the same files `taskgroup check` lints). */
function loadDist() {
  const dist = path.join(PROJECT_ROOT, 'dist');
  if (!existsSync(path.join(dist, 'index.cjs'))) throw new Error('dist/ is missing: run `npm run build` first.');
  const loaded = require(path.join(dist, 'index.cjs'));
  const plugin = loaded.default ?? loaded;
  // The CLI's discovery lives in a chunk whose name carries a hash: find the one exporting it.
  const chunk = readdirSync(dist).find((file) => /\.js$/.test(file) && /discoverFiles/.test(readFileSync(path.join(dist, file), 'utf8')) && typeof require(path.join(dist, file)).discoverFiles === 'function');
  if (!chunk) throw new Error('dist/ has no chunk exporting discoverFiles (src/analysis/source-discovery.ts): rebuild, or update tests/corpus/repos/measure.mjs.');
  return { plugin, discoverFiles: require(path.join(dist, chunk)).discoverFiles };
}

/**
 * Flat config: one of the plugin's configs, untyped, @typescript-eslint/parser for every
 * extension (JSX on where a file can hold it), disable comments of other plugins ignored.
 */
export function precisionConfig(plugin, configName) {
  const tsParser = require('@typescript-eslint/parser');
  const config = plugin.configs[configName];
  const block = (files, sourceType, jsx) => ({
    ...config,
    files,
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    languageOptions: { parser: tsParser, sourceType, parserOptions: { ecmaFeatures: { jsx } } },
  });
  return [
    block(['**/*.{js,jsx,mjs,tsx}'], 'module', true),
    block(['**/*.{ts,mts}'], 'module', false),
    block(['**/*.{cjs,cts}'], 'commonjs', false),
  ];
}

/** Whitespace-collapsed source text of a report's range (first 80 characters): a label's anchor. */
export function snippetOf(lines, message) {
  const endLine = message.endLine ?? message.line;
  const endColumn = message.endColumn ?? lines[endLine - 1]?.length + 1;
  const text =
    endLine === message.line
      ? lines[message.line - 1].slice(message.column - 1, endColumn - 1)
      : [lines[message.line - 1].slice(message.column - 1), ...lines.slice(message.line, endLine - 1), lines[endLine - 1].slice(0, endColumn - 1)].join(' ');
  return text.replace(/\s+/g, ' ').trim().slice(0, 80);
}

/**
 * Lints one checkout with a config of the plugin; returns every report of the plugin's
 * rules (file relative to the checkout, with `/`), files linted, and files that did not parse.
 */
export async function lintRepository(dir, configName) {
  const { ESLint } = require('eslint');
  const { plugin, discoverFiles } = loadDist();
  const discovery = discoverFiles([dir], dir);
  // The files are the CLI's choice: no ignore files apply (`ignore: false`), and ESLint runs
  // from this project so that a repository's legacy .eslintignore does not print a warning.
  const eslint = new ESLint({ cwd: PROJECT_ROOT, ignore: false, overrideConfigFile: true, overrideConfig: precisionConfig(plugin, configName), errorOnUnmatchedPattern: false, warnIgnored: false });
  const results = await eslint.lintFiles(discovery.files);
  const reports = [];
  let unparsable = 0;
  for (const result of results) {
    if (result.messages.some((message) => message.fatal)) unparsable += 1;
    const ours = result.messages.filter((message) => message.ruleId?.startsWith('taskgroup/'));
    if (ours.length === 0) continue;
    const lines = (result.source ?? readFileSync(result.filePath, 'utf8')).split(/\r?\n/);
    const file = path.relative(dir, result.filePath).split(path.sep).join('/');
    for (const message of ours) {
      reports.push({ file, line: message.line, column: message.column, rule: message.ruleId.slice('taskgroup/'.length), snippet: snippetOf(lines, message), message: message.message });
    }
  }
  return { files: discovery.files.length, unparsable, reports };
}

/** Lint results are kept here, keyed by the built plugin, the commit and the config. */
export const CACHE_DIR = path.join(PROJECT_ROOT, '.tmp', 'precision-cache');

/**
 * `lintRepository`, cached: a second run on the same checkout with the same dist/ reads the
 * reports back instead of linting thousands of files again (`fresh` lints anyway).
 */
export async function lintRepositoryCached(entry, dir, configName, { fresh = false } = {}) {
  const built = createHash('sha256');
  for (const file of readdirSync(path.join(PROJECT_ROOT, 'dist')).sort()) {
    if (file.endsWith('.cjs') || file.endsWith('.js')) built.update(readFileSync(path.join(PROJECT_ROOT, 'dist', file)));
  }
  const key = `${entry.commit}-${configName}-${built.digest('hex').slice(0, 16)}`;
  const file = path.join(CACHE_DIR, `${entry.name}.json`);
  const cache = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  if (!fresh && cache[key]) return cache[key];
  const result = await lintRepository(dir, configName);
  mkdirSync(CACHE_DIR, { recursive: true });
  const kept = Object.fromEntries(Object.entries(cache).filter(([name]) => name.startsWith(entry.commit) && !name.startsWith(`${entry.commit}-${configName}-`)));
  writeFileSync(file, JSON.stringify({ ...kept, [key]: result }));
  return result;
}

/**
 * Pairs reports with labels: first on file + rule + line + column + snippet, then (the line
 * moved) on file + rule + snippet, nearest line first. Each label is used once.
 * @returns {Map<object, object>} report → label
 */
export function matchLabels(reports, labels) {
  const matched = new Map();
  const free = new Set(labels);
  const key = (site) => `${site.file}\0${site.rule}\0${site.snippet}`;
  for (const report of reports) {
    const label = [...free].find((candidate) => key(candidate) === key(report) && candidate.line === report.line && candidate.column === report.column);
    if (label) {
      matched.set(report, label);
      free.delete(label);
    }
  }
  for (const report of reports) {
    if (matched.has(report)) continue;
    const candidates = [...free].filter((candidate) => key(candidate) === key(report));
    if (candidates.length === 0) continue;
    const label = candidates.reduce((best, candidate) => (Math.abs(candidate.line - report.line) < Math.abs(best.line - report.line) ? candidate : best));
    matched.set(report, label);
    free.delete(label);
  }
  return matched;
}

/** How far (in lines) an expected finding may have moved and still be matched by its snippet. */
export const EXPECTED_DRIFT = 20;

/**
 * Pairs hand-listed expected sites with the reports that find them: first a report of the
 * site's rule in its file on its line, then (the line moved) one with its snippet no more
 * than EXPECTED_DRIFT lines away. Each report finds one site at most.
 * @returns {Map<object, object>} expected site → report
 */
export function matchExpected(expected, reports) {
  const found = new Map();
  const claimed = new Set();
  const claim = (site, test) => {
    const report = reports.find((candidate) => !claimed.has(candidate) && candidate.file === site.file && candidate.rule === site.rule && test(candidate));
    if (!report) return;
    found.set(site, report);
    claimed.add(report);
  };
  for (const site of expected) claim(site, (report) => report.line === site.line);
  for (const site of expected) {
    if (!found.has(site)) claim(site, (report) => report.snippet === site.snippet && Math.abs(report.line - site.line) <= EXPECTED_DRIFT);
  }
  return found;
}

/** A report's place in the seeded order: a hash of the seed and what identifies it, not its line. */
export function sampleKey(seed, repo, report) {
  return createHash('sha256').update(`${seed}\0${repo}\0${report.file}\0${report.rule}\0${report.snippet}\0${report.occurrence ?? 0}`).digest('hex');
}

/**
 * The seeded sample: per rule, the `perRule` reports (across repositories) whose key hashes
 * lowest. Line shifts and reports added elsewhere do not reshuffle it.
 * @param {Array<{ repo: string, report: object }>} all
 */
export function drawSample(all, seed, perRule) {
  const seen = new Map();
  const keyed = all.map((entry) => {
    const identity = `${entry.repo}\0${entry.report.file}\0${entry.report.rule}\0${entry.report.snippet}`;
    const occurrence = seen.get(identity) ?? 0;
    seen.set(identity, occurrence + 1);
    return { ...entry, key: sampleKey(seed, entry.repo, { ...entry.report, occurrence }) };
  });
  const byRule = new Map();
  for (const entry of keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    const list = byRule.get(entry.report.rule) ?? [];
    if (list.length < perRule) list.push(entry);
    byRule.set(entry.report.rule, list);
  }
  return byRule;
}

/** The configs linted: `recommended` is judged, `strict` is counted for reference. */
export const CONFIGS = ['recommended', 'strict'];

/**
 * Lints every checked-out repository of `config.repos` (or of `repos`) with both configs and
 * matches the reports with the labels. Repositories not checked out are listed as skipped.
 */
export async function measure(config, repos = config.repos, { fresh = false } = {}) {
  const perRepo = [];
  const all = [];
  for (const entry of repos) {
    const where = locateCheckout(entry);
    if (where.skip) {
      perRepo.push({ name: entry.name, skipped: where.skip });
      continue;
    }
    const labels = loadLabels(entry.name);
    const runs = {};
    for (const name of CONFIGS) runs[name] = await lintRepositoryCached(entry, where.dir, name, { fresh });
    const reports = runs.recommended.reports;
    const matched = matchLabels(reports, labels.judged);
    for (const report of reports) all.push({ repo: entry.name, report, label: matched.get(report) });
    const found = matchExpected(labels.expected, reports);
    const expected = labels.expected.map((item) => ({ ...item, found: found.has(item) }));
    const stale = labels.judged.filter((label) => ![...matched.values()].includes(label));
    perRepo.push({ name: entry.name, dir: where.dir, files: runs.recommended.files, unparsable: runs.recommended.unparsable, counts: Object.fromEntries(CONFIGS.map((name) => [name, countByRule(runs[name].reports)])), expected, staleLabels: stale.length });
  }
  const sample = drawSample(all, config.seed, config.samplePerRule);
  const { plugin } = loadDist();
  const rules = Object.fromEntries(CONFIGS.map((name) => [name, Object.keys(plugin.configs[name].rules).map((rule) => rule.slice('taskgroup/'.length)).sort()]));
  const entry = ({ repo, report, label }) => ({ repo, ...report, verdict: label?.verdict, category: label?.category, reason: label?.reason });
  return {
    rules,
    seed: config.seed,
    samplePerRule: config.samplePerRule,
    perRepo,
    sample: Object.fromEntries([...sample].map(([rule, entries]) => [rule, entries.map(entry)])),
    // Every report with a label, sampled or not (the sample plus whatever else was judged).
    judged: all.filter((item) => item.label).map(entry),
  };
}

/** Report counts per rule. */
export function countByRule(reports) {
  const counts = {};
  for (const report of reports) counts[report.rule] = (counts[report.rule] ?? 0) + 1;
  return counts;
}

/** Precision of judged entries: `{ judged, actedOn, precision }` (precision `undefined` when nothing is judged). */
export function precisionOf(entries) {
  const judged = entries.filter((entry) => entry.verdict);
  const actedOn = judged.filter((entry) => entry.verdict === 'tp').length;
  return { sampled: entries.length, judged: judged.length, actedOn, precision: judged.length === 0 ? undefined : actedOn / judged.length };
}

/** Recall of hand-listed sites: `{ expected, found, recall }`. */
export function recallOf(sites) {
  const found = sites.filter((site) => site.found).length;
  return { expected: sites.length, found, recall: sites.length === 0 ? undefined : found / sites.length };
}

/** Share as a percentage string, or `–` when nothing was counted. */
export function percent(part, whole) {
  return whole === 0 ? '–' : `${Math.round((100 * part) / whole)}%`;
}
