// npm run bench:runtime — builds, then runs this file with `node --expose-gc`.
// Time and memory of joining N tasks, as ratios to Promise.all measured in the same process run,
// the cancellation latency of TaskGroup.run, and the cost of small calls (3 and 10 tasks) as
// ratios to an AbortController + Promise.all floor. See docs/benchmarks.md ("Runtime").
// `npm run bench:runtime -- --small` runs only the small-call table.
import { all as acxAll } from 'abort-controller-x';
import { Effect } from 'effect';
import { call, all as effectionAll, run as effectionRun } from 'effection';
import pMap from 'p-map';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { measureOnce, median } from './runtime/measure.mjs';
import { printSmallCalls, smallCalls } from './runtime/small-calls.mjs';

// TASKGROUP_RUNTIME=<path> measures another build of the runtime (default: dist/task-group.mjs).
const runtimeUrl = process.env.TASKGROUP_RUNTIME
  ? pathToFileURL(process.env.TASKGROUP_RUNTIME)
  : new URL('../dist/task-group.mjs', import.meta.url);
if (!existsSync(runtimeUrl)) throw new Error('dist/task-group.mjs is missing: run `npm run build` (or `npm run bench:runtime`)');
if (typeof globalThis.gc !== 'function') throw new Error('run with `node --expose-gc` (npm run bench:runtime does)');
const { TaskGroup } = await import(runtimeUrl.href);

const SIZES = [1_000, 10_000, 100_000];
const RUNS = { 1000: 21, 10000: 11, 100000: 7 };

const workloads = {
  immediate: async (i) => i,
  'one timer tick': (i) => new Promise((resolve) => setTimeout(resolve, 0, i)),
};

/**
 * Every contender gets the same task functions `(signal) => work(i)`, built before the clock
 * starts, and joins them its own idiomatic way; what is timed is each one's own overhead.
 */
const contenders = {
  'Promise.all': (fns) => Promise.all(fns.map((fn) => fn())),
  'TaskGroup.all': (fns) => TaskGroup.all(fns),
  'TaskGroup.map': (fns) => TaskGroup.map(fns, (fn, signal) => fn(signal)),
  'p-map': (fns) => pMap(fns, (fn) => fn()),
  'abort-controller-x all': (fns) => acxAll(new AbortController().signal, (signal) => fns.map((fn) => fn(signal))),
  'effection all': (fns) => effectionRun(() => effectionAll(fns.map((fn) => call(() => fn())))),
  'Effect.all (unbounded)': (fns) =>
    Effect.runPromise(Effect.all(fns.map((fn) => Effect.promise((signal) => fn(signal))), { concurrency: 'unbounded' })),
};

async function check() {
  for (const [name, start] of Object.entries(contenders)) {
    const out = await start(tasksFor(3, workloads.immediate));
    if (JSON.stringify(out) !== '[1,2,3]') throw new Error(`${name} returned ${JSON.stringify(out)}`);
  }
}

function tasksFor(size, work) {
  return Array.from({ length: size }, (_, i) => (_signal) => work(i + 1));
}

/** A contender whose median run took longer than this runs the larger sizes once, cold. */
const SLOW_MS = 500;

async function table() {
  const rows = [];
  for (const [workloadName, work] of Object.entries(workloads)) {
    const slow = new Set();
    for (const size of SIZES) {
      process.stderr.write(`${workloadName}, ${size} tasks\n`);
      const fns = tasksFor(size, work);
      const regular = Object.keys(contenders).filter((name) => !slow.has(name));
      for (const name of regular) for (let i = 0; i < 2; i++) await contenders[name](fns); // warm-up
      // Round-robin: a burst of load on the machine hits every contender alike.
      const samples = Object.fromEntries(regular.map((name) => [name, { times: [], peaks: [] }]));
      for (let round = 0; round < RUNS[size]; round++) {
        for (const name of regular) {
          const { ms, bytes } = await measureOnce(() => contenders[name](fns));
          samples[name].times.push(ms);
          samples[name].peaks.push(bytes);
        }
      }
      const results = {};
      for (const name of Object.keys(contenders)) {
        if (slow.has(name)) results[name] = { ...(await measureOnce(() => contenders[name](fns))), runs: 1 };
        else {
          results[name] = { ms: median(samples[name].times), bytes: median(samples[name].peaks), runs: RUNS[size] };
          if (results[name].ms > SLOW_MS) slow.add(name);
        }
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
if (process.argv.includes('--small')) {
  console.log(`Node ${process.version}, ${process.arch}.`);
  printSmallCalls(await smallCalls(TaskGroup));
  process.exit(0);
}
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

printSmallCalls(await smallCalls(TaskGroup));
