import { performance } from 'node:perf_hooks';
import type { TaskMessage } from '../runtime/diagnostics';
import { releaseAsyncHook, retainAsyncHook } from './async-hook';
import { runOutside } from './context';
import { captureStack, type Stack } from './frames';
import { Graph, type Item, rootOf, settle } from './graph';
import { internalError } from './internal-error';
import type { Op } from './operation';
import { findOperations, taskOperation } from './operations';

type Caller = (...args: never[]) => unknown;

/**
 * What the tracker keeps on a task's message (start and end share it, as Node's `TracingChannel`
 * context objects do, so a subscriber may keep its state there): no map entry per task.
 */
const OWNER = Symbol('taskgroup.tracker');
const STACK = Symbol('taskgroup.stack');
const ITEM = Symbol('taskgroup.item');
const OP = Symbol('taskgroup.op');

export interface TracedTask extends TaskMessage {
  [OWNER]?: Tracker;
  [STACK]?: Stack;
  [ITEM]?: Item;
  [OP]?: Op;
}

/** Who a tracker reports to: a request of `taskMonitor`, or one `zombies()` call. */
export interface TrackerOwner {
  /** How long to follow the work found after the response; 0: not at all. */
  readonly grace: number;
  /**
   * Someone awaits the follow-up (`zombies`): wait `grace` for work begun after the end even when
   * none was running at it, and keep the process alive meanwhile.
   */
  readonly awaited: boolean;
  /**
   * Work found running at the response, or begun after it; `first`: no follow-up is under way
   * (a new report), else it joins the one under way.
   */
  found(tracker: Tracker, ops: Op[], first: boolean): void;
  /** What became of the work found: all of it ended, or the grace period ran out. */
  followedUp(tracker: Tracker, ops: Op[]): void;
}

/**
 * How long cancelled work may take to unwind before it counts as running on (the grace period
 * when longer). An aborted `fetch` lets go of its internals only once its connection is handed
 * the request, which on a busy machine takes a second or more; the wait ends as soon as they settle.
 */
const UNWINDING_MS = 5000;

/** Past this many tasks kept for one request, the ended ones are dropped (a long request keeps no history). */
const COMPACT = 64;

/**
 * What one request (or one `zombies()` call) started. Counting mode keeps a pending count and the
 * messages of its tasks (no record, no map entry per task); promise mode keeps a `Graph`. When the
 * response finishes it is closed: what is pending becomes operations (`findOperations`), and what
 * starts later in its async context is work begun after the response, examined on the next turn.
 */
export class Tracker {
  closed = false;
  /** `performance.now()` when it closed. */
  closedAt = 0;
  private pending = 0;
  private tasks: TracedTask[] | undefined = undefined;
  private compactAt = COMPACT;
  private lateTasks: TracedTask[] | undefined = undefined;
  private examining = false;
  /** Promise mode, until `grace` after the response. */
  graph: Graph | undefined;
  private expiry: ReturnType<typeof setTimeout> | undefined = undefined;
  /** Reported operations followed until the window ends (`grace` > 0). */
  private followed: Op[] | undefined = undefined;
  /** Cancelled work still unwinding: not reported unless it runs past the window. */
  private unwinding: Op[] | undefined = undefined;
  /** Of both, those still running. */
  private running = 0;
  private window: ReturnType<typeof setTimeout> | undefined = undefined;
  private ending = false;
  private idle: (() => void)[] | undefined = undefined;

  constructor(
    readonly owner: TrackerOwner,
    readonly captureStacks: boolean,
    promises: boolean,
    /** What the owner reports on (a request). */
    readonly subject?: object,
  ) {
    if (promises) {
      retainAsyncHook();
      this.graph = new Graph(this);
    }
  }

  /** A task started in this tracker's context (from the `taskgroup:task:start` subscriber). */
  taskStarted(message: TracedTask, caller: Caller): void {
    message[OWNER] = this;
    const graph = this.graph;
    // A stack for what a report will name: always in promise mode and after the response (rare).
    const stack = this.captureStacks || this.closed || graph !== undefined ? captureStack(caller) : undefined;
    if (graph !== undefined) {
      message[ITEM] = graph.taskStarted(message, stack);
    } else if (this.closed) {
      message[STACK] = stack;
      (this.lateTasks ??= []).push(message);
      this.lateRoot();
    } else {
      if (stack !== undefined) message[STACK] = stack;
      this.pending++;
      const tasks = (this.tasks ??= []);
      tasks.push(message);
      if (tasks.length >= this.compactAt) this.compact(tasks);
    }
  }

  private compact(tasks: TracedTask[]): void {
    let kept = 0;
    for (const task of tasks) if (task.outcome === undefined) tasks[kept++] = task;
    tasks.length = kept;
    this.compactAt = Math.max(COMPACT, 4 * kept);
  }

  /** @internal a task of the counting path ended */
  taskEnded(): void {
    if (!this.closed && --this.pending === 0) this.tasks!.length = 0;
  }

  /** The response finished: reports what is still running, then watches for work begun after it. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.closedAt = performance.now();
    const graph = this.graph;
    let ops: Op[] | undefined;
    if (graph !== undefined) {
      ops = guarded(() => {
        const pending = graph.pending();
        return findOperations({ roots: new Set(pending.map(rootOf)), members: pending, cancelled: graph.cancelled, captureStacks: this.captureStacks });
      });
      if (this.owner.grace > 0) this.expiry = runOutside(() => setTimeout(expire, this.owner.grace, this).unref());
      else this.dispose();
    } else if (this.pending > 0) {
      ops = [];
      for (const task of this.tasks!) if (task.outcome === undefined) ops.push((task[OP] = taskOperation(task, task[STACK], false)));
    }
    this.tasks = undefined;
    if (ops !== undefined && ops.length > 0) this.found(ops);
    else if (this.owner.awaited && this.owner.grace > 0) this.openWindow(this.owner.grace);
  }

  /** Something began after the response: examined on the next turn, with what begins with it. */
  lateRoot(): void {
    if (this.examining) return;
    this.examining = true;
    runOutside(() => setImmediate(examineLate, this));
  }

  /** @internal from `examineLate` */
  examineLate(): void {
    this.examining = false;
    const ops: Op[] = [];
    const graph = this.graph;
    const roots = graph?.late;
    if (graph !== undefined && roots !== undefined) {
      graph.late = undefined;
      const set = new Set(roots);
      const members = graph.pending().filter((item) => set.has(rootOf(item)));
      ops.push(...guarded(() => findOperations({ roots, members, cancelled: graph.cancelled, captureStacks: this.captureStacks })));
    }
    const tasks = this.lateTasks;
    if (tasks !== undefined) {
      this.lateTasks = undefined;
      for (const task of tasks) {
        const op = taskOperation(task, task[STACK], true);
        if (task.outcome === undefined) task[OP] = op;
        else op.release();
        ops.push(op);
      }
    }
    if (ops.length > 0) this.found(ops);
    else this.maybeEndWindow();
  }

  /**
   * Operations found: zombies are reported (and followed for `grace`); cancelled work still
   * unwinding is only watched, and reported if it still runs when the window ends.
   */
  private found(ops: Op[]): void {
    const zombies: Op[] = [];
    for (const op of ops) {
      if (!op.fields.unwinding) zombies.push(op);
      else if (op.running) this.watch(op, (this.unwinding ??= []));
    }
    if (this.unwinding !== undefined) this.openWindow(Math.max(this.owner.grace, UNWINDING_MS));
    if (zombies.length > 0) this.report(zombies);
    this.maybeEndWindow();
  }

  private report(ops: Op[]): void {
    this.owner.found(this, ops, this.followed === undefined);
    if (this.owner.grace <= 0) return;
    const followed = (this.followed ??= []);
    for (const op of ops) if (op.running) this.watch(op, followed);
    followed.push(...ops.filter((op) => !op.running));
    this.openWindow(this.owner.grace);
  }

  private watch(op: Op, list: Op[]): void {
    list.push(op);
    this.running++;
    op.onEnd = () => {
      this.running--;
      this.maybeEndWindow();
    };
  }

  /**
   * The window after the response (opened once, `ms` long): `grace` to follow reported work, or
   * long enough for cancelled work to unwind. It ends early once everything watched has ended.
   */
  private openWindow(ms: number): void {
    if (this.window !== undefined) return;
    this.window = runOutside(() => setTimeout(endWindow, ms, this, true));
    if (!this.owner.awaited) this.window.unref();
  }

  /** Ends the window early once everything watched has ended (and nothing awaits examination). */
  private maybeEndWindow(): void {
    if (this.window === undefined || this.running > 0 || this.examining || this.ending) return;
    if (this.followed === undefined && this.unwinding === undefined) return; // only waiting for late work
    // Not from within a hook: the owner runs user code.
    this.ending = true;
    runOutside(() => setImmediate(endWindow, this, false));
  }

  /** @internal from `endWindow` */
  endWindow(timeUp: boolean): void {
    this.ending = false;
    if (this.window === undefined || (!timeUp && (this.running > 0 || this.examining))) return;
    clearTimeout(this.window);
    this.window = undefined;
    this.running = 0;
    const followed = this.followed ?? [];
    const unwinding = this.unwinding ?? [];
    this.followed = undefined;
    this.unwinding = undefined;
    for (const op of [...followed, ...unwinding]) op.onEnd = undefined;
    // Cancelled work still running now does not honour its signal: a zombie after all.
    const stillRunning = unwinding.filter((op) => op.running);
    if (stillRunning.length > 0) this.owner.found(this, stillRunning, followed.length === 0);
    if (followed.length > 0) this.owner.followedUp(this, stillRunning.length > 0 ? [...followed, ...stillRunning] : followed);
    const idle = this.idle;
    this.idle = undefined;
    if (idle !== undefined) for (const resolve of idle) resolve();
  }

  /** Resolves once the window after the response (if one opened) has ended. */
  whenIdle(): Promise<void> {
    if (this.window === undefined) return Promise.resolve();
    return new Promise((resolve) => (this.idle ??= []).push(resolve));
  }

  /** @internal promise mode: `grace` after the response, stop following promises and timers. */
  dispose(): void {
    const graph = this.graph;
    if (graph === undefined) return;
    this.graph = undefined;
    if (this.expiry !== undefined) clearTimeout(this.expiry);
    releaseAsyncHook(graph);
  }
}

/** Promise-mode analysis, guarded: a bug of the detector reports nothing rather than break the app. */
function guarded(find: () => Op[]): Op[] {
  try {
    return find();
  } catch (error) {
    internalError(error);
    return [];
  }
}

function expire(tracker: Tracker): void {
  tracker.dispose();
}

function examineLate(tracker: Tracker): void {
  tracker.examineLate();
}

function endWindow(tracker: Tracker, timeUp: boolean): void {
  tracker.endWindow(timeUp);
}

/** A task settled (from the `taskgroup:task:end` subscriber). */
export function taskEnded(message: TracedTask): void {
  const tracker = message[OWNER];
  if (tracker === undefined) return;
  const item = message[ITEM];
  if (item !== undefined) {
    if (tracker.graph !== undefined) tracker.graph.taskEnded(item);
    else settle(item);
    return;
  }
  message[OP]?.release();
  tracker.taskEnded();
}
