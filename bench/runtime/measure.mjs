// Timing and memory helpers for bench/runtime.mjs. Needs `node --expose-gc`.

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/**
 * One run of `start()` to its settlement after a full GC: wall time (ms), and the peak heap above
 * the post-GC baseline, sampled right after the call (what a combinator allocates synchronously)
 * and at each macrotask turn until it settles.
 */
export async function measureOnce(start) {
  globalThis.gc();
  globalThis.gc();
  const base = process.memoryUsage().heapUsed;
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().heapUsed - base);
  };
  let done = false;
  const t0 = performance.now();
  const promise = start().finally(() => {
    done = true;
  });
  sample();
  while (!done) {
    await new Promise((resolve) => setImmediate(resolve));
    sample();
  }
  await promise;
  return { ms: performance.now() - t0, bytes: peak };
}
