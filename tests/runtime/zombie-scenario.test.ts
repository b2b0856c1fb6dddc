import { describe, expect, it } from 'vitest';
import { TaskGroup, taskStats } from '../../src/runtime/index';
import { failOnUnhandledRejection, sleep } from './helpers';

failOnUnhandledRejection();

/**
 * The motivating scenario from issue 2: four tasks with delays of 3, 1, 5 and 4 units; the second
 * fails. Each task counts itself while running, the way `taskStats()` counts tasks.
 */
const UNIT = 10;
const DELAYS = [3, 1, 5, 4];

function scenario() {
  const running = new Set<number>();
  const finallyRan: number[] = [];
  const completed: number[] = [];
  const task = (index: number) => async (signal?: AbortSignal) => {
    running.add(index);
    try {
      await sleep(DELAYS[index]! * UNIT, signal);
      if (index === 1) throw new Error('task 1 failed');
      completed.push(index);
      return index;
    } finally {
      running.delete(index);
      finallyRan.push(index);
    }
  };
  return { running, finallyRan, completed, tasks: DELAYS.map((_, index) => task(index)) };
}

describe('zombie tasks: Promise.all versus TaskGroup.run', () => {
  it('with Promise.all, the other three keep running after the rejection', async () => {
    const { running, completed, tasks } = scenario();
    await expect(Promise.all(tasks.map((task) => task()))).rejects.toThrow('task 1 failed');
    expect([...running].sort()).toEqual([0, 2, 3]); // zombies: still running after the rejection
    await sleep(6 * UNIT);
    expect(completed.sort()).toEqual([0, 2, 3]); // and they ran to completion, owned by nobody
  });

  it('with TaskGroup.run, all three are cancelled and their finally blocks ran before run settles', async () => {
    const before = taskStats();
    const { running, finallyRan, completed, tasks } = scenario();
    await expect(
      TaskGroup.run((group) => {
        for (const task of tasks) void group.spawn(task);
      }),
    ).rejects.toThrow('task 1 failed');
    expect(running.size).toBe(0);
    expect(finallyRan.sort()).toEqual([0, 1, 2, 3]);
    expect(completed).toEqual([]); // none ran to the end: run settled at the failure, not after the slowest task
    const after = taskStats();
    expect(after.active).toBe(0);
    expect(after.cancelled - before.cancelled).toBe(3);
    expect(after.failed - before.failed).toBe(1);
  });

  it('TaskGroup.all, the drop-in replacement, does the same', async () => {
    const { running, finallyRan, tasks } = scenario();
    await expect(TaskGroup.all(tasks)).rejects.toThrow('task 1 failed');
    expect(running.size).toBe(0);
    expect(finallyRan.sort()).toEqual([0, 1, 2, 3]);
    expect(taskStats().active).toBe(0);
  });
});
