import type { TaskMessage } from '../runtime/diagnostics';
import {
  calleeName,
  createdInside,
  type Frame,
  formatStack,
  framesOf,
  isBuiltin,
  isRuntime,
  keyOf,
  siteOf,
  type Stack,
  taskFrames,
  userIndex,
} from './frames';
import { type Item, rootOf } from './graph';
import { Op, type OpFields } from './operation';

/**
 * From pending items to the operations the user's code started (promise mode). A report counts
 * what the user's code started, not the promises a library made for it:
 *
 * 1. **Only work, not waiting.** An `async` function's own promise, a `then` / `await` on
 *    something, `Promise.all` and its kin only wait for other work: they are not reported. Work is
 *    what something else settles: a `new Promise` (its executor hands `resolve` on), a timer, an
 *    immediate, a TaskGroup task.
 * 2. **Only the user's.** Work whose stack has no frame of the user's code (made by a library in
 *    its own callbacks: a socket's data, a connection pool) is never reported on its own; the
 *    runtime's own promises and timers are reported as its tasks.
 * 3. **Folded into what contains it.** Work made while the call that made other work was running
 *    (a timer in a promise's executor, the promises of a task's body) is part of that work.
 * 4. **One per call.** Work made in one synchronous run under the same frames of the user's code
 *    came from one call into a library (`fetch` makes several promises) or from several
 *    calls on the same line (a loop, a `map`): the n-th promise made at each place inside the
 *    library belongs to the n-th call.
 *
 * Every pending item then joins the operation of its root (the item its chain or callbacks
 * started from); the head of each operation, and what its chain and callbacks make, keep it running.
 */
interface Candidate {
  readonly item: Item;
  /** Made in the body of a task cancelled since (see `Graph.cancelled`). */
  unwinding: boolean;
  readonly frames: Frame[];
  /** The innermost frame of the user's code (-1: none; only a task may lack one). */
  readonly user: number;
  /** The earlier candidate it was made inside, if any. */
  into: Candidate | undefined;
  op: Op | undefined;
  head: boolean;
}

/** Frames from the user's innermost one that say where a call was made (its callers included). */
const SITE_FRAMES = 4;

const COMBINATOR = /^(?:Promise|Function)\.(?:all|allSettled|race|any)$/;

export interface Examined {
  /** The items to judge. */
  readonly roots: Iterable<Item>;
  /** The pending items that may belong to them. */
  readonly members: Iterable<Item>;
  /** Tasks that ended cancelled: work made in their bodies is unwinding. */
  readonly cancelled: readonly Item[];
  readonly captureStacks: boolean;
}

export function findOperations({ roots, members, cancelled, captureStacks }: Examined): Op[] {
  const candidates: Candidate[] = [];
  const byItem = new Map<Item, Candidate>();
  // Tasks first: reading a task's stack teaches which folder is the runtime's (its own promises are not the user's).
  for (const item of [...roots].sort((a, b) => Number(b.kind === 'task') - Number(a.kind === 'task'))) {
    const candidate = judge(item);
    if (candidate === undefined) continue;
    candidate.unwinding = candidate.item.kind !== 'task' && cancelled.some((task) => madeIn(candidate, task));
    candidates.push(candidate);
    byItem.set(item, candidate);
  }
  candidates.sort((a, b) => a.item.order - b.item.order);
  const ops = group(fold(candidates), captureStacks);
  for (const item of members) {
    const root = byItem.get(rootOf(item));
    let owner = root;
    while (owner?.into !== undefined) owner = owner.into;
    const op = owner?.op;
    if (op === undefined || item.op !== undefined) continue;
    item.op = op;
    // The head and what its chain and callbacks made keep the operation running; the rest of
    // the call (a library's other promises) and what was folded into it do not.
    item.counted = owner !== undefined && root === owner && owner.head;
    if (item.counted) op.hold();
  }
  for (const op of ops) op.endIfIdle();
  return ops;
}

/** The candidate an item is, or undefined when it only waits, is a library's own, or is no work. */
function judge(item: Item): Candidate | undefined {
  if (item.kind === 'task') {
    const frames = item.stack === undefined ? [] : taskFrames(item.stack);
    return candidate(item, frames, userIndex(frames));
  }
  if (item.chained || item.stack === undefined) return undefined;
  // A promise that settled before anyone looked (`Promise.resolve()` after the response) was no work.
  if (item.kind === 'promise' && item.settled) return undefined;
  // A timer that does not keep the process alive is housekeeping (a socket's idle timeout).
  if (item.timer?.hasRef?.() === false) return undefined;
  const frames = framesOf(item.stack);
  const top = frames[0];
  if (top === undefined) return undefined;
  if (item.kind === 'promise' && (!isBuiltin(top) || COMBINATOR.test(top.name ?? ''))) return undefined;
  const firstFile = frames.find((frame) => !isBuiltin(frame));
  if (firstFile !== undefined && isRuntime(firstFile)) return undefined;
  const user = userIndex(frames);
  return user < 0 ? undefined : candidate(item, frames, user);
}

function candidate(item: Item, frames: Frame[], user: number): Candidate {
  return { item, frames, user, unwinding: false, into: undefined, op: undefined, head: false };
}

/** `candidate` was made while the body of `task` ran (synchronously, in the same run). */
function madeIn(candidate: Candidate, task: Item): boolean {
  if (task.context !== candidate.item.context || task.order > candidate.item.order || task.stack === undefined) return false;
  return createdInside(candidate.frames, taskFrames(task.stack));
}

/** Folds each candidate made inside an earlier one of the same synchronous run (rule 3). */
function fold(candidates: Candidate[]): Candidate[] {
  const accepted: Candidate[] = [];
  const byContext = new Map<number, Candidate[]>();
  for (const candidate of candidates) {
    const earlier = byContext.get(candidate.item.context);
    const outer = earlier?.findLast((other) => createdInside(candidate.frames, other.frames));
    if (outer !== undefined) {
      candidate.into = outer;
      continue;
    }
    accepted.push(candidate);
    if (earlier === undefined) byContext.set(candidate.item.context, [candidate]);
    else earlier.push(candidate);
  }
  return accepted;
}

/** Splits candidates (in creation order) into calls (rule 4): one operation per call, headed by its first. */
function group(candidates: Candidate[], captureStacks: boolean): Op[] {
  const clusters = new Map<string, Map<string, number>>();
  const callOf = new Map<Candidate, string>();
  for (const candidate of candidates) {
    const from = Math.max(candidate.user, 0);
    const key = `${candidate.item.context}\n${keyOf(candidate.frames, from, from + SITE_FRAMES)}`;
    let seen = clusters.get(key);
    if (seen === undefined) clusters.set(key, (seen = new Map()));
    const above = keyOf(candidate.frames, 0, from);
    const index = seen.get(above) ?? 0;
    seen.set(above, index + 1);
    callOf.set(candidate, `${index}\n${key}`);
  }
  const ops: Op[] = [];
  const byCall = new Map<string, Op>();
  for (const candidate of candidates) {
    const call = callOf.get(candidate)!;
    let op = byCall.get(call);
    if (op === undefined) {
      candidate.head = true;
      const { item, frames, user } = candidate;
      op = new Op({ ...fieldsOf(item.kind, frames, user, item.message?.group, item.late, captureStacks), unwinding: candidate.unwinding }, item.message);
      byCall.set(call, op);
      ops.push(op);
    }
    candidate.op = op;
  }
  return ops;
}

function fieldsOf(kind: Item['kind'], frames: Frame[], user: number, group: string | undefined, late: boolean, withStack: boolean): OpFields {
  const userFrame = frames[user];
  const name = userFrame === undefined ? undefined : calleeName(frames, user);
  return {
    kind,
    // A task is started by a TaskGroup method: `TaskGroup.all`, `TaskGroup.spawn`.
    name: kind === 'task' && name !== undefined ? `TaskGroup.${name.slice(name.lastIndexOf('.') + 1)}` : name,
    site: userFrame === undefined ? undefined : siteOf(userFrame),
    group,
    stack: withStack && frames.length > 0 ? formatStack(frames, Math.max(user, 0)) : undefined,
    late,
  };
}

/** Counting mode: a pending task is one operation, its stack when one was taken. */
export function taskOperation(message: TaskMessage, stack: Stack | undefined, late: boolean): Op {
  const frames = stack === undefined ? [] : taskFrames(stack);
  const op = new Op(fieldsOf('task', frames, userIndex(frames), message.group, late, true), message);
  op.hold();
  return op;
}
