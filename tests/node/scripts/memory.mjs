// node --expose-gc memory.mjs <node entry> <promises>
// Inside one `zombies(fn, { promises: true })` call (the tracker stays open the whole time):
// - a settled promise is collected (a WeakRef to it is cleared after GC);
// - creating and settling <promises> promises grows the heap by little: only pending ones are kept.
const [entry, count] = process.argv.slice(2);
const { zombies } = await import(entry);

const collect = async () => {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    globalThis.gc();
  }
};

let collected = false;
let growthBytes = 0;
const found = await zombies(
  async () => {
    let ref;
    (() => {
      const settled = new Promise((resolve) => setTimeout(resolve, 1, new Array(1000).fill(0)));
      ref = new WeakRef(settled);
    })();
    await new Promise((resolve) => setTimeout(resolve, 10));
    await collect();
    collected = ref.deref() === undefined;

    await collect();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < Number(count); i++) await new Promise((resolve) => queueMicrotask(() => resolve(i)));
    await collect();
    growthBytes = process.memoryUsage().heapUsed - before;
  },
  { promises: true },
);
process.stdout.write(JSON.stringify({ collected, growthBytes, zombies: found.length }));
