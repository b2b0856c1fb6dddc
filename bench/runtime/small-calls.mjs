// The cost of the common call: one call joins 3 or 10 immediately-resolving tasks (real code joins
// 2–10 per call, not 100,000). Each contender runs CALLS calls one after the other (each awaited);
// the figure is the median CPU time per call (user + system, `process.cpuUsage()`: on a shared
// machine, wall time also counts the time other processes held the core), and its ratio to the
// floor: what any AbortSignal-based scope must pay at least — `new AbortController()`, its
// `.signal`, and `Promise.all`.
import { median } from './measure.mjs';

const CALLS = 20_000;
const ROUNDS = 15;
export const SMALL_SIZES = [3, 10];

function contenders(TaskGroup) {
  return {
    'Promise.all': (fns) => Promise.all(fns.map((fn) => fn())),
    'floor: new AbortController() + .signal + Promise.all': (fns) => {
      const signal = new AbortController().signal;
      return Promise.all(fns.map((fn) => fn(signal)));
    },
    'TaskGroup.all': (fns) => TaskGroup.all(fns),
    'TaskGroup.run + N spawn': (fns) =>
      TaskGroup.run((group) => {
        for (const fn of fns) void group.spawn(fn);
      }),
    'TaskGroup.map, limit 4': (fns) => TaskGroup.map(fns, (fn, signal) => fn(signal), { limit: 4 }),
  };
}

export const FLOOR = 'floor: new AbortController() + .signal + Promise.all';

async function timeCalls(start, fns) {
  const t0 = process.cpuUsage();
  for (let i = 0; i < CALLS; i++) await start(fns);
  const { user, system } = process.cpuUsage(t0);
  return (user + system) / CALLS; // CPU µs per call
}

/** Rows `{ tasks, contender, us, ratio }`: median CPU µs per call, ratio to the floor of the same size. */
export async function smallCalls(TaskGroup) {
  const all = contenders(TaskGroup);
  const rows = [];
  for (const size of SMALL_SIZES) {
    process.stderr.write(`small calls, ${size} tasks\n`);
    const fns = Array.from({ length: size }, (_, i) => async () => i);
    for (const start of Object.values(all)) await timeCalls(start, fns); // warm-up
    const samples = Object.fromEntries(Object.keys(all).map((name) => [name, []]));
    // Round-robin: a burst of load on the machine hits every contender alike.
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, start] of Object.entries(all)) samples[name].push(await timeCalls(start, fns));
    }
    const floor = median(samples[FLOOR]);
    for (const name of Object.keys(all)) {
      const us = median(samples[name]);
      rows.push({ tasks: size, contender: name, us, ratio: us / floor });
    }
  }
  return rows;
}

export function printSmallCalls(rows) {
  console.log(`\nSmall calls (${CALLS.toLocaleString('en-US')} calls in a row, each awaited; median CPU time of ${ROUNDS} rounds; ratio to the floor):\n`);
  console.log('| tasks | contender | CPU µs per call | ratio to floor |');
  console.log('|---:|---|---:|---:|');
  for (const row of rows) console.log(`| ${row.tasks} | ${row.contender} | ${row.us.toFixed(2)} | ${row.ratio.toFixed(2)}x |`);
  const target = rows.filter((row) => row.contender === 'TaskGroup.all' || row.contender === 'TaskGroup.run + N spawn');
  const worst = target.reduce((a, b) => (a.ratio > b.ratio ? a : b));
  console.log(`\n  TaskGroup.all and run + spawn, worst ${worst.ratio.toFixed(2)}x floor (${worst.contender}, ${worst.tasks} tasks; target ≤ 1.15x on Node 22 and 24): ${worst.ratio <= 1.15 ? 'met' : 'MISSED'}`);
}
