// `taskgroup migrate --dry` over 2,000+ real files against a jscodeshift no-op transform
// (each file parsed with jscodeshift's own parser for its extension, nothing changed) over
// the same files, with the same runner and workers, in one run. Prints a table; run with
// `npm run bench:migrate` (builds first).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { sampleCorpus } from '../tests/corpus/sample.mjs';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(import.meta.dirname, '..');
const CORPUS = path.join(ROOT, 'node_modules');
const COUNT = Number(process.env.BENCH_FILES ?? 2000);

// The sample is copied out of node_modules (which `migrate` skips, as it should). ESLint config
// files of the sampled packages stay behind: `migrate` reads `settings.taskgroup` from the
// config that covers each file, and those configs import packages that are not installed.
const work = mkdtempSync(path.join(os.tmpdir(), 'taskgroup-bench-migrate-'));
const tree = path.join(work, 'files');
const files = sampleCorpus(COUNT).filter((file) => !/^eslint\.config\.[cm]?[jt]s$/.test(path.basename(file))).map((file) => {
  const target = path.join(tree, path.relative(CORPUS, file).replaceAll('node_modules', 'nm'));
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(file, target);
  return target;
});
const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);

const noop = path.join(work, 'noop.cjs');
writeFileSync(noop, `module.exports = function noop(file, api) {
  const parser = /\\.tsx$/.test(file.path) ? 'tsx' : /\\.[mc]?ts$/.test(file.path) ? 'ts' : 'tsx';
  api.jscodeshift.withParser(parser)(file.source);
  return undefined;
};
`);

const cpus = Math.max(os.cpus().length - 1, 1);

async function timeNoop() {
  const { run } = require('jscodeshift/src/Runner');
  const start = performance.now();
  // As `migrate` does: in this process when one worker would do all the work.
  const stats = await run(noop, files, { dry: true, silent: true, verbose: -1, babel: false, cpus, runInBand: cpus === 1 });
  return { ms: performance.now() - start, stats };
}

function timeMigrate() {
  const start = performance.now();
  const result = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'migrate', '--dry', '--json', '--cpus', String(cpus), tree], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = performance.now() - start;
  if (result.status !== 0 && result.status !== 1) throw new Error(`migrate failed (${result.status}): ${result.stderr}`);
  const summary = JSON.parse(result.stdout.slice(result.stdout.lastIndexOf('\n{\n  "dry"') + 1));
  return { ms, summary };
}

try {
  const baseline = await timeNoop();
  const migrate = timeMigrate();
  const rate = (ms) => (files.length / (ms / 1000)).toFixed(0);
  const { summary } = migrate;
  console.log(`Files: ${files.length} (${(bytes / 1024 / 1024).toFixed(1)} MiB) from node_modules; workers: ${cpus}; Node ${process.version}\n`);
  console.log('| run | time | files/s | ratio |');
  console.log('|---|---:|---:|---:|');
  console.log(`| jscodeshift no-op transform (parse only) | ${(baseline.ms / 1000).toFixed(2)} s | ${rate(baseline.ms)} | 1.00x |`);
  console.log(`| \`taskgroup migrate --dry\` (both codemods) | ${(migrate.ms / 1000).toFixed(2)} s | ${rate(migrate.ms)} | ${(migrate.ms / baseline.ms).toFixed(2)}x |`);
  console.log(`\nmigrate: ${summary.files.scanned} scanned, ${summary.files.changed} would change, ${summary.files.failed} did not parse, ` +
    `${summary.rewritten['promise-combinators']} combinator and ${summary.rewritten['floating-promises']} floating-promise sites rewritten, ` +
    `${Object.values(summary.boundary ?? {}).reduce((sum, entry) => sum + entry.count, 0)} more cancellable only at the task boundary; ` +
    `no-op: ${baseline.stats.error} did not parse`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
