import fc from 'fast-check';

/**
 * Random task sets for the property tests. Delays are microtask hops or 0–2 ms timers, so a
 * thousand runs take seconds. Every task records what it does in a `Trace`.
 */
/**
 * `stubborn` ignores its signal; `slowCleanup` stops on abort but takes 1–3 ms to clean up before it
 * rethrows the reason: either keeps a cancelled group waiting, so an outer abort can land then.
 */
export type Kind = 'ok' | 'fail' | 'syncThrow' | 'stubborn' | 'slowCleanup' | 'failOnCancel' | 'abortError';

export interface TaskSpec {
  kind: Kind;
  ticks: number;
  timer: boolean;
}

export interface GroupSpec {
  tasks: TaskSpec[];
  limit: number | undefined;
  timeout: number | undefined;
  /** undefined: never; -1: already aborted; otherwise ms (timer) before the parent aborts. */
  parentAt: number | undefined;
  onError: boolean;
}

export const taskSpec: fc.Arbitrary<TaskSpec> = fc.record({
  kind: fc.constantFrom<Kind>('ok', 'ok', 'fail', 'syncThrow', 'stubborn', 'failOnCancel', 'abortError'),
  ticks: fc.integer({ min: 0, max: 6 }),
  timer: fc.boolean(),
});

export const groupSpec: fc.Arbitrary<GroupSpec> = fc.record({
  tasks: fc.array(taskSpec, { maxLength: 8 }),
  limit: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  timeout: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
  parentAt: fc.option(fc.integer({ min: -1, max: 3 }), { nil: undefined }),
  onError: fc.boolean(),
});

/** A group that `cancel()` stops at `cancelAt` ms, and an outer cancellation `outerAfter` ms later. */
export interface CancelSpec {
  tasks: TaskSpec[];
  limit: number | undefined;
  cancelAt: number;
  /** What lands after `cancel()`: the parent's abort, the deadline, or nothing. */
  outer: 'parent' | 'deadline' | 'none';
  outerAfter: number;
}

export const cancelSpec: fc.Arbitrary<CancelSpec> = fc.record({
  tasks: fc.array(
    fc.record({
      kind: fc.constantFrom<Kind>('ok', 'stubborn', 'slowCleanup', 'slowCleanup', 'failOnCancel', 'abortError', 'fail'),
      ticks: fc.integer({ min: 0, max: 6 }),
      timer: fc.boolean(),
    }),
    { maxLength: 6 },
  ),
  limit: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  cancelAt: fc.integer({ min: 0, max: 2 }),
  outer: fc.constantFrom<CancelSpec['outer']>('parent', 'parent', 'deadline', 'deadline', 'none'),
  outerAfter: fc.integer({ min: 1, max: 4 }),
});

export class Trace {
  /** Failures (not cancellations), in the order they were thrown, and the parent's reason. */
  readonly events: unknown[] = [];
  /** Failures thrown (and the parent's reason given) before the group's signal aborted: the candidates for "first". */
  readonly beforeAbort: unknown[] = [];
  groupSignal: AbortSignal | undefined = undefined;

  record(error: unknown): void {
    this.events.push(error);
    if (!this.groupSignal?.aborted) this.beforeAbort.push(error);
  }
  readonly running = new Set<number>();
  readonly startedAfterAbort: number[] = [];
}

async function wait(spec: TaskSpec, signal: AbortSignal | undefined, stubborn: boolean): Promise<'done' | 'aborted'> {
  if (spec.timer) {
    const aborted = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve(false);
      }, spec.ticks % 3);
      const onAbort = () => {
        if (stubborn) return;
        clearTimeout(timer);
        resolve(true);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    return aborted ? 'aborted' : 'done';
  }
  for (let i = 0; i < spec.ticks; i++) {
    if (!stubborn && signal?.aborted) return 'aborted';
    await null;
  }
  return !stubborn && signal?.aborted ? 'aborted' : 'done';
}

/** Builds the task function for `spec` (index `i`), recording into `trace`. */
export function makeTask(spec: TaskSpec, i: number, trace: Trace) {
  return (signal: AbortSignal): unknown => {
    trace.groupSignal = signal;
    if (signal.aborted) trace.startedAfterAbort.push(i);
    if (spec.kind === 'syncThrow') {
      const error = new Error(`sync ${i}`);
      trace.record(error);
      throw error;
    }
    trace.running.add(i);
    return (async () => {
      try {
        const outcome = await wait(spec, signal, spec.kind === 'stubborn');
        if (outcome === 'aborted') {
          if (spec.kind === 'failOnCancel') {
            const error = new Error(`failed while cancelled ${i}`);
            trace.record(error);
            throw error;
          }
          if (spec.kind === 'abortError') throw new DOMException(`aborted ${i}`, 'AbortError');
          if (spec.kind === 'slowCleanup') await new Promise((resolve) => setTimeout(resolve, 1 + (spec.ticks % 3)));
          throw signal.reason;
        }
        if (spec.kind === 'fail') {
          const error = new Error(`failed ${i}`);
          trace.record(error);
          throw error;
        }
        return i;
      } finally {
        trace.running.delete(i);
      }
    })();
  };
}

/** Sets up the parent signal for a run; `stop()` cancels a scheduled abort after the group settled. */
export function parentFor(spec: GroupSpec, trace: Trace) {
  if (spec.parentAt === undefined) return { signal: undefined, reason: undefined, stop: () => undefined };
  const reason = new Error('parent aborted');
  if (spec.parentAt < 0) {
    trace.record(reason);
    return { signal: AbortSignal.abort(reason), reason, stop: () => undefined };
  }
  const controller = new AbortController();
  const timer = setTimeout(() => {
    trace.record(reason);
    controller.abort(reason);
  }, spec.parentAt);
  return { signal: controller.signal, reason, stop: () => clearTimeout(timer) };
}

export function isTimeoutError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'TimeoutError';
}
