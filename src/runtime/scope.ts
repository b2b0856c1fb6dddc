import { traceTask, tracing } from './diagnostics';
import { attachSuppressed, isCancellation, supervisedFailures, timeoutError } from './errors';
import { resolveOptions } from './options';
import { type Child, linkParent, unlinkParent } from './parent-link';
import { allowManyListeners, isThenable, noop } from './signal';
import { releaseSlots, type SlotOwner, type Slots } from './slots';
import { groupJoined, groupOpened, taskCancelled, taskCreated, taskFailed, taskFulfilled } from './stats';
import type { TaskGroupOptions } from './types';

/**
 * Receives the outcome of each task a scope runs. Each combinator (and `spawn`) has its own sink;
 * the scope does the bookkeeping every one of them shares.
 */
export interface Sink {
  /** Starts a task: returns its value or a thenable, or throws. */
  call(item: unknown, signal: AbortSignal, index: number): unknown;
  fulfilled(value: unknown, index: number): void;
  /** `cancelled`: the group had aborted and the rejection is a cancellation, not a failure. */
  rejected(error: unknown, index: number, cancelled: boolean): void;
  /** A task that never started because the group aborted first. */
  dropped(index: number): void;
}

function rethrow(error: unknown): never {
  throw error;
}

/** `onFinish` of `join()`: a function, not a closure per join (it runs as a method of the scope). */
function settleJoin(this: Scope): void {
  this.settleJoined();
}

/** The resolving functions of the promise `join()` is making: `joinExecutor` is no closure per join. */
let madeResolve: ((value: unknown) => void) | undefined;
let madeReject: ((error: unknown) => void) | undefined;

function joinExecutor(resolve: (value: unknown) => void, reject: (error: unknown) => void): void {
  madeResolve = resolve;
  madeReject = reject;
}

/** A rejected promise the group owns: nobody awaiting it is no `unhandledRejection`. */
function owned(promise: Promise<unknown>): Promise<unknown> {
  promise.then(undefined, noop);
  return promise;
}

interface Queued {
  sink: Sink;
  item: unknown;
  index: number;
}

function onDeadline(scope: Scope): void {
  scope.timer = undefined;
  scope.cancelledOutside(timeoutError(scope.name, scope.timeout));
}

/**
 * The core of a task group: runs tasks, counts them, aborts on failure, parent abort or deadline,
 * and tells its owner (`onFinish`) once it is closed and every task has settled.
 */
export class Scope implements Child, SlotOwner {
  // Fields are declared here and all set in the constructor, in one order: a scope is made per
  // call, and plain assignments build it faster than class field initializers.
  declare readonly signal: AbortSignal;
  declare readonly name: string | undefined;
  declare readonly timeout: number;
  declare readonly supervise: boolean;
  /** Called once (as a method of the scope), when the scope is closed and no task is left. */
  declare onFinish: ((this: Scope) => void) | undefined;
  /** Called whenever the last pending task settles (a persistent scope's `wait()`). */
  declare onIdle: (() => void) | undefined;
  /** The group will reject with `error` (first failure, parent reason, deadline or body error). */
  declare failed: boolean;
  declare error: unknown;
  /** `error` is the parent's reason or the deadline's: a cancellation from outside, not a failure. */
  declare outside: boolean;
  /** Failures that are not `error`: suppressed under it, or aggregated by a supervising group. */
  declare failures: unknown[] | undefined;
  declare closed: boolean;
  declare finished: boolean;
  declare timer: ReturnType<typeof setTimeout> | undefined;

  private declare readonly controller: AbortController;
  private declare readonly limit: number;
  private declare readonly onError: ((error: unknown) => void) | undefined;
  private declare readonly parent: AbortSignal | undefined;
  private declare readonly counted: boolean;
  /** Mirrors `signal.aborted` without the getter's cost on the hot path. */
  private declare aborted: boolean;
  private declare pending: number;
  private declare running: number;
  private declare queue: Queued[] | undefined;
  private declare head: number;
  private declare pumping: boolean;
  /** The two handlers of `spawnNow`'s tasks, made once per scope: no closure per task. */
  private declare spawnedOk: (() => void) | undefined;
  private declare spawnedFailed: ((error: unknown) => void) | undefined;
  /** `join()`'s promise and the value it resolves with. */
  private declare joinValue: unknown;
  private declare resolveJoin: ((value: unknown) => void) | undefined;
  private declare rejectJoin: ((error: unknown) => void) | undefined;
  /** The pooled handlers of a small `all`/`map` (`runEach`), released when the scope finishes. */
  private declare slots: Slots | undefined;

  constructor(options?: TaskGroupOptions, counted = true) {
    const { signal, timeout, limit, name, supervise, onError } = resolveOptions(options);
    const controller = new AbortController();
    this.controller = controller;
    this.signal = controller.signal;
    this.name = name;
    this.timeout = timeout;
    this.supervise = supervise;
    this.onFinish = undefined;
    this.onIdle = undefined;
    this.failed = false;
    this.error = undefined;
    this.outside = false;
    this.failures = undefined;
    this.closed = false;
    this.finished = false;
    this.timer = undefined;
    this.limit = limit;
    this.onError = onError;
    this.parent = undefined;
    this.counted = counted;
    this.aborted = false;
    this.pending = 0;
    this.running = 0;
    this.queue = undefined;
    this.head = 0;
    this.pumping = false;
    this.spawnedOk = undefined;
    this.spawnedFailed = undefined;
    this.joinValue = undefined;
    this.resolveJoin = undefined;
    this.rejectJoin = undefined;
    this.slots = undefined;
    allowManyListeners(this.signal);
    if (counted) groupOpened();
    if (signal?.aborted) {
      this.cancelledOutside(signal.reason);
      return;
    }
    this.parent = signal;
    if (signal !== undefined) linkParent(signal, this);
    if (timeout !== Infinity) this.timer = setTimeout(onDeadline, timeout, this);
  }

  parentAborted(reason: unknown): void {
    this.cancelledOutside(reason);
  }

  /**
   * The parent aborted or the deadline passed. This wins over an explicit `cancel()` whose tasks
   * are still cleaning up (the group rejects with `reason`), but it is not a failure: a body error
   * thrown after it replaces it (see `bodyFailed`).
   */
  cancelledOutside(reason: unknown): void {
    if (!this.failed) this.outside = true;
    this.abortWith(reason, true);
  }

  /**
   * Adds a task. `startable` items are called through the sink and take a `limit` slot; anything
   * else (a promise or value handed to a combinator) is already running: it is only joined.
   */
  add(sink: Sink, item: unknown, index: number, startable: boolean): void {
    taskCreated();
    if (tracing()) sink = traceTask(sink, this.name);
    if (startable && this.aborted) {
      taskCancelled();
      sink.dropped(index);
      return;
    }
    this.pending++;
    if (!startable) this.settleWith(sink, index, false, item);
    else if (this.running < this.limit) this.start(sink, item, index);
    else (this.queue ??= []).push({ sink, item, index });
  }

  /**
   * `spawn` in an unbounded, untraced group (the common case): starts `task` now and returns its
   * own promise, with one `then` of ours on it — no sink, no promise and no closure per task. Our
   * handlers are attached first, so the group has seen a failure before whoever awaits the promise.
   */
  spawnNow(task: (signal: AbortSignal) => unknown): Promise<unknown> {
    taskCreated();
    if (this.aborted) {
      taskCancelled();
      return owned(Promise.reject(this.signal.reason));
    }
    this.pending++;
    let promise: Promise<unknown>;
    try {
      const result = task(this.signal);
      if (result instanceof Promise) promise = result;
      else if (isThenable(result)) promise = Promise.resolve(result);
      else {
        this.spawnFulfilled();
        return Promise.resolve(result);
      }
    } catch (error) {
      this.spawnRejected(error);
      return owned(Promise.reject(error));
    }
    void promise.then(
      (this.spawnedOk ??= () => this.spawnFulfilled()),
      (this.spawnedFailed ??= (error: unknown) => this.spawnRejected(error)),
    );
    return promise;
  }

  /**
   * One task of a small `all` or `map` whose tasks all start at once (see `runEach`): started through `call` (or, with
   * no `call`, a promise or value that is only joined); its value lands in `slots.results[index]`. One
   * `then` per task, with the pooled handlers of `slots`: no closure per task.
   */
  addInto(slots: Slots, index: number, item: unknown, call: ((item: unknown, signal: AbortSignal, index: number) => unknown) | undefined): void {
    const results = slots.results!;
    taskCreated();
    if (call !== undefined && this.aborted) {
      results[index] = undefined;
      taskCancelled();
      return;
    }
    this.pending++;
    let promise: Promise<unknown>;
    try {
      const value = call === undefined ? item : call(item, this.signal, index);
      if (value instanceof Promise) promise = value;
      else if (isThenable(value)) promise = Promise.resolve(value);
      else {
        results[index] = value;
        this.spawnFulfilled();
        return;
      }
    } catch (error) {
      results[index] = undefined;
      this.spawnRejected(error);
      return;
    }
    void promise.then(slots.at(index), slots.rejected);
  }

  /** A task of `spawnNow` or `addInto` fulfilled. */
  spawnFulfilled(): void {
    this.pending--;
    taskFulfilled();
    this.next();
  }

  /** A task of `spawnNow` or `addInto` rejected. */
  spawnRejected(error: unknown): void {
    this.pending--;
    if (isCancellation(error, this.signal)) taskCancelled();
    else {
      taskFailed();
      this.fail(error);
    }
    this.next();
  }

  private start(sink: Sink, item: unknown, index: number): void {
    this.running++;
    let result: unknown;
    try {
      result = sink.call(item, this.signal, index);
    } catch (error) {
      this.rejected(sink, index, true, error);
      return;
    }
    this.settleWith(sink, index, true, result);
  }

  private settleWith(sink: Sink, index: number, slot: boolean, result: unknown): void {
    let promise: PromiseLike<unknown>;
    if (result instanceof Promise) promise = result;
    else {
      try {
        if (!isThenable(result)) {
          this.fulfilled(sink, index, slot, result);
          return;
        }
      } catch (error) {
        this.rejected(sink, index, slot, error);
        return;
      }
      // A foreign thenable may call back twice or throw: let a real promise adopt it.
      promise = Promise.resolve(result);
    }
    promise.then(
      (value) => this.fulfilled(sink, index, slot, value),
      (error: unknown) => this.rejected(sink, index, slot, error),
    );
  }

  private fulfilled(sink: Sink, index: number, slot: boolean, value: unknown): void {
    this.pending--;
    if (slot) this.running--;
    taskFulfilled();
    sink.fulfilled(value, index);
    this.next();
  }

  private rejected(sink: Sink, index: number, slot: boolean, error: unknown): void {
    this.pending--;
    if (slot) this.running--;
    const cancelled = isCancellation(error, this.signal);
    if (cancelled) taskCancelled();
    else taskFailed();
    sink.rejected(error, index, cancelled);
    this.next();
  }

  private next(): void {
    if (this.queue !== undefined && !this.pumping) this.pump();
    if (this.pending === 0) {
      if (!this.closed) this.onIdle?.();
      else if (!this.finished) this.finish();
    }
  }

  /** Starts queued tasks in FIFO order while slots are free (a loop: no recursion per task). */
  private pump(): void {
    const queue = this.queue;
    if (queue === undefined) return;
    this.pumping = true;
    while (this.head < queue.length && this.running < this.limit && !this.aborted) {
      const { sink, item, index } = queue[this.head]!;
      queue[this.head++] = undefined as unknown as Queued;
      this.start(sink, item, index);
    }
    if (this.head === queue.length) {
      this.queue = undefined;
      this.head = 0;
    }
    this.pumping = false;
  }

  /** A task failed (not a cancellation): fail fast, or report when supervising or already failed. */
  fail(error: unknown): void {
    if (this.supervise) this.report(error);
    else if (!this.failed) this.abortWith(error, true);
    else if (error !== this.error) this.suppress(error);
  }

  /** The `run` body threw: its error is what the group throws, earlier failures are suppressed. */
  bodyFailed(error: unknown): void {
    if (isCancellation(error, this.signal)) return;
    if (!this.failed) {
      this.failed = true;
      this.error = error;
      this.abortWith(error, false);
    } else if (this.outside) {
      // Cancellation is not failure: the parent's reason (or the deadline) is neither reported to
      // `onError` nor suppressed under the body's error, which replaces it.
      this.outside = false;
      this.error = error;
    } else if (error !== this.error) {
      const previous = this.error;
      this.error = error;
      this.failures = [previous, ...(this.failures ?? [])];
      this.callOnError(previous);
    }
  }

  private report(error: unknown): void {
    if (this.onError === undefined || !this.callOnError(error)) (this.failures ??= []).push(error);
  }

  private suppress(error: unknown): void {
    (this.failures ??= []).push(error);
    this.callOnError(error);
  }

  /** Calls `onError`; a handler that throws must not lose the failure nor break the group. */
  private callOnError(error: unknown): boolean {
    if (this.onError === undefined) return false;
    try {
      this.onError(error);
      return true;
    } catch (thrown) {
      (this.failures ??= []).push(thrown);
      return false;
    }
  }

  /**
   * Aborts the group's signal (once) and drops queued tasks. `rejects`: the group will reject with
   * `reason` (failure, parent, deadline); an explicit `cancel()` does not. The parent link and the
   * deadline stay until the group settles: after a `cancel()`, either can still make it reject.
   */
  abortWith(reason: unknown, rejects: boolean): void {
    if (rejects && !this.failed) {
      this.failed = true;
      this.error = reason;
    }
    if (this.aborted) return;
    this.aborted = true;
    this.controller.abort(reason);
    this.dropQueued();
    if (this.pending === 0 && this.closed && !this.finished) this.finish();
  }

  private dropQueued(): void {
    const queue = this.queue;
    if (queue === undefined) return;
    this.queue = undefined;
    for (let i = this.head; i < queue.length; i++) {
      const { sink, index } = queue[i]!;
      this.pending--;
      taskCancelled();
      sink.dropped(index);
    }
    this.head = 0;
  }

  private unlink(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.parent !== undefined) unlinkParent(this.parent, this);
  }

  /** No more tasks from outside: the scope finishes once every pending task settled. */
  close(): void {
    this.closed = true;
    if (this.pending === 0 && !this.finished) this.finish();
  }

  private finish(): void {
    this.finished = true;
    this.unlink();
    if (this.counted) groupJoined();
    this.onFinish?.();
  }

  get idle(): boolean {
    return this.pending === 0;
  }

  get isAborted(): boolean {
    return this.aborted;
  }

  /**
   * `count` tasks all start at once (within `limit`), untraced, and any rejection makes the group
   * reject (not supervising): `runEach` can run them, and never resolves with a failed task's slot.
   */
  startsAtOnce(count: number): boolean {
    return count <= this.limit && !this.supervise && !tracing();
  }

  /** Unbounded and untraced: the batch path (`batch.ts`) has no per-task sink to trace. */
  get unbounded(): boolean {
    return this.limit === Infinity && !tracing();
  }

  /** Counts `count` tasks that the caller joins itself (see `batch.ts`). */
  hold(count: number): void {
    this.pending += count;
  }

  /** The caller's `count` held tasks have settled (and were counted in the stats). */
  release(count: number): void {
    this.pending -= count;
    this.next();
  }

  /** Settles a finished group's promise: the error to throw (with suppressed failures), or `value`. */
  settle<T>(resolve: (value: T) => void, reject: (error: unknown) => void, value: T): void {
    if (this.failed) {
      if (this.failures !== undefined) attachSuppressed(this.error, this.failures);
      reject(this.error);
    } else if (this.failures !== undefined) {
      reject(supervisedFailures(this.name, this.failures));
    } else {
      resolve(value);
    }
  }

  /** Settles `join()`'s promise (after handing back the pooled handlers: no task can call them now). */
  settleJoined(): void {
    if (this.slots !== undefined) {
      releaseSlots(this.slots);
      this.slots = undefined;
    }
    this.settle(this.resolveJoin!, this.rejectJoin!, this.joinValue);
  }

  /** A finished group's outcome, synchronously: `value`, or throws what `settle` would reject with. */
  result<T>(value: T): T {
    this.settle(noop, rethrow, value);
    return value;
  }

  /** A finished group's outcome as a promise. */
  outcome<T>(value: T): Promise<T> {
    try {
      return Promise.resolve(this.result(value));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Closes the scope and resolves with `value` once every task settled (or rejects: `settle`).
   * `slots`: the pooled handlers its tasks were attached with, released when it finishes.
   */
  join<T>(value: T, slots?: Slots): Promise<T> {
    const promise = new Promise<unknown>(joinExecutor) as Promise<T>;
    this.resolveJoin = madeResolve;
    this.rejectJoin = madeReject;
    madeResolve = madeReject = undefined;
    this.slots = slots;
    this.joinValue = value;
    this.onFinish = settleJoin;
    this.close();
    return promise;
  }
}
