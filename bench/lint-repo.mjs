// The cost of following background work across modules (issue #12), on a real monorepo: the
// plugin's recommended rules, without type information, in three ESLint runs of their own
// process over the same files:
//   - without the index (`settings.taskgroup.crossModuleDepth: 0`: each file alone);
//   - full run, cold: the project index built from nothing (no disk cache), facts propagated;
//   - second run: a new process, the index's records read from the disk cache.
// Ratios only (the machine is shared); the load average is printed beside them.
//
//   npm run bench:lint -- --repo .tmp/repos/dub
//   node bench/lint.mjs --repo .tmp/repos/postiz-app --rounds 2
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildAnalysisModules } from './lib/analysis-modules.mjs';
import { recommendedEslint } from './lib/recommended-eslint.mjs';

const here = fileURLToPath(import.meta.url);

/** One ESLint run in this (child) process: prints `{ ms, files, reports, far }` as JSON. */
async function lintOnce(repo, depth) {
  const eslint = await recommendedEslint(repo, { crossModuleDepth: depth });
  const started = performance.now();
  const results = await eslint.lintFiles(['.']);
  const ms = performance.now() - started;
  const messages = results.flatMap((result) => result.messages);
  return {
    ms,
    files: results.length,
    reports: messages.filter((message) => message.ruleId).length,
    far: messages.filter((message) => / reached from | floats in code reached from /.test(message.message)).length,
  };
}

function child(repo, depth) {
  const output = execFileSync(process.execPath, [here, '--child', repo, String(depth)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(output.trim().split('\n').at(-1));
}

/** The bench over `repo` (see the top of this file); `rounds` runs of each, the fastest kept. */
export async function benchRepo(repo, rounds = 1) {
  const project = path.resolve(repo);
  const modules = await buildAnalysisModules();
  const { projectIndexFor, defaultCacheDirectory } = await import(pathToFileURL(modules.projectIndex).href);
  // Where the rules' index keeps its records for this project (emptied before the cold run).
  const cacheDir = defaultCacheDirectory(projectIndexFor(path.join(project, 'package.json'), { cacheDirectory: false }).root);
  const best = (runs) => runs.reduce((a, b) => (b.ms < a.ms ? b : a));
  const off = [];
  const cold = [];
  const warm = [];
  const loads = [];
  for (let round = 0; round < rounds; round++) {
    loads.push(loadavg()[0]);
    off.push(child(project, 0));
    rmSync(cacheDir, { recursive: true, force: true });
    cold.push(child(project, 4));
    warm.push(child(project, 4));
    loads.push(loadavg()[0]);
  }
  const base = best(off);
  const row = (label, run) => `| ${label} | ${run.ms.toFixed(0)} | ${(run.ms / base.ms).toFixed(2)} | ${run.reports} (${run.far} across modules) |`;
  console.log(`\nbench:lint on ${project}: ${base.files} files, recommended rules, no type information, Node ${process.version}, best of ${rounds}, load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} (2 cores)\n`);
  console.log('| run | time (ms) | × without the index | reports |');
  console.log('| --- | ---: | ---: | ---: |');
  console.log(row('without the index (`crossModuleDepth: 0`)', base));
  console.log(row('full run, cold (index built, no disk cache)', best(cold)));
  console.log(row('second run (new process, disk cache)', best(warm)));
  rmSync(cacheDir, { recursive: true, force: true });
}

if (process.argv[2] === '--child') {
  console.log(JSON.stringify(await lintOnce(process.argv[3], Number(process.argv[4]))));
}
