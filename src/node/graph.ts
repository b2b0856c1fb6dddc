import { executionAsyncId, executionAsyncResource } from 'node:async_hooks';
import type { TaskMessage } from '../runtime/diagnostics';
import { captureStack, type Stack } from './frames';
import type { Op } from './operation';

type Caller = (...args: never[]) => unknown;

/** A Node `Timeout` or `Immediate`, as far as the detector reads it. */
export interface TimerResource {
  hasRef?(): boolean;
  /** Set by Node once the timer fired for good or was cleared. */
  _destroyed?: boolean;
  /** An interval's period (null for a one-shot timer). */
  _repeat?: unknown;
}

/**
 * Something pending that one tracker saw start: a promise, a timer, an immediate or (in promise
 * mode) a TaskGroup task. `parent` is the pending item it belongs to: the promise it is chained on
 * (`then`, `await`), or the item whose callback was running when it was created (a promise made
 * in a timer's callback, in a continuation). It holds ids, stacks and timers, never a promise.
 */
export interface Item {
  readonly kind: 'promise' | 'timer' | 'immediate' | 'task';
  /** Re-pointed past settled ancestors (see `pendingParent`): no history is kept. */
  parent: Item | undefined;
  /**
   * A chained promise's reaction (a `then` callback, the code after an `await`) belongs to what
   * was running where `then` or `await` was called, not to the promise it waited for.
   */
  continuation: Item | undefined;
  /** Its creation stack, unformatted; none for a promise chained on another (it is part of that one). */
  readonly stack: Stack | undefined;
  /** The execution context it was created in: only items of the same synchronous run can nest. */
  readonly context: number;
  /** Creation order within the tracker. */
  readonly order: number;
  /** A promise chained (`then`, `await`) on another: part of it, or, when that one is not followed, only waiting. */
  readonly chained: boolean;
  /** It began after the response finished. */
  readonly late: boolean;
  settled: boolean;
  /** The operation it is part of, once a report named it (inherited by what it creates). */
  op: Op | undefined;
  /** It keeps `op` running: the operation's head, or created in the head's chain or callbacks. */
  counted: boolean;
  /** A timer or an immediate, until it settles. */
  timer: TimerResource | undefined;
  readonly message: TaskMessage | undefined;
}

/** Cancelled tasks remembered per tracker (a bound: a long request keeps no history). */
const CANCELLED_KEPT = 64;

export interface GraphOwner {
  /** The response finished: what starts now began after it. */
  readonly closed: boolean;
  /** A root began after the response: examine it soon. */
  lateRoot(): void;
}

/**
 * The promise-mode state of one tracker: its pending items by async id (a settled one is
 * forgotten at once), the item each resource stands for (to find the parent of what its
 * callbacks create), and the roots that began after the response, until they are examined.
 */
export class Graph {
  private readonly items = new Map<number, Item>();
  private readonly contexts = new WeakMap<object, Item>();
  private readonly tasks = new Set<Item>();
  private created = 0;
  /** Roots created after the response, waiting to be examined (see `Tracker.examineLate`). */
  late: Item[] | undefined = undefined;
  /** The last tasks that ended cancelled: what their bodies started may still be unwinding. */
  readonly cancelled: Item[] = [];

  constructor(private readonly owner: GraphOwner) {}

  /** From the `init` hook of a `PROMISE` resource created in this tracker's context. */
  promiseCreated(id: number, trigger: number, promise: object, caller: Caller): void {
    const context = executionAsyncId();
    const running = this.contextItem();
    let item: Item;
    if (trigger !== context) {
      // Chained (`then`, `await`) on another promise: part of it, or only waiting when it is not ours.
      const chainedOn = this.items.get(trigger);
      item = this.add('promise', chainedOn, undefined, context, true, undefined, undefined);
      item.continuation = running;
    } else {
      item = this.add('promise', running, captureStack(caller), context, false, undefined, undefined);
    }
    this.items.set(id, item);
    this.contexts.set(promise, item);
  }

  /** From the `init` hook of a `Timeout` or an `Immediate`. */
  timerCreated(kind: 'timer' | 'immediate', id: number, timer: TimerResource, caller: Caller): void {
    const parent = this.contextItem();
    const item = this.add(kind, parent, captureStack(caller), executionAsyncId(), false, timer, undefined);
    this.items.set(id, item);
    this.contexts.set(timer, item);
  }

  taskStarted(message: TaskMessage, stack: Stack | undefined): Item {
    const item = this.add('task', this.contextItem(), stack, executionAsyncId(), false, undefined, message);
    this.tasks.add(item);
    return item;
  }

  private add(
    kind: Item['kind'],
    parent: Item | undefined,
    stack: Stack | undefined,
    context: number,
    chained: boolean,
    timer: TimerResource | undefined,
    message: TaskMessage | undefined,
  ): Item {
    const late = this.owner.closed;
    const item: Item = {
      kind,
      parent,
      continuation: undefined,
      stack,
      context,
      order: this.created++,
      chained,
      late,
      settled: false,
      op: undefined,
      counted: false,
      timer,
      message,
    };
    pendingParent(item);
    const op = item.parent?.op;
    if (op !== undefined) {
      item.op = op;
      item.counted = item.parent!.counted;
      if (item.counted) op.hold();
    } else if (late && item.parent === undefined) {
      (this.late ??= []).push(item);
      this.owner.lateRoot();
    }
    return item;
  }

  /** A promise resolved, or a timer or an immediate ran for the last time (or was cleared). */
  settled(id: number): void {
    const item = this.items.get(id);
    if (item === undefined) return;
    this.items.delete(id);
    settle(item);
  }

  taskEnded(item: Item): void {
    this.tasks.delete(item);
    settle(item);
    if (item.message?.outcome !== 'cancelled') return;
    this.cancelled.push(item);
    if (this.cancelled.length > CANCELLED_KEPT) this.cancelled.shift();
  }

  /** Whether `id` is an interval (its callback runs again). */
  repeats(id: number): boolean {
    const timer = this.items.get(id)?.timer;
    return timer !== undefined && timer._repeat !== null && timer._repeat !== undefined && timer._destroyed !== true;
  }

  /** Every pending item; timers cleared since are settled on the way. */
  pending(): Item[] {
    const pending: Item[] = [];
    for (const [id, item] of this.items) {
      if (item.timer?._destroyed === true) {
        this.items.delete(id);
        settle(item);
      } else {
        pending.push(item);
      }
    }
    for (const item of this.tasks) pending.push(item);
    return pending;
  }

  ids(): IterableIterator<number> {
    return this.items.keys();
  }

  /** The pending item whose callback or continuation is running now, if any. */
  private contextItem(): Item | undefined {
    const item = this.contexts.get(executionAsyncResource());
    if (item === undefined) return undefined;
    if (!item.chained) return item.settled ? pendingParent(item) : item;
    // In a reaction: what called `then` / `await` (re-pointed past settled ancestors as well).
    const continuation = item.continuation;
    if (continuation === undefined || !continuation.settled) return continuation;
    return (item.continuation = pendingParent(continuation));
  }
}

/** Marks `item` settled; its operation ends with the last item that keeps it running. */
export function settle(item: Item): void {
  item.settled = true;
  item.timer = undefined;
  if (item.op !== undefined && item.counted) item.op.release();
}

/**
 * The nearest pending ancestor of `item`, which becomes its parent; every pending ancestor above
 * is re-pointed the same way, past settled ones. So a loop of `await`s builds no chain, and
 * settled items are collected.
 */
export function pendingParent(item: Item): Item | undefined {
  let node: Item | undefined = item;
  while (node !== undefined) {
    let ancestor: Item | undefined = node.parent;
    while (ancestor !== undefined && ancestor.settled) ancestor = ancestor.parent;
    node.parent = ancestor;
    node = ancestor;
  }
  return item.parent;
}

/** The outermost pending item `item` belongs to (itself when it has no pending parent). */
export function rootOf(item: Item): Item {
  let root = item;
  for (let parent = pendingParent(item); parent !== undefined; parent = parent.parent) root = parent;
  return root;
}
