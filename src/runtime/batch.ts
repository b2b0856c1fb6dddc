import { isCancellation } from './errors';
import type { Scope } from './scope';
import { takeSlots } from './slots';
import { taskCancelled, taskCreated, taskFailed, taskFulfilled, tasksFulfilled } from './stats';

/** Marks a task that never joined the batch: dropped after an abort, or thrown synchronously. */
const SKIPPED: unique symbol = Symbol('skipped');

export type Call = (item: unknown, signal: AbortSignal, index: number) => unknown;

/**
 * Up to this many tasks, `all` and `map` take `runEach` when every task starts at once (no
 * `limit`, or one at least the number of tasks); above, unbounded ones take `runBatch`.
 */
export const SMALL_BATCH = 16;

/**
 * Small `all` and `map` whose tasks all start at once (the common call: 2–10 tasks): each task's promise gets one
 * `then` that writes its result and counts it, and the call settles in the same turn as the last
 * task — no `Promise.all`, and no extra `then` after it. Each settlement is counted when it happens.
 */
export function runEach(scope: Scope, items: readonly unknown[], call: Call, mixed: boolean): Promise<unknown[]> {
  // A copy made by `slice`, then overwritten slot by slot: unlike `new Array(n)` it has no
  // allocation site that V8 could decide to pretenure (which made small calls 2x slower at times).
  const results = items.slice();
  const slots = takeSlots(scope, results);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    scope.addInto(slots, i, item, mixed && typeof item !== 'function' ? undefined : call);
  }
  return scope.join(results, slots);
}

/**
 * Unbounded `all` and `map`, the hot path. Every task starts in one loop and the engine's
 * `Promise.all` joins them, so a task costs what it costs under `Promise.all`: no closure, listener
 * or promise of ours per task. The first rejection is seen as soon as `Promise.all` sees it (fail
 * fast: the group aborts); only then are the rest joined one by one (`Tally`), to classify and
 * count each settlement as it happens and collect later failures.
 *
 * Stats: when every task fulfils, they are counted together as the batch settles (the success
 * path adds nothing per task). From the first rejection on, each task is counted as it settles,
 * so `taskStats()` shows a failure or a cancellation when it happens.
 */
export function runBatch(scope: Scope, items: readonly unknown[], call: Call, mixed: boolean): Promise<unknown[]> {
  const signal = scope.signal;
  // A copy of the input made by `slice`, overwritten slot by slot: allocated once at its final
  // length. Growing it with `push` instead made 100,000 tasks 1.7–1.8x `Promise.all` on Node 24.
  const values: unknown[] = items.slice();
  let joined = 0;
  let skipped = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    taskCreated();
    if (mixed && typeof item !== 'function') {
      values[i] = item;
      joined++;
    } else if (scope.isAborted) {
      taskCancelled();
      values[i] = SKIPPED;
      skipped++;
    } else {
      let value: unknown;
      try {
        value = call(item, signal, i);
      } catch (error) {
        taskFailed();
        values[i] = SKIPPED;
        skipped++;
        scope.fail(error);
        continue;
      }
      values[i] = value;
      joined++;
    }
  }
  // A task that shortened the input array stopped the loop early: drop the copy's stale tail.
  if (values.length > items.length) values.length = items.length;
  scope.hold(joined);
  scope.close();
  if (joined === 0) return scope.outcome(unskip(values, skipped));
  // The success path is one `then` on the engine's `Promise.all`: no promise or closure of ours
  // per call beyond it. The group has finished when it runs (every held task settled).
  return Promise.all(values).then(
    (fulfilled) => {
      tasksFulfilled(joined);
      scope.release(joined);
      return scope.result(unskip(fulfilled, skipped));
    },
    (first: unknown) =>
      new Promise<unknown[]>((resolve, reject) => {
        scope.onFinish = () => scope.settle(resolve, reject, unskip(values, skipped));
        const firstCancelled = isCancellation(first, signal);
        if (!firstCancelled) scope.fail(first);
        new Tally(scope, first, firstCancelled).watch(values);
      }),
  );
}

/** Results of a batch whose skipped tasks (dropped, or thrown synchronously) read `undefined`. */
function unskip(results: unknown[], skipped: number): unknown[] {
  if (skipped > 0) for (let i = 0; i < results.length; i++) if (results[i] === SKIPPED) results[i] = undefined;
  return results;
}

/**
 * After a batch's first rejection: counts each of its tasks as it settles (the first rejection
 * included), reports failures after the first, and releases each from the scope's count.
 */
class Tally {
  private firstSeen: boolean;
  constructor(
    private readonly scope: Scope,
    private readonly first: unknown,
    firstCancelled: boolean,
  ) {
    this.firstSeen = firstCancelled;
  }

  watch(values: readonly unknown[]): void {
    const fulfilled = (): void => {
      taskFulfilled();
      this.done();
    };
    const rejected = (reason: unknown): void => {
      this.rejected(reason);
      this.done();
    };
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (value !== SKIPPED) void Promise.resolve(value).then(fulfilled, rejected);
    }
  }

  private rejected(reason: unknown): void {
    if (!this.firstSeen && reason === this.first) {
      this.firstSeen = true;
      // The first rejection was a failure (a cancellation would have set `firstSeen`).
      taskFailed();
    } else if (isCancellation(reason, this.scope.signal)) taskCancelled();
    else {
      taskFailed();
      this.scope.fail(reason);
    }
  }

  /** One held task settled: the batch is released task by task (the scope finishes at zero). */
  private done(): void {
    this.scope.release(1);
  }
}
