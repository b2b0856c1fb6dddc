import { asCompleted } from './as-completed';
import { all, allSettled, any, map, race } from './combinators';
import { cancelledError, closedError } from './errors';
import { rejectOnThrow } from './input';
import { type Sink, Scope } from './scope';
import { isThenable, noop } from './signal';
import type { Task, TaskGroupOptions, TaskLike, TaskResult, TaskTuple } from './types';

/** The sink of one `spawn`: settles the promise `spawn` returned. */
class Spawned implements Sink {
  resolve!: (value: unknown) => void;
  reject!: (error: unknown) => void;
  readonly promise = new Promise<unknown>((resolve, reject) => {
    this.resolve = resolve;
    this.reject = reject;
  });
  constructor(private readonly scope: Scope) {}
  call(task: unknown, signal: AbortSignal): unknown {
    return (task as Task<unknown>)(signal);
  }
  fulfilled(value: unknown): void {
    this.resolve(value);
  }
  rejected(error: unknown, _index: number, cancelled: boolean): void {
    if (!cancelled) this.scope.fail(error);
    this.reject(error);
  }
  dropped(): void {
    this.reject(this.scope.signal.reason);
  }
}

let scopeOf: (group: TaskGroup) => Scope;
let dispose: (group: TaskGroup) => Promise<void>;
/** Set only while `background` is built: the process-wide group is not counted in `groups`. */
let uncounted = false;

/**
 * Structured concurrency on `AbortSignal`: no task outlives its group, the first failure cancels
 * the rest, and nothing is settled until everything is joined.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the interface below
export class TaskGroup {
  /** Aborts on the first failure, the parent's abort, the deadline or `cancel()`. Pass it on to I/O. */
  readonly signal: AbortSignal;
  readonly #scope: Scope;
  #joined: Promise<void> | undefined = undefined;
  /** `run`'s join, which resolves with the body's value; `wait()` derives from it if called later. */
  #ran: Promise<unknown> | undefined = undefined;

  static {
    scopeOf = (group) => group.#scope;
    dispose = (group) => {
      const scope = group.#scope;
      if (group.#joined === undefined && group.#ran === undefined && !scope.idle && !scope.finished) {
        scope.abortWith(cancelledError(scope.name, 'was cancelled: its `await using` block ended before `wait()`'), false);
      }
      return group.wait();
    };
  }

  constructor(options?: TaskGroupOptions) {
    this.#scope = new Scope(options, !uncounted);
    this.signal = this.#scope.signal;
  }

  /**
   * Starts `task(signal)` (or queues it under `limit`). The returned promise is owned by the group:
   * if nobody awaits it, its rejection reaches the group, never `unhandledRejection`.
   */
  spawn<T>(task: Task<T>): Promise<T> {
    if (typeof task !== 'function') throw new TypeError('TaskGroup.spawn expects a function (signal) => value');
    const scope = this.#scope;
    if (scope.finished) throw closedError(scope.name);
    if (scope.unbounded) return scope.spawnNow(task) as Promise<T>;
    const sink = new Spawned(scope);
    scope.add(sink, task, 0, true);
    sink.promise.then(undefined, noop);
    return sink.promise as Promise<T>;
  }

  /** Aborts running tasks and drops queued ones; the group then settles normally once joined. */
  cancel(reason?: unknown): void {
    const scope = this.#scope;
    if (!scope.finished) scope.abortWith(reason === undefined ? cancelledError(scope.name) : reason, false);
  }

  /** Closes the group and joins every task: rejects with the first failure (parent reason, deadline). */
  wait(): Promise<void> {
    return (this.#joined ??= this.#ran === undefined ? this.#scope.join(undefined) : this.#ran.then(noop));
  }

  /** Runs `body` with a new group, then joins it: resolves with the body's value. */
  static run<R>(body: (group: TaskGroup) => R | PromiseLike<R>, options?: TaskGroupOptions): Promise<R> {
    if (typeof body !== 'function') return Promise.reject(new TypeError('TaskGroup.run expects a function (group) => value'));
    let group: TaskGroup;
    try {
      group = new TaskGroup(options);
    } catch (error) {
      return Promise.reject(error);
    }
    let result: R | PromiseLike<R>;
    try {
      result = body(group);
      if (!isThenable(result)) return group.#end(result);
    } catch (error) {
      return group.#bodyFailed(error);
    }
    return Promise.resolve(result).then(
      (value) => group.#end(value),
      (error: unknown) => group.#bodyFailed(error),
    );
  }

  /** `run`'s body threw: cancel, join, then reject with the body's error (see `Scope.bodyFailed`). */
  #bodyFailed<R>(error: unknown): Promise<R> {
    this.#scope.bodyFailed(error);
    return this.#end(undefined as R);
  }

  /** `run`'s join: resolves with the body's value once every task settled. */
  #end<R>(value: R): Promise<R> {
    if (this.#joined !== undefined) return this.#joined.then(() => value);
    const ran = this.#scope.join(value);
    this.#ran = ran;
    return ran;
  }

  /** Like `Promise.all`, with tasks `(signal) => value`: the first failure cancels the rest. */
  static all<T extends TaskTuple>(tasks: T, options?: TaskGroupOptions): Promise<{ -readonly [K in keyof T]: TaskResult<T[K]> }>;
  static all<T>(tasks: Iterable<TaskLike<T>>, options?: TaskGroupOptions): Promise<Awaited<T>[]>;
  static all(tasks: Iterable<unknown>, options?: TaskGroupOptions): Promise<unknown[]> {
    return rejectOnThrow(all, tasks, options, undefined);
  }

  /** Like `Promise.allSettled`: never cancels on failure, but honours `signal` and `timeout`. */
  static allSettled<T extends TaskTuple>(
    tasks: T,
    options?: TaskGroupOptions,
  ): Promise<{ -readonly [K in keyof T]: PromiseSettledResult<TaskResult<T[K]>> }>;
  static allSettled<T>(tasks: Iterable<TaskLike<T>>, options?: TaskGroupOptions): Promise<PromiseSettledResult<Awaited<T>>[]>;
  static allSettled(tasks: Iterable<unknown>, options?: TaskGroupOptions): Promise<PromiseSettledResult<unknown>[]> {
    return rejectOnThrow(allSettled, tasks, options, undefined);
  }

  /** Like `Promise.race`, then cancels and joins the rest before settling. */
  static race<T extends TaskTuple>(tasks: T, options?: TaskGroupOptions): Promise<TaskResult<T[number]>>;
  static race<T>(tasks: Iterable<TaskLike<T>>, options?: TaskGroupOptions): Promise<Awaited<T>>;
  static race(tasks: Iterable<unknown>, options?: TaskGroupOptions): Promise<unknown> {
    return rejectOnThrow(race, tasks, options, undefined);
  }

  /** Like `Promise.any`: the first fulfilment wins, the rest are cancelled and joined. */
  static any<T extends TaskTuple>(tasks: T, options?: TaskGroupOptions): Promise<TaskResult<T[number]>>;
  static any<T>(tasks: Iterable<TaskLike<T>>, options?: TaskGroupOptions): Promise<Awaited<T>>;
  static any(tasks: Iterable<unknown>, options?: TaskGroupOptions): Promise<unknown> {
    return rejectOnThrow(any, tasks, options, undefined);
  }

  /** Maps `items` through `fn(item, signal, index)` concurrently (bounded by `limit`), results in order. */
  static map<T, R>(
    items: Iterable<T>,
    fn: (item: T, signal: AbortSignal, index: number) => R | PromiseLike<R>,
    options?: TaskGroupOptions,
  ): Promise<R[]> {
    return rejectOnThrow(map, items, fn, options);
  }

  /** Yields results in completion order; see `asCompleted` in the docs for early exit. */
  static asCompleted<T>(tasks: Iterable<TaskLike<T>>, options?: TaskGroupOptions): AsyncIterableIterator<T> {
    return asCompleted(tasks, options);
  }
}

// Declared through merging: the method exists only where `Symbol.asyncDispose` does.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface TaskGroup {
  /**
   * `await using group = new TaskGroup()`: cancels what is still running unless `wait()` was called
   * in the block, then joins. Disposal cannot see whether the block threw, so it cannot wait on
   * success and cancel on error as Python's `async with` does; waiting could hold an error for as
   * long as the slowest task, so it cancels. End the block with `await group.wait()` to join.
   */
  [Symbol.asyncDispose](): Promise<void>;
}

/** Defines `[Symbol.asyncDispose]` where the symbol exists (Node >= 20 has it; older engines may not). */
function defineAsyncDispose<G extends TaskGroup>(prototype: G, disposeOf: (group: G) => Promise<void>): void {
  if (typeof Symbol.asyncDispose !== 'symbol') return;
  Object.defineProperty(prototype, Symbol.asyncDispose, {
    value: function asyncDispose(this: G) {
      return disposeOf(this);
    },
    writable: true,
    configurable: true,
  });
}

defineAsyncDispose(TaskGroup.prototype, (group) => dispose(group));

/** Builds a group that `taskStats().groups` does not count (the process-wide `background`). */
function uncountedGroup<G extends TaskGroup>(create: () => G): G {
  uncounted = true;
  try {
    return create();
  } finally {
    uncounted = false;
  }
}

export { defineAsyncDispose, scopeOf, uncountedGroup };
