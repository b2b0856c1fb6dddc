#!/usr/bin/env node
// The project index (src/analysis/project) on a real monorepo: a cold build (nothing cached),
// a warm build (a new process reading the disk cache), a revalidation in the same process (what
// an editor's long-lived ESLint pays per lint run), and the index's memory per 1,000 files,
// beside the time ESLint takes to lint the same files with this plugin's recommended rules
// (without type information; a typed run costs more, so these ratios are the worst case).
// Each measure runs in a process of its own, so none warms the JIT for another.
//
//   npm run bench:index -- <path to a monorepo>       # builds, then this script
//   node bench/project-index.mjs .tmp/postiz --no-lint
//
// The index is built from source into .tmp/bench-analysis (it is not a public entry). It is built
// as the rules build it: with each module's facts (functions, calls, background entries), then
// propagated from every background entry (the cross-module reach the rules ask for).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { buildAnalysisModules } from './lib/analysis-modules.mjs';
import { recommendedEslint } from './lib/recommended-eslint.mjs';

const here = fileURLToPath(import.meta.url);
const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { phase: { type: 'string' }, cache: { type: 'string' }, module: { type: 'string' }, lint: { type: 'boolean', default: true }, 'no-lint': { type: 'boolean', default: false } },
});

function heapAfterGc() {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
}

/** One measure, in this (child) process; prints a JSON line. */
async function runPhase(phase, project, cache, modulePath) {
  const { buildModuleRecord, clearProjectIndexes, projectIndexFor } = await import(pathToFileURL(modulePath).href);
  const { backgroundSummarizer, projectReach } = await import(pathToFileURL(path.join(path.dirname(modulePath), 'cross.mjs')).href);
  const summarizer = backgroundSummarizer({});
  // Load the parser (typescript, typescript-estree) before measuring: its code is not the index's memory.
  buildModuleRecord(path.join(project, 'warm-up.ts'), 'export const a = 1;', 'typescript-estree');
  const anyFile = path.join(project, 'package.json');
  if (phase === 'lint') {
    const index = projectIndexFor(anyFile, { cacheDirectory: false });
    // The lint run alone: the rules without the project index.
    const eslint = await recommendedEslint(project, { crossModuleDepth: 0 });
    const started = performance.now();
    const results = await eslint.lintFiles(index.files);
    const ms = performance.now() - started;
    const reports = results.reduce((sum, result) => sum + result.messages.length, 0);
    return { ms, files: results.length, reports };
  }
  const started = performance.now();
  let index = projectIndexFor(anyFile, { cacheDirectory: cache, summarizer });
  const layoutMs = performance.now() - started;
  const stats = index.build();
  const built = performance.now();
  const reach = projectReach(index, 4);
  const ms = performance.now() - started;
  const result = { ms, layoutMs, reachMs: ms - (built - started), reached: [...reach.values()].reduce((sum, inFile) => sum + inFile.size, 0), stats };
  if (phase === 'warm') {
    // The same process, files unchanged: what each later lint run of an editor pays.
    const again = performance.now();
    let same = projectIndexFor(anyFile, { cacheDirectory: cache, maxAge: 0, summarizer });
    same.build();
    projectReach(same, 4);
    result.revalidateMs = performance.now() - again;
    result.sameIndex = same === index;
    same = undefined;
  }
  // The index's memory: the heap with it, less the heap once it is dropped (the parser's code
  // and the JIT's work stay in both).
  const withIndex = heapAfterGc();
  clearProjectIndexes();
  index = undefined;
  result.heap = withIndex - heapAfterGc();
  return result;
}

function child(phase, project, cache, modulePath) {
  const output = execFileSync(process.execPath, ['--expose-gc', here, project, '--phase', phase, '--cache', cache, '--module', modulePath], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(output.trim().split('\n').at(-1));
}

if (args.phase) {
  console.log(JSON.stringify(await runPhase(args.phase, path.resolve(positionals[0]), args.cache === 'false' ? false : args.cache, args.module)));
} else {
  const project = positionals[0];
  if (!project) {
    console.error('usage: node bench/project-index.mjs <path to a monorepo> [--no-lint]');
    process.exit(2);
  }
  const modulePath = (await buildAnalysisModules()).projectIndex;
  const cache = mkdtempSync(path.join(tmpdir(), 'taskgroup-bench-index-'));
  const load = loadavg().map((value) => value.toFixed(1)).join(' ');
  try {
    const cold = child('cold', project, cache, modulePath);
    const warm = child('warm', project, cache, modulePath);
    const lint = args['no-lint'] ? undefined : child('lint', project, cache, modulePath);
    const files = cold.stats.files;
    const ratio = (ms) => (lint ? `${(ms / lint.ms).toFixed(2)}` : '–');
    const full = (ms) => (lint ? `${((lint.ms + ms) / lint.ms).toFixed(2)}` : '–');
    console.log(`\nProject index on ${path.resolve(project)}: ${files} files (${cold.stats.parsed} parsed cold, ${warm.stats.disk} from disk warm, ${cold.stats.failed} unreadable), Node ${process.version}, load average ${load} (2 cores)\n`);
    console.log('| measure | time (ms) | × lint time | lint + index, × lint |');
    console.log('| --- | ---: | ---: | ---: |');
    if (lint) console.log(`| ESLint, recommended rules, no type information (${lint.reports} reports) | ${lint.ms.toFixed(0)} | 1.00 | 1.00 |`);
    console.log(`| index cold (layout ${cold.layoutMs.toFixed(0)} ms + parse and summarize every file + propagate ${cold.reachMs.toFixed(0)} ms: ${cold.reached} functions reached across modules) | ${cold.ms.toFixed(0)} | ${ratio(cold.ms)} | ${full(cold.ms)} |`);
    console.log(`| index warm: new process, disk cache (layout ${warm.layoutMs.toFixed(0)} ms) | ${warm.ms.toFixed(0)} | ${ratio(warm.ms)} | ${full(warm.ms)} |`);
    console.log(`| index kept in memory, checked again (same index: ${warm.sameIndex}) | ${warm.revalidateMs.toFixed(0)} | ${ratio(warm.revalidateMs)} | ${full(warm.revalidateMs)} |`);
    const perThousand = (heap) => `${(heap / 1024 / 1024).toFixed(1)} MiB, ${((heap / files) * 1000 / 1024 / 1024).toFixed(1)} MiB per 1,000 files`;
    console.log(`\nmemory of the index (heap held by it, after gc): ${perThousand(cold.heap)} after a cold build, ${perThousand(warm.heap)} after a warm one`);
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}
