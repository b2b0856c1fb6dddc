import { isCancellation } from './errors';
import type { Scope } from './scope';
import { taskCancelled, taskCreated, taskFailed, taskFulfilled, tasksFulfilled } from './stats';

/** Marks a task that never joined the batch: dropped after an abort, or thrown synchronously. */
const SKIPPED: unique symbol = Symbol('skipped');

export type Call = (item: unknown, signal: AbortSignal, index: number) => unknown;

/**
 * Unbounded `all` and `map`, the hot path. Every task starts in one loop and the engine's
 * `Promise.all` joins them, so a task costs what it costs under `Promise.all`: no closure, listener
 * or promise of ours per task. The first rejection is seen as soon as `Promise.all` sees it (fail
 * fast: the group aborts); only then are the rest joined one by one (`Promise.allSettled`), to
 * classify and count each settlement and collect later failures.
 *
 * Stats: the tasks of a batch count as settled when the batch settles.
 */
export function runBatch(scope: Scope, items: readonly unknown[], call: Call, mixed: boolean): Promise<unknown[]> {
  return new Promise<unknown[]>((resolve, reject) => {
    const signal = scope.signal;
    const values = new Array<unknown>(items.length);
    let results = values;
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
        try {
          values[i] = call(item, signal, i);
          joined++;
        } catch (error) {
          taskFailed();
          values[i] = SKIPPED;
          skipped++;
          scope.fail(error);
        }
      }
    }
    scope.hold(joined);
    scope.onFinish = () => {
      if (skipped > 0) for (let i = 0; i < results.length; i++) if (results[i] === SKIPPED) results[i] = undefined;
      scope.settle(resolve, reject, results);
    };
    scope.close();
    if (joined === 0) return;
    Promise.all(values).then(
      (fulfilled) => {
        results = fulfilled;
        tasksFulfilled(joined);
        scope.release(joined);
      },
      (first: unknown) => {
        const firstCancelled = isCancellation(first, signal);
        if (!firstCancelled) scope.fail(first);
        void Promise.allSettled(values).then((settled) => {
          account(scope, values, settled, first, firstCancelled);
          scope.release(joined);
        });
      },
    );
  });
}

/** Counts each settlement of a batch that had a rejection, and reports failures after the first. */
function account(
  scope: Scope,
  values: readonly unknown[],
  settled: readonly PromiseSettledResult<unknown>[],
  first: unknown,
  firstCancelled: boolean,
): void {
  let firstSeen = firstCancelled;
  for (let i = 0; i < settled.length; i++) {
    if (values[i] === SKIPPED) continue;
    const result = settled[i]!;
    if (result.status === 'fulfilled') taskFulfilled();
    else if (!firstSeen && result.reason === first) {
      firstSeen = true;
      taskFailed();
    } else if (isCancellation(result.reason, scope.signal)) taskCancelled();
    else {
      taskFailed();
      scope.fail(result.reason);
    }
  }
}
