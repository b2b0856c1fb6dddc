import { setMaxListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TaskGroup } from '../../src/runtime/index';
import { Boom, failOnUnhandledRejection, tick, untilAborted } from './helpers';

failOnUnhandledRejection();

let warnings: Error[] = [];
const onWarning = (warning: Error) => warnings.push(warning);
beforeEach(() => {
  warnings = [];
  process.on('warning', onWarning);
});
afterEach(() => {
  process.off('warning', onWarning);
});

const maxListenerWarnings = () => warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning');

describe('a group signal shared by 10,000 listening tasks', () => {
  it('control: an AbortSignal limited to 10 listeners, given 11, does make Node warn', async () => {
    const controller = new AbortController();
    // Node 20 and 22 give every AbortSignal a limit of 10; Node 24 gives a plain one none.
    // Set it, so the control proves on every line that this test would see the warning.
    setMaxListeners(10, controller.signal);
    for (let i = 0; i < 11; i++) controller.signal.addEventListener('abort', () => undefined);
    await tick(5);
    expect(maxListenerWarnings()).toHaveLength(1);
  });

  it('prints no MaxListenersExceededWarning, and all 10,000 tasks are cancelled', async () => {
    let cancelled = 0;
    const tasks = Array.from({ length: 10_000 }, () => (signal: AbortSignal) =>
      untilAborted(signal).catch((error: unknown) => {
        cancelled++;
        throw error;
      }),
    );
    await expect(TaskGroup.all([...tasks, () => Promise.reject(new Boom())])).rejects.toBeInstanceOf(Boom);
    await tick(5);
    expect(maxListenerWarnings()).toEqual([]);
    expect(cancelled).toBe(10_000);
  });

  it('the same holds for spawn', async () => {
    const group = new TaskGroup();
    for (let i = 0; i < 10_000; i++) void group.spawn((signal) => untilAborted(signal));
    group.cancel();
    await group.wait();
    await tick(5);
    expect(maxListenerWarnings()).toEqual([]);
  });
});
