import { describe, expect, it } from 'vitest';
import { TaskGroup, taskStats } from '../../src/runtime/index';
import { Boom, failOnUnhandledRejection, gate, sleep, tick, untilAborted } from './helpers';

failOnUnhandledRejection();

describe('13. taskStats', () => {
  it('counts created, active, settled, failed and cancelled tasks and open groups', async () => {
    const before = taskStats();
    const group = new TaskGroup({ limit: 2 });
    expect(taskStats().groups - before.groups).toBe(1);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    void group.spawn(() => gate);
    void group.spawn((signal) => untilAborted(signal));
    void group.spawn(() => 'queued');
    const during = taskStats();
    expect(during.created - before.created).toBe(3);
    expect(during.active - before.active).toBe(3);
    release();
    await sleep(1);
    expect(taskStats().active - before.active).toBe(1); // the queued task ran; one task is still waiting
    void group.spawn(() => Promise.reject(new Boom()));
    await expect(group.wait()).rejects.toBeInstanceOf(Boom);
    const after = taskStats();
    expect(after).toEqual({
      active: before.active,
      created: before.created + 4,
      settled: before.settled + 4,
      failed: before.failed + 1,
      cancelled: before.cancelled + 1,
      groups: before.groups,
    });
  });

  it('returns a fresh snapshot each call', () => {
    const a = taskStats();
    const b = taskStats();
    expect(a).not.toBe(b);
    expect(a).toEqual(b);
    expect(a.active).toBe(a.created - a.settled);
  });
});

const immediate = (count: number) => Array.from({ length: count }, () => async () => 1);

describe('13. taskStats counts each failure and cancellation when it happens', () => {
  it.each([
    ['all', (tasks: ((signal: AbortSignal) => Promise<unknown>)[]) => TaskGroup.all(tasks)],
    ['map', (tasks: ((signal: AbortSignal) => Promise<unknown>)[]) => TaskGroup.map(tasks, (task, signal) => task(signal))],
    ['all with limit', (tasks: ((signal: AbortSignal) => Promise<unknown>)[]) => TaskGroup.all(tasks, { limit: 10 })],
    // Past 16 tasks, unbounded `all` and `map` join as one batch.
    ['all, 40 tasks', (tasks: ((signal: AbortSignal) => Promise<unknown>)[]) => TaskGroup.all([...tasks, ...immediate(37)])],
    ['map, 40 tasks', (tasks: ((signal: AbortSignal) => Promise<unknown>)[]) => TaskGroup.map([...tasks, ...immediate(37)], (task, signal) => task(signal))],
  ])('%s: a failure and a cancellation are counted before the slow task settles', async (_name, start) => {
    const before = taskStats();
    const slow = gate();
    const boom = new Boom();
    const joined = start([
      () => slow.promise, // ignores its signal
      (signal) => untilAborted(signal),
      async () => {
        await null;
        throw boom;
      },
    ]);
    await tick(5);
    const during = taskStats();
    expect(during.failed - before.failed).toBe(1);
    expect(during.cancelled - before.cancelled).toBe(1);
    expect(during.active - before.active).toBe(1);
    slow.open();
    await expect(joined).rejects.toBe(boom);
    const after = taskStats();
    expect(after.active).toBe(before.active);
    expect(after.settled - before.settled).toBe(after.created - before.created);
  });
});
