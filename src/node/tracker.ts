import { executionAsyncId, executionAsyncResource } from 'node:async_hooks';
import type { TaskMessage } from '../runtime/diagnostics';
import { createdByRuntime, createdInside, formatStack, promiseFrames, taskFrames } from './frames';
import type { Zombie } from './report';

type Caller = (...args: never[]) => unknown;

/**
 * A pending promise or task seen by a tracker. `parent` is the pending work it was created in
 * (a promise chained on, the async function or executor running when it was created, the task
 * whose body made it): a node with a pending ancestor is part of that ancestor's work, so only the
 * outermost pending nodes are reported.
 */
interface Work {
  readonly kind: 'task' | 'promise';
  /** Re-pointed past settled ancestors as they settle (see `pendingParent`): no history is kept. */
  parent: Work | undefined;
  /** Its creation stack; a promise chained on another shares that one's. */
  readonly frames: readonly string[] | undefined;
  /** The execution context it was created in: only work of the same synchronous run can nest. */
  readonly context: number;
  readonly group?: string;
  /** Leading frames that are the runtime's (a task's stack starts in `Scope.add`). */
  readonly user?: number;
  settled: boolean;
}

/** How many recent nodes a new one is compared with when looking for the call it was made in. */
const RECENT = 64;

/**
 * What one `zombies()` call or one request started: TaskGroup tasks (from the runtime's
 * `diagnostics_channel` events) and, with `promises`, the promises created in its async context.
 * It holds ids and stacks, never a promise: a settled one is forgotten (`promiseSettled`), and the
 * whole tracker goes with its request.
 */
export class Tracker {
  closed = false;
  private readonly tasks = new Map<TaskMessage, Work>();
  private readonly pending = new Map<number, Work>();
  /** The work each promise belongs to, so promises created in its continuations find it. */
  private readonly contexts = new WeakMap<object, Work>();
  private readonly recent: Work[] = [];
  private next = 0;

  constructor(
    readonly promises: boolean,
    readonly captureStacks: boolean,
  ) {}

  taskStarted(message: TaskMessage, caller: Caller): void {
    let frames: string[] | undefined;
    let user = 0;
    let parent: Work | undefined;
    if (this.captureStacks || this.promises) {
      ({ frames, user } = taskFrames(caller));
      parent = this.enclosing(frames, this.promises ? this.contextWork() : undefined);
    }
    const work: Work = { kind: 'task', parent, frames, user, context: executionAsyncId(), group: message.group, settled: false };
    pendingParent(work);
    this.tasks.set(message, work);
    // Its frames start in the runtime (`Scope.add`), where the task body is called: what the body
    // creates is found inside it.
    if (frames !== undefined && user > 0) this.remember(work);
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
    // Chained on a pending promise (`then`, `await`): part of that promise's work.
    const chained = trigger === context ? undefined : this.pending.get(trigger);
    let work: Work;
    if (chained !== undefined) {
      work = { kind: 'promise', parent: chained, frames: chained.frames, context, settled: false };
    } else {
      const frames = promiseFrames(caller);
      work = { kind: 'promise', parent: this.enclosing(frames, this.contextWork()), frames, context, settled: false };
      this.remember(work);
    }
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
    const zombies: Zombie[] = [];
    for (const work of this.tasks.values()) if (!insidePending(work)) zombies.push(this.describe(work));
    for (const work of this.pending.values()) {
      if (insidePending(work)) continue;
      const frames = framesOf(work);
      // The runtime's own promises (a spawn's result, a combinator's) are reported as tasks.
      if (frames !== undefined && createdByRuntime(frames)) continue;
      zombies.push(this.describe(work));
    }
    return zombies;
  }

  close(): void {
    this.closed = true;
    this.tasks.clear();
    this.pending.clear();
    this.recent.length = 0;
  }

  private describe(work: Work): Zombie {
    const frames = this.captureStacks ? framesOf(work) : undefined;
    return {
      kind: work.kind,
      ...(work.group === undefined ? {} : { group: work.group }),
      ...(frames === undefined ? {} : { stack: formatStack(frames) }),
    };
  }

  /** The work whose promise is running now (we are in one of its continuations), if pending. */
  private contextWork(): Work | undefined {
    return pendingOrAncestor(this.contexts.get(executionAsyncResource()));
  }

  /** The newest pending work of this synchronous run whose call `frames` was created in. */
  private enclosing(frames: readonly string[], fallback: Work | undefined): Work | undefined {
    const context = executionAsyncId();
    const recent = this.recent;
    for (let i = 1; i <= recent.length; i++) {
      const candidate = recent[(this.next - i + RECENT) % RECENT];
      if (candidate === undefined || candidate.settled || candidate.context !== context) continue;
      if (createdInside(frames, candidate.frames!)) return candidate;
    }
    return fallback;
  }

  private remember(work: Work): void {
    this.recent[this.next] = work;
    this.next = (this.next + 1) % RECENT;
  }
}

function pendingOrAncestor(work: Work | undefined): Work | undefined {
  if (work === undefined || !work.settled) return work;
  return pendingParent(work);
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

/** Its creation stack, or that of the nearest work it was created in. */
function framesOf(work: Work | undefined): readonly string[] | undefined {
  while (work !== undefined && work.frames === undefined) work = work.parent;
  return work?.user ? work.frames!.slice(work.user) : work?.frames;
}
