import { describe, expectTypeOf, it } from 'vitest';
import { background, type Task, TaskGroup, type TaskGroupOptions, type TaskStats, taskStats } from '../../src/runtime/index';

// Checked by `tsc -p tsconfig.json` (part of `npm test`); at run time these assertions are no-ops.
// Each `@ts-expect-error` fails the type check if the line below it starts to compile.

const numberTask = async (signal: AbortSignal): Promise<number> => (signal.aborted ? 0 : 1);
const stringPromise = Promise.resolve('text');

describe('combinators are typed like their Promise.* twins', () => {
  it('all keeps tuple element types for tasks, promises and values', () => {
    expectTypeOf(TaskGroup.all([numberTask, stringPromise, true, () => new Date()])).toEqualTypeOf<
      Promise<[number, string, boolean, Date]>
    >();
    expectTypeOf(TaskGroup.all([] as const)).toEqualTypeOf<Promise<[]>>();
    const tasks: Task<number>[] = [numberTask];
    expectTypeOf(TaskGroup.all(tasks)).toEqualTypeOf<Promise<number[]>>();
    expectTypeOf(TaskGroup.all(new Set([stringPromise]))).toEqualTypeOf<Promise<string[]>>();
  });

  it('gives task parameters the AbortSignal type without annotations', () => {
    void TaskGroup.all([(signal) => expectTypeOf(signal).toEqualTypeOf<AbortSignal>()]);
    void TaskGroup.race([(signal) => signal.reason as unknown]);
    // Several inline tasks next to promises and values: each `signal` is still an AbortSignal
    // (a `{}` in the tuple constraint used to leave them implicitly `any`), and the tuple keeps its types.
    const fetchNumber = async (_url: string, init: { signal: AbortSignal }): Promise<number> => (init.signal.aborted ? 0 : 1);
    expectTypeOf(
      TaskGroup.all([(signal) => fetchNumber('a', { signal }), (signal) => fetchNumber('b', { signal }), stringPromise, 3]),
    ).toEqualTypeOf<Promise<[number, number, string, number]>>();
    expectTypeOf(
      TaskGroup.allSettled([(signal) => fetchNumber('a', { signal }), (signal) => String(signal.aborted)]),
    ).toEqualTypeOf<Promise<[PromiseSettledResult<number>, PromiseSettledResult<string>]>>();
  });

  it('allSettled maps each element to a PromiseSettledResult', () => {
    expectTypeOf(TaskGroup.allSettled([numberTask, stringPromise])).toEqualTypeOf<
      Promise<[PromiseSettledResult<number>, PromiseSettledResult<string>]>
    >();
  });

  it('race and any resolve to the union of element types', () => {
    expectTypeOf(TaskGroup.race([numberTask, stringPromise])).toEqualTypeOf<Promise<number | string>>();
    expectTypeOf(TaskGroup.any([numberTask, stringPromise, null])).toEqualTypeOf<Promise<number | string | null>>();
  });

  it('map resolves to an array of the awaited results', () => {
    expectTypeOf(TaskGroup.map([1, 2], async (n, signal, index) => {
      expectTypeOf(n).toEqualTypeOf<number>();
      expectTypeOf(signal).toEqualTypeOf<AbortSignal>();
      expectTypeOf(index).toEqualTypeOf<number>();
      return String(n);
    })).toEqualTypeOf<Promise<string[]>>();
  });

  it('asCompleted yields the task results', () => {
    expectTypeOf(TaskGroup.asCompleted([numberTask, numberTask])).toEqualTypeOf<AsyncIterableIterator<number>>();
  });
});

describe('the rest of the contract', () => {
  it('spawn, run, wait, cancel, signal, dispose, background and taskStats', () => {
    const group = new TaskGroup({ timeout: 1, limit: 2, name: 'x', supervise: false, onError: () => undefined });
    expectTypeOf(group.spawn(numberTask)).toEqualTypeOf<Promise<number>>();
    expectTypeOf(group.signal).toEqualTypeOf<AbortSignal>();
    expectTypeOf(group.wait()).toEqualTypeOf<Promise<void>>();
    expectTypeOf(group[Symbol.asyncDispose]()).toEqualTypeOf<Promise<void>>();
    expectTypeOf(group.cancel).parameters.toEqualTypeOf<[reason?: unknown]>();
    expectTypeOf(TaskGroup.run(async () => 'value')).toEqualTypeOf<Promise<string>>();
    expectTypeOf(background).toMatchTypeOf<TaskGroup>();
    expectTypeOf(taskStats()).toEqualTypeOf<TaskStats>();
    expectTypeOf<TaskGroupOptions['signal']>().toEqualTypeOf<AbortSignal | undefined>();
    const misuse = () => {
      // @ts-expect-error a task must be a function
      void group.spawn(42);
      // @ts-expect-error unknown option
      void new TaskGroup({ timeOut: 5 });
    };
    expectTypeOf(misuse).toBeFunction();
    void group.wait();
  });
});
