// Usage: node --expose-gc memory.mjs <runtime module> <groups>
// One long-lived parent AbortController; <groups> groups created and joined under it in sequence.
// Prints the heap growth after a forced GC, and how many abort listeners the parent still holds.
import { getEventListeners } from 'node:events';
import { pathToFileURL } from 'node:url';

const [runtimePath, groupsArg = '200000'] = process.argv.slice(2);
const { TaskGroup, taskStats } = await import(pathToFileURL(runtimePath).href);
const groups = Number(groupsArg);
const parent = new AbortController();
const options = { signal: parent.signal, timeout: 60_000 };

/** Each kind of group the runtime has, in turn: run + spawn, all, map, race, a failing group. */
async function one(i) {
  switch (i % 5) {
    case 0:
      return TaskGroup.run((group) => {
        void group.spawn(async (signal) => signal.aborted);
      }, options);
    case 1:
      return TaskGroup.all([() => i, async () => i], options);
    case 2:
      return TaskGroup.map([i], (n) => n, { ...options, limit: 1 });
    case 3:
      return TaskGroup.race([async () => i], options);
    default:
      return TaskGroup.all([() => Promise.reject(new Error('x'))], options).catch(() => undefined);
  }
}

async function runMany(n) {
  for (let i = 0; i < n; i++) await one(i);
}

await runMany(20_000); // warm-up: JIT, inline caches
globalThis.gc();
const before = process.memoryUsage().heapUsed;
await runMany(groups);
globalThis.gc();
const after = process.memoryUsage().heapUsed;
console.log(
  JSON.stringify({
    growthBytes: after - before,
    parentListeners: getEventListeners(parent.signal, 'abort').length,
    stats: taskStats(),
  }),
);
