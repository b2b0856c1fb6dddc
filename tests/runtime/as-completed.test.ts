import { describe, expect, it, vi } from 'vitest';
import { TaskGroup, taskStats } from '../../src/runtime/index';
import { Boom, failOnUnhandledRejection, Journal, sleep } from './helpers';

failOnUnhandledRejection();

function delayed(journal: Journal, ms: number) {
  return async (signal: AbortSignal) => {
    try {
      await sleep(ms, signal);
      return ms;
    } finally {
      journal.note(`end ${ms}`);
    }
  };
}

describe('11. asCompleted', () => {
  it('yields results in completion order (tasks, promises and values)', async () => {
    const journal = new Journal();
    const seen: unknown[] = [];
    // Wide gaps between the timers: the order must hold on a loaded machine too.
    for await (const value of TaskGroup.asCompleted<unknown>([delayed(journal, 120), delayed(journal, 2), sleep(60).then(() => 'promise'), 'value'])) {
      seen.push(value);
    }
    expect(seen).toEqual(['value', 2, 'promise', 120]);
  });

  it('a failure aborts and joins the rest, then throws from the loop', async () => {
    const journal = new Journal();
    const boom = new Boom();
    const seen: unknown[] = [];
    const loop = async () => {
      for await (const value of TaskGroup.asCompleted([
        delayed(journal, 2),
        async () => {
          await sleep(8);
          throw boom;
        },
        delayed(journal, 200),
      ])) {
        seen.push(value);
      }
    };
    await expect(loop()).rejects.toBe(boom);
    expect(seen).toEqual([2]);
    expect(journal.events).toEqual(['end 2', 'end 200']);
  });

  it('break aborts and joins the rest before the loop statement completes', async () => {
    const journal = new Journal();
    const before = taskStats();
    for await (const value of TaskGroup.asCompleted([delayed(journal, 100), delayed(journal, 1), delayed(journal, 150)])) {
      expect(value).toBe(1);
      break;
    }
    journal.note('after loop');
    expect(journal.events).toEqual(['end 1', 'end 100', 'end 150', 'after loop']);
    const after = taskStats();
    expect(after.active).toBe(before.active);
    expect(after.cancelled - before.cancelled).toBe(2);
  });

  it('a throw from the loop body aborts and joins the rest, and the body error wins', async () => {
    const journal = new Journal();
    const bodyError = new Boom('body');
    const loop = async () => {
      for await (const _ of TaskGroup.asCompleted([delayed(journal, 1), delayed(journal, 100)])) throw bodyError;
    };
    await expect(loop()).rejects.toBe(bodyError);
    expect(journal.events).toEqual(['end 1', 'end 100']);
  });

  it('starts nothing until the first next()', async () => {
    const task = vi.fn(() => 1);
    const iterator = TaskGroup.asCompleted([task]);
    await sleep(2);
    expect(task).not.toHaveBeenCalled();
    await expect(iterator.next()).resolves.toEqual({ value: 1, done: false });
    await expect(iterator.next()).resolves.toEqual({ value: undefined, done: true });
  });

  it('rejects bad input at the call', () => {
    expect(() => TaskGroup.asCompleted(null as never)).toThrow(TypeError);
    expect(() => TaskGroup.asCompleted([], { limit: -1 })).toThrow(/limit/);
  });

  it('honours limit and timeout', async () => {
    const journal = new Journal();
    const seen: unknown[] = [];
    const loop = async () => {
      for await (const value of TaskGroup.asCompleted([delayed(journal, 1), delayed(journal, 500), delayed(journal, 2)], { limit: 1, timeout: 30 })) {
        seen.push(value);
      }
    };
    const error = await loop().catch((e: unknown) => e);
    expect((error as DOMException).name).toBe('TimeoutError');
    expect(seen).toEqual([1]);
    expect(journal.events).toEqual(['end 1', 'end 500']);
  });
});
