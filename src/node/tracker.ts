import { executionAsyncId, executionAsyncResource } from 'node:async_hooks';
import type { TaskMessage } from '../runtime/diagnostics';
import { captureStack, createdByRuntime, createdInside, formatStack, promiseFrames, runtimeKnown, type Stack, taskFrames } from './frames';
import type { Zombie } from './report';

type Caller = (...args: never[]) => unknown;

/**
 * A pending promise or task seen by a tracker. `parent` is the pending work it was created in:
 * the promise it is chained on (`then`, `await`), or the work whose continuation was running. At
 * report time, work whose creation stack shows it was made inside the call of other pending work
 * of the same synchronous run (an async function's promise, an executor, a task body) joins it
 * too. Only the outermost pending work is reported.
 */
interface Work {
  readonly kind: 'task' | 'promise';
  /** Re-pointed past settled ancestors (see `pendingParent`): no history is kept. */
  parent: Work | undefined;
  /** Its creation stack, unformatted; a promise chained on another shares that one's. */
  readonly stack: Stack | undefined;
  /** The execution context it was created in: only work of the same synchronous run can nest. */
  readonly context: number;
  /** Creation order within the tracker. */
  readonly order: number;
  readonly group?: string;
  settled: boolean;
}

/** Shared by the trackers that do not follow promises: never written to. */
const NO_PROMISES: ReadonlyMap<number, Work> = new Map();
const NO_CONTEXTS: WeakMap<object, Work> = new WeakMap();

/**
 * What one `zombies()` call or one request started: TaskGroup tasks (from the runtime's
 * `diagnostics_channel` events) and, with `promises`, the promises created in its async context.
 * It holds ids and stacks, never a promise: a settled one is forgotten (`promiseSettled`), and the
 * whole tracker goes with its request.
 */
export class Tracker {
  closed = false;
  private readonly tasks = new Map<TaskMessage, Work>();
  private readonly pending: Map<number, Work>;
  /** The work each promise belongs to, so promises created in its continuations find it. */
  private readonly contexts: WeakMap<object, Work>;
  private created = 0;

  constructor(
    readonly promises: boolean,
    readonly captureStacks: boolean,
  ) {
    // One tracker per request: counting mode allocates only what it uses.
    this.pending = promises ? new Map() : (NO_PROMISES as Map<number, Work>);
    this.contexts = promises ? new WeakMap() : NO_CONTEXTS;
  }

  taskStarted(message: TaskMessage, caller: Caller): void {
    const stack = this.captureStacks || this.promises ? captureStack(caller) : undefined;
    // The runtime's folder tells its own promises apart: learn it from the first task.
    if (stack !== undefined && !runtimeKnown()) taskFrames(stack);
    const parent = this.promises ? this.contextWork() : undefined;
    const work: Work = { kind: 'task', parent, stack, context: executionAsyncId(), order: this.created++, group: message.group, settled: false };
    pendingParent(work);
    this.tasks.set(message, work);
  }

  taskEnded(message: TaskMessage): void {
    const work = this.tasks.get(message);
    if (work === undefined) return;
    work.settled = true;
    this.tasks.delete(message);
  }

  /** From the `init` hook of a `PROMISE` resource created in this tracker's context. */
  promiseCreated(id: number, trigger: number, promise: object, caller: Caller): void {
    const context = executionAsyncId();
    const chained = trigger === context ? undefined : this.pending.get(trigger);
    const work: Work =
      chained === undefined
        ? { kind: 'promise', parent: this.contextWork(), stack: captureStack(caller), context, order: this.created++, settled: false }
        : { kind: 'promise', parent: chained, stack: chained.stack, context, order: this.created++, settled: false };
    pendingParent(work);
    this.pending.set(id, work);
    this.contexts.set(promise, work);
  }

  /** From the `promiseResolve` hook. */
  promiseSettled(id: number): void {
    const work = this.pending.get(id);
    if (work === undefined) return;
    work.settled = true;
    this.pending.delete(id);
  }

  /** The ids of the promises still pending (the hook module forgets them when the tracker closes). */
  pendingIds(): IterableIterator<number> {
    return this.pending.keys();
  }

  /** The outermost pending work: what outlived the function or the request. */
  zombies(): Zombie[] {
    if (this.tasks.size === 0 && this.pending.size === 0) return [];
    const all = [...this.tasks.values(), ...this.pending.values()];
    const outermost = all.filter((work) => !insidePending(work));
    const zombies: Zombie[] = [];
    for (const work of outermost) {
      if (work.kind === 'promise' && work.stack !== undefined) {
        // The runtime's own promises (a spawn's result, a combinator's) are reported as tasks.
        if (createdByRuntime(promiseFrames(work.stack))) continue;
        if (all.some((other) => madeInside(work, other))) continue;
      } else if (work.stack !== undefined && all.some((other) => madeInside(work, other))) continue;
      zombies.push(this.describe(work));
    }
    return zombies;
  }

  close(): void {
    this.closed = true;
    this.tasks.clear();
    this.pending.clear();
  }

  private describe(work: Work): Zombie {
    const frames = this.captureStacks ? userFrames(work) : undefined;
    return {
      kind: work.kind,
      ...(work.group === undefined ? {} : { group: work.group }),
      ...(frames === undefined ? {} : { stack: formatStack(frames) }),
    };
  }

  /** The work whose promise is running now (we are in one of its continuations), if pending. */
  private contextWork(): Work | undefined {
    const work = this.contexts.get(executionAsyncResource());
    return work === undefined || !work.settled ? work : pendingParent(work);
  }
}

/** Frames for comparing: a task's start in the runtime (`Scope.add`, where its body is called). */
function framesOf(work: Work): readonly string[] | undefined {
  if (work.stack === undefined) return undefined;
  return work.kind === 'task' ? taskFrames(work.stack).frames : promiseFrames(work.stack);
}

/** Frames for reading: a task's from the code that spawned it. */
function userFrames(work: Work): readonly string[] | undefined {
  if (work.stack === undefined) return undefined;
  if (work.kind === 'promise') return promiseFrames(work.stack);
  const { frames, user } = taskFrames(work.stack);
  return frames.slice(user);
}

/** `work` was created, in the same synchronous run, inside the call that created pending `other`. */
function madeInside(work: Work, other: Work): boolean {
  if (other === work || other.settled || other.context !== work.context || other.order > work.order) return false;
  const inner = framesOf(work);
  const outer = framesOf(other);
  return inner !== undefined && outer !== undefined && createdInside(inner, outer);
}

/**
 * The nearest pending ancestor of `work`, which becomes its parent; every pending ancestor above
 * is re-pointed the same way, past settled ones. So a loop of `await`s builds no chain, and
 * settled work is collected.
 */
function pendingParent(work: Work): Work | undefined {
  let node: Work | undefined = work;
  while (node !== undefined) {
    let ancestor: Work | undefined = node.parent;
    while (ancestor !== undefined && ancestor.settled) ancestor = ancestor.parent;
    node.parent = ancestor;
    node = ancestor;
  }
  return work.parent;
}

function insidePending(work: Work): boolean {
  return pendingParent(work) !== undefined;
}
