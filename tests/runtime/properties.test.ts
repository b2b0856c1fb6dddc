import { getEventListeners } from 'node:events';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TaskGroup, type TaskGroupOptions, taskStats } from '../../src/runtime/index';
import { failOnUnhandledRejection } from './helpers';
import { type CancelSpec, cancelSpec, type GroupSpec, groupSpec, isTimeoutError, makeTask, parentFor, Trace } from './model';

failOnUnhandledRejection();

const RUNS = Number(process.env.PROPERTY_RUNS ?? 1_000);

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

function settle(promise: Promise<unknown>): Promise<Outcome> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

/**
 * Runs `spec` through `start` and checks the invariants of issue 2 for a fail-fast group. `pad`
 * adds that many immediately-fulfilling tasks, so a large input takes the batch path of `all`/`map`.
 */
async function check(
  spec: GroupSpec,
  start: (tasks: ((signal: AbortSignal) => unknown)[], options: TaskGroupOptions) => Promise<unknown>,
  pad = 0,
) {
  const before = taskStats();
  const trace = new Trace();
  const parent = parentFor(spec, trace);
  const handed: unknown[] = [];
  const options: TaskGroupOptions = { limit: spec.limit, timeout: spec.timeout, signal: parent.signal };
  if (spec.onError) options.onError = (error) => handed.push(error);
  const tasks = spec.tasks.map((task, i) => makeTask(task, i, trace));
  for (let i = 0; i < pad; i++) tasks.push(() => i);
  const outcome = await settle(start(tasks, options));
  const events = [...trace.events];
  parent.stop();

  // No task is still running once the group settled, and none started after the group aborted.
  expect(trace.running.size).toBe(0);
  expect(trace.startedAfterAbort).toEqual([]);

  if (outcome.ok) {
    expect(events).toEqual([]);
  } else {
    // The rejection is the first failure (one thrown before the group aborted: which of several
    // in one microtask burst comes first is the order the group observes them), or the parent's
    // reason, or the deadline came first.
    if (isTimeoutError(outcome.error)) expect(spec.timeout).toBeDefined();
    else expect(trace.beforeAbort).toContain(outcome.error);
    if (trace.beforeAbort.length === 1 && !isTimeoutError(outcome.error)) expect(outcome.error).toBe(trace.beforeAbort[0]);
    // Every other failure was suppressed under it, or handed to onError when one was given.
    const suppressed = (outcome.error as { suppressed?: unknown[] }).suppressed ?? [];
    for (const failure of events) {
      if (failure === outcome.error || failure === parent.reason) continue;
      expect(suppressed).toContain(failure);
      if (spec.onError) expect(handed).toContain(failure);
    }
  }
  const after = taskStats();
  expect(after.active).toBe(before.active);
  expect(after.groups).toBe(before.groups);
  expect(after.created - before.created).toBe(spec.tasks.length + pad);
}

/** More tasks than `SMALL_BATCH`: unbounded `all` and `map` join them as one batch. */
const BATCH_PAD = 20;

describe('properties (fail-fast groups)', () => {
  it('run + spawn', async () => {
    await fc.assert(
      fc.asyncProperty(groupSpec, (spec) =>
        check(spec, (tasks, options) =>
          TaskGroup.run((group) => {
            for (const task of tasks) void group.spawn(task);
          }, options),
        ),
      ),
      { numRuns: RUNS },
    );
  });

  it('all', async () => {
    await fc.assert(
      fc.asyncProperty(groupSpec, (spec) => check(spec, (tasks, options) => TaskGroup.all(tasks, options))),
      { numRuns: RUNS },
    );
  });

  it('all over a large input (the batch path)', async () => {
    await fc.assert(
      fc.asyncProperty(groupSpec, (spec) => check(spec, (tasks, options) => TaskGroup.all(tasks, options), BATCH_PAD)),
      { numRuns: RUNS },
    );
  });

  it('map over a large input (the batch path)', async () => {
    await fc.assert(
      fc.asyncProperty(groupSpec, (spec) =>
        check(spec, (tasks, options) => TaskGroup.map(tasks, (task, signal) => task(signal), options), BATCH_PAD),
      ),
      { numRuns: RUNS },
    );
  });

  it('map', async () => {
    await fc.assert(
      fc.asyncProperty(groupSpec, (spec) =>
        check(spec, (tasks, options) => TaskGroup.map(tasks, (task, signal) => task(signal), options)),
      ),
      { numRuns: RUNS },
    );
  });

  it('asCompleted', async () => {
    await fc.assert(
      fc.asyncProperty(groupSpec, (spec) =>
        check(spec, async (tasks, options) => {
          const seen: unknown[] = [];
          for await (const value of TaskGroup.asCompleted(tasks, options)) seen.push(value);
          return seen;
        }),
      ),
      { numRuns: RUNS },
    );
  });
});

describe('properties (joining combinators and supervision)', () => {
  it('allSettled, race and any join every task and leave the stats as they were', async () => {
    await fc.assert(
      fc.asyncProperty(groupSpec, fc.constantFrom('allSettled', 'race', 'any') , async (spec, api) => {
        const before = taskStats();
        const trace = new Trace();
        const parent = parentFor(spec, trace);
        const tasks = spec.tasks.map((task, i) => makeTask(task, i, trace));
        const options = { limit: spec.limit, timeout: spec.timeout, signal: parent.signal };
        // Like Promise.race, an empty race never settles: nothing to check there.
        const promise =
          api === 'race' ? (tasks.length === 0 ? Promise.resolve() : TaskGroup.race(tasks, options))
          : api === 'any' ? TaskGroup.any(tasks, options)
          : TaskGroup.allSettled(tasks, options);
        const outcome = await settle(promise);
        parent.stop();
        expect(trace.running.size).toBe(0);
        expect(trace.startedAfterAbort).toEqual([]);
        if (api === 'allSettled' && outcome.ok) {
          expect((outcome.value as PromiseSettledResult<unknown>[]).filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason)).toEqual(
            expect.arrayContaining(trace.events),
          );
        }
        const after = taskStats();
        expect(after.active).toBe(before.active);
        expect(after.groups).toBe(before.groups);
      }),
      { numRuns: RUNS },
    );
  });

  it('a supervising group never aborts on failure and hands every failure on', async () => {
    await fc.assert(
      fc.asyncProperty(groupSpec, async (spec) => {
        const before = taskStats();
        const trace = new Trace();
        const handed: unknown[] = [];
        const options: TaskGroupOptions = { supervise: true, limit: spec.limit };
        if (spec.onError) options.onError = (error) => handed.push(error);
        const group = new TaskGroup(options);
        for (const [i, task] of spec.tasks.entries()) void group.spawn(makeTask(task, i, trace));
        const outcome = await settle(group.wait());
        expect(trace.running.size).toBe(0);
        expect(group.signal.aborted).toBe(false);
        if (spec.onError) {
          expect(outcome.ok).toBe(true);
          expect(new Set(handed)).toEqual(new Set(trace.events));
          expect(handed).toHaveLength(trace.events.length);
        } else if (trace.events.length > 0) {
          expect(outcome.ok).toBe(false);
          const { errors } = (outcome as { error: AggregateError }).error;
          expect(new Set(errors)).toEqual(new Set(trace.events));
          expect(errors).toHaveLength(trace.events.length);
        } else expect(outcome.ok).toBe(true);
        expect(taskStats().active).toBe(before.active);
      }),
      { numRuns: RUNS },
    );
  });
});

/**
 * A group cancelled at `cancelAt`, then an outer cancellation (parent abort or deadline) after it,
 * often while cancelled tasks are still cleaning up. The outer one wins whenever it lands before
 * the group settles; only a real failure comes before it.
 */
async function checkCancel(spec: CancelSpec): Promise<void> {
  const before = taskStats();
  const trace = new Trace();
  const reason = new Error('parent aborted');
  const outerAt = spec.cancelAt + spec.outerAfter;
  const controller = spec.outer === 'parent' ? new AbortController() : undefined;
  let settled = false;
  /** The outer cancellation landed while the group had not settled. */
  let outerLanded = false;
  const timers: ReturnType<typeof setTimeout>[] = [];
  if (controller !== undefined) {
    timers.push(
      setTimeout(() => {
        outerLanded = !settled;
        controller.abort(reason);
      }, outerAt),
    );
  }
  const options: TaskGroupOptions = { limit: spec.limit, signal: controller?.signal };
  if (spec.outer === 'deadline') options.timeout = outerAt;
  const run = settle(
    TaskGroup.run((group) => {
      for (const [i, task] of spec.tasks.entries()) void group.spawn(makeTask(task, i, trace));
      timers.push(setTimeout(() => group.cancel(), spec.cancelAt));
    }, options),
  );
  // Set after the group's own deadline timer, with the same delay: it fires after that one.
  if (spec.outer === 'deadline') timers.push(setTimeout(() => (outerLanded = !settled), outerAt));
  const outcome = await run;
  settled = true;
  for (const timer of timers) clearTimeout(timer);

  expect(trace.running.size).toBe(0);
  expect(trace.startedAfterAbort).toEqual([]);
  const failures = trace.events;
  const outerError = (error: unknown) => (spec.outer === 'parent' ? error === reason : isTimeoutError(error));
  if (outcome.ok) {
    expect(failures).toEqual([]);
    expect(outerLanded).toBe(false);
  } else if (outerError(outcome.error)) {
    if (spec.outer === 'parent') expect(outerLanded).toBe(true);
    for (const failure of failures) expect((outcome.error as { suppressed?: unknown[] }).suppressed).toContain(failure);
  } else {
    expect(failures).toContain(outcome.error);
  }
  if (outerLanded && failures.length === 0) {
    expect(outcome.ok).toBe(false);
    expect(outerError((outcome as { error: unknown }).error)).toBe(true);
  }
  if (controller !== undefined) expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  const after = taskStats();
  expect(after.active).toBe(before.active);
  expect(after.groups).toBe(before.groups);
}

describe('properties (outer cancellation after cancel())', () => {
  it('a parent abort or a deadline landing after cancel(), during the cleanup, still makes run reject', async () => {
    await fc.assert(fc.asyncProperty(cancelSpec, checkCancel), { numRuns: RUNS });
  });
});
