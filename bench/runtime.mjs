// npm run bench:runtime — builds, then runs this file with `node --expose-gc`.
// Time and memory of joining N tasks, as ratios to Promise.all measured in the same process run,
// and the cancellation latency of TaskGroup.run. See docs/benchmarks.md ("Runtime").
import { all as acxAll } from 'abort-controller-x';
import { Effect } from 'effect';
import { call, all as effectionAll, run as effectionRun } from 'effection';
import pMap from 'p-map';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { measure, measureOnce, median } from './runtime/measure.mjs';

// TASKGROUP_RUNTIME=<path> measures another build of the runtime (default: dist/task-group.mjs).
const runtimeUrl = process.env.TASKGROUP_RUNTIME
  ? pathToFileURL(process.env.TASKGROUP_RUNTIME)
  : new URL('../dist/task-group.mjs', import.meta.url);
if (!existsSync(runtimeUrl)) throw new Error('dist/task-group.mjs is missing: run `npm run build` (or `npm run bench:runtime`)');
if (typeof globalThis.gc !== 'function') throw new Error('run with `node --expose-gc` (npm run bench:runtime does)');
const { TaskGroup } = await import(runtimeUrl.href);

const SIZES = [1_000, 10_000, 100_000];
const RUNS = { 1000: 31, 10000: 11, 100000: 7 };

const workloads = {
  immediate: async (i) => i,
  'one timer tick': (i) => new Promise((resolve) => setTimeout(resolve, 0, i)),
};

/** Each contender joins `ids.map(work)` its own idiomatic way (building its input is timed too). */
const contenders = {
  'Promise.all': (ids, work) => Promise.all(ids.map((i) => work(i))),
  'TaskGroup.all': (ids, work) => TaskGroup.all(ids.map((i) => () => work(i))),
  'TaskGroup.map': (ids, work) => TaskGroup.map(ids, (i) => work(i)),
  'p-map': (ids, work) => pMap(ids, (i) => work(i)),
  'abort-controller-x all': (ids, work) => acxAll(new AbortController().signal, () => ids.map((i) => work(i))),
  'effection all': (ids, work) => effectionRun(() => effectionAll(ids.map((i) => call(() => work(i))))),
  'Effect.all (unbounded)': (ids, work) =>
    Effect.runPromise(Effect.all(ids.map((i) => Effect.promise(() => work(i))), { concurrency: 'unbounded' })),
};

async function check() {
  for (const [name, start] of Object.entries(contenders)) {
    const out = await start([1, 2, 3], workloads.immediate);
    if (JSON.stringify(out) !== '[1,2,3]') throw new Error(`${name} returned ${JSON.stringify(out)}`);
  }
}

/** A contender whose 10,000-task run takes longer than this runs 100,000 tasks once, cold. */
const SLOW_MS = 1_000;

async function table() {
  const rows = [];
  for (const [workloadName, work] of Object.entries(workloads)) {
    const slow = new Set();
    for (const size of SIZES) {
      const ids = Array.from({ length: size }, (_, i) => i);
      const results = {};
      for (const [name, start] of Object.entries(contenders)) {
        process.stderr.write(`${workloadName} ${size} ${name}\n`);
        if (slow.has(name)) {
          results[name] = { ...(await measureOnce(() => start(ids, work))), runs: 1 };
          continue;
        }
        for (let i = 0; i < 2; i++) await start(ids, work); // warm-up
        results[name] = await measure(() => start(ids, work), RUNS[size]);
        if (results[name].ms > SLOW_MS) slow.add(name);
      }
      const base = results['Promise.all'];
      for (const [name, measured] of Object.entries(results)) {
        rows.push({
          workload: workloadName,
          tasks: size,
          contender: name,
          ms: measured.ms,
          runs: measured.runs,
          timeRatio: measured.ms / base.ms,
          memoryRatio: measured.bytes / base.bytes,
          mb: measured.bytes / 2 ** 20,
        });
      }
    }
  }
  return rows;
}

/** 10,000 tasks wait on their signal; one fails; time from the throw to `run` settling. */
async function cancellationLatency(waiting = 10_000, runs = 7) {
  const samples = [];
  for (let r = 0; r < runs + 2; r++) {
    let failedAt = 0;
    await TaskGroup.run((group) => {
      for (let i = 0; i < waiting; i++) {
        void group.spawn(
          (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true })),
        );
      }
      void group.spawn(async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        failedAt = performance.now();
        throw new Error('one task failed');
      });
    }).catch(() => undefined);
    if (r >= 2) samples.push(performance.now() - failedAt);
  }
  return median(samples);
}

const fmt = (n, digits = 2) => n.toFixed(digits);

await check();
const rows = await table();
const latency = await cancellationLatency();

console.log(`Node ${process.version}, ${process.arch}; time = median wall time, memory = median peak heap above a post-GC baseline.`);
console.log('Ratios are to Promise.all in the same run (1.00 = the floor).\n');
console.log('| workload | tasks | contender | time (ms) | time ratio | memory ratio | peak heap (MB) | runs |');
console.log('|---|---:|---|---:|---:|---:|---:|---:|');
for (const row of rows) {
  const runs = row.runs === 1 ? '1 (cold: too slow to repeat)' : String(row.runs);
  console.log(`| ${row.workload} | ${row.tasks.toLocaleString('en-US')} | ${row.contender} | ${fmt(row.ms)} | ${fmt(row.timeRatio)}x | ${fmt(row.memoryRatio)}x | ${fmt(row.mb, 1)} | ${runs} |`);
}
console.log(`\nCancellation latency (10,000 tasks waiting on their signal, one fails; throw → run settled): ${fmt(latency)} ms`);

const target = rows.find((row) => row.workload === 'immediate' && row.tasks === 100_000 && row.contender === 'TaskGroup.all');
const others = rows.filter((row) => row.workload === 'immediate' && row.tasks === 100_000 && !['Promise.all', 'TaskGroup.all', 'TaskGroup.map'].includes(row.contender));
const fastest = others.reduce((best, row) => (row.ms < best.ms ? row : best));
console.log('\nTargets at 100,000 immediately-resolving tasks:');
console.log(`  TaskGroup.all time   ${fmt(target.timeRatio)}x Promise.all (target ≤ 1.30x): ${target.timeRatio <= 1.3 ? 'met' : 'MISSED'}`);
console.log(`  TaskGroup.all memory ${fmt(target.memoryRatio)}x Promise.all (target ≤ 2.00x): ${target.memoryRatio <= 2 ? 'met' : 'MISSED'}`);
console.log(`  faster than every other library (next: ${fastest.contender}, ${fmt(fastest.timeRatio)}x): ${target.ms < fastest.ms ? 'met' : 'MISSED'}`);
console.log(`  cancellation latency ${fmt(latency)} ms (target < 50 ms): ${latency < 50 ? 'met' : 'MISSED'}`);
