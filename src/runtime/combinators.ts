import { cancelledError } from './errors';
import { type Call, runBatch, runEach, SMALL_BATCH } from './batch';
import { callTask, toArray } from './input';
import { type Sink, Scope } from './scope';
import type { TaskGroupOptions } from './types';

/**
 * `all`, `allSettled`, `race`, `any` and `map`: each one is a scope plus a sink that decides what
 * a settled task means for the result. All of them join every task before settling.
 */

type Starter = (scope: Scope, sink: Sink, items: readonly unknown[]) => void;

/** Input of `all`/`allSettled`/`race`/`any`: functions are tasks, anything else is only joined. */
const startMixed: Starter = (scope, sink, items) => {
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    scope.add(sink, item, i, typeof item === 'function');
  }
};

/** Input of `map`: every item is started through `fn`. */
const startEach: Starter = (scope, sink, items) => {
  for (let i = 0; i < items.length; i++) scope.add(sink, items[i], i, true);
};

function runScope<R>(
  scope: Scope,
  sink: Sink,
  items: readonly unknown[],
  start: Starter,
  outcome: (resolve: (value: R) => void, reject: (error: unknown) => void) => void,
): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    scope.onFinish = () => outcome(resolve, reject);
    start(scope, sink, items);
    scope.close();
  });
}

class AllSink implements Sink {
  readonly results: unknown[];
  constructor(
    private readonly scope: Scope,
    length: number,
  ) {
    this.results = new Array<unknown>(length);
  }
  call(item: unknown, signal: AbortSignal, _index: number): unknown {
    return callTask(item, signal);
  }
  fulfilled(value: unknown, index: number): void {
    this.results[index] = value;
  }
  rejected(error: unknown, _index: number, cancelled: boolean): void {
    if (!cancelled) this.scope.fail(error);
  }
  dropped(): void {}
}

class MapSink extends AllSink {
  constructor(
    scope: Scope,
    length: number,
    private readonly fn: Call,
  ) {
    super(scope, length);
  }
  override call(item: unknown, signal: AbortSignal, index: number): unknown {
    return this.fn(item, signal, index);
  }
}

export function all(tasks: Iterable<unknown>, options?: TaskGroupOptions): Promise<unknown[]> {
  const items = toArray(tasks, 'TaskGroup.all');
  const scope = new Scope(options);
  if (items.length <= SMALL_BATCH && scope.startsAtOnce(items.length)) return runEach(scope, items, callTask, true);
  if (scope.unbounded && !scope.supervise) return runBatch(scope, items, callTask, true);
  const sink = new AllSink(scope, items.length);
  return runScope(scope, sink, items, startMixed, (resolve, reject) => scope.settle(resolve, reject, sink.results));
}

export function map<T, R>(
  items: Iterable<T>,
  fn: (item: T, signal: AbortSignal, index: number) => R | PromiseLike<R>,
  options?: TaskGroupOptions,
): Promise<R[]> {
  if (typeof fn !== 'function') throw new TypeError('TaskGroup.map expects a function (item, signal, index) => value');
  const list = toArray(items, 'TaskGroup.map');
  const scope = new Scope(options);
  if (list.length <= SMALL_BATCH && scope.startsAtOnce(list.length)) return runEach(scope, list, fn as Call, false) as Promise<R[]>;
  if (scope.unbounded && !scope.supervise) return runBatch(scope, list, fn as Call, false) as Promise<R[]>;
  const sink = new MapSink(scope, list.length, fn as Call);
  return runScope(scope, sink, list, startEach, (resolve, reject) => scope.settle(resolve, reject, sink.results as R[]));
}

class AllSettledSink implements Sink {
  readonly results: PromiseSettledResult<unknown>[];
  /** Failures, suppressed under the error if the group rejects (parent abort or deadline). */
  readonly failures: unknown[] = [];
  constructor(length: number) {
    this.results = new Array<PromiseSettledResult<unknown>>(length);
  }
  call(item: unknown, signal: AbortSignal): unknown {
    return callTask(item, signal);
  }
  fulfilled(value: unknown, index: number): void {
    this.results[index] = { status: 'fulfilled', value };
  }
  rejected(reason: unknown, index: number, cancelled: boolean): void {
    this.results[index] = { status: 'rejected', reason };
    if (!cancelled) this.failures.push(reason);
  }
  dropped(): void {}
}

export function allSettled(tasks: Iterable<unknown>, options?: TaskGroupOptions): Promise<PromiseSettledResult<unknown>[]> {
  const items = toArray(tasks, 'TaskGroup.allSettled');
  const scope = new Scope(options);
  const sink = new AllSettledSink(items.length);
  return runScope(scope, sink, items, startMixed, (resolve, reject) => {
    if (scope.failed) for (const failure of sink.failures) scope.fail(failure);
    scope.settle(resolve, reject, sink.results);
  });
}

/** `race` and `any`: the first (fulfilled) settlement decides, then the rest are cancelled. */
class FirstSink implements Sink {
  decided = false;
  value: unknown = undefined;
  readonly errors: unknown[];
  constructor(
    private readonly scope: Scope,
    length: number,
    private readonly anyMode: boolean,
  ) {
    this.errors = anyMode ? new Array<unknown>(length) : [];
  }
  call(item: unknown, signal: AbortSignal): unknown {
    return callTask(item, signal);
  }
  fulfilled(value: unknown): void {
    if (this.decided) return;
    this.decided = true;
    this.value = value;
    const api = this.anyMode ? 'TaskGroup.any' : 'TaskGroup.race';
    this.scope.abortWith(cancelledError(this.scope.name, `was cancelled: ${api} settled`), false);
  }
  rejected(error: unknown, index: number, cancelled: boolean): void {
    if (this.anyMode && !this.decided) this.errors[index] = error;
    else if (cancelled) return;
    else if (this.decided || this.scope.failed) this.scope.fail(error);
    else {
      // `race` settles with its first rejection even in a supervising group.
      this.decided = true;
      this.scope.abortWith(error, true);
    }
  }
  dropped(): void {}
}

export function race(tasks: Iterable<unknown>, options?: TaskGroupOptions): Promise<unknown> {
  const items = toArray(tasks, 'TaskGroup.race');
  const scope = new Scope(options);
  const sink = new FirstSink(scope, items.length, false);
  return runScope(scope, sink, items, startMixed, (resolve, reject) => {
    // Like Promise.race, an empty input never settles (unless the group rejects).
    if (sink.decided || scope.failed) scope.settle(resolve, reject, sink.value);
  });
}

export function any(tasks: Iterable<unknown>, options?: TaskGroupOptions): Promise<unknown> {
  const items = toArray(tasks, 'TaskGroup.any');
  const scope = new Scope(options);
  const sink = new FirstSink(scope, items.length, true);
  return runScope(scope, sink, items, startMixed, (resolve, reject) => {
    if (sink.decided || scope.failed) scope.settle(resolve, reject, sink.value);
    else reject(new AggregateError(sink.errors, `${scope.name === undefined ? 'TaskGroup.any' : `Task group "${scope.name}"`}: all tasks failed`));
  });
}
