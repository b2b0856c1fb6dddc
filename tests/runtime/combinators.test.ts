import { describe, expect, it, vi } from 'vitest';
import { TaskGroup, taskStats } from '../../src/runtime/index';
import { Boom, failOnUnhandledRejection, Journal, sleep, untilAborted } from './helpers';

failOnUnhandledRejection();

/** A task that notes its start, waits `ms` (abortably) and notes how it ended. */
function tracked(journal: Journal, label: string, ms: number, value: unknown = label) {
  return async (signal: AbortSignal) => {
    journal.note(`start ${label}`);
    try {
      await sleep(ms, signal);
      return value;
    } finally {
      journal.note(`end ${label}`);
    }
  };
}

describe('10. all', () => {
  it('accepts tasks, promises and plain values and resolves results in input order', async () => {
    const result = await TaskGroup.all([async () => 'task', Promise.resolve('promise'), 'value', (signal: AbortSignal) => signal.aborted]);
    expect(result).toEqual(['task', 'promise', 'value', false]);
  });

  it('accepts any iterable (a generator)', async () => {
    function* tasks() {
      yield () => 1;
      yield async () => 2;
    }
    await expect(TaskGroup.all(tasks())).resolves.toEqual([1, 2]);
  });

  it('rejects a non-iterable with a TypeError, like Promise.all', async () => {
    await expect(TaskGroup.all(5 as never)).rejects.toThrow(TypeError);
  });

  it('the first failure cancels the others, which are joined before it rejects', async () => {
    const journal = new Journal();
    const boom = new Boom();
    const pending = TaskGroup.all([
      tracked(journal, 'a', 50),
      async () => {
        await Promise.resolve();
        throw boom;
      },
      tracked(journal, 'b', 50),
    ]);
    await expect(pending).rejects.toBe(boom);
    expect(journal.events).toEqual(['start a', 'start b', 'end a', 'end b']);
  });

  it('a synchronous throw stops the loop: later tasks never start', async () => {
    const later = vi.fn();
    const boom = new Boom();
    await expect(
      TaskGroup.all([
        () => {
          throw boom;
        },
        later,
      ]),
    ).rejects.toBe(boom);
    expect(later).not.toHaveBeenCalled();
  });

  it('joins a plain promise that cannot be cancelled before rejecting', async () => {
    const journal = new Journal();
    const slow = sleep(15).then(() => journal.note('plain promise settled'));
    await expect(TaskGroup.all([slow, () => Promise.reject(new Boom())])).rejects.toBeInstanceOf(Boom);
    expect(journal.events).toEqual(['plain promise settled']);
  });

  it('a rejected plain promise is owned: no unhandledRejection for the ones after the first', async () => {
    const a = Promise.reject(new Boom('a'));
    const b = Promise.reject(new Boom('b'));
    const error = await TaskGroup.all([a, b]).catch((e: unknown) => e);
    expect((error as Error).message).toBe('a');
    expect((error as { suppressed?: unknown[] }).suppressed).toEqual([expect.objectContaining({ message: 'b' })]);
  });
  it('overlapping small calls keep their own results (their handlers are pooled and reused)', async () => {
    // Small all/map calls share a pool of per-index handlers: a call hands its own back only once
    // every task settled. Calls of 1 to 16 tasks overlap here, some fail, and each resolves with
    // exactly its own values (or rejects with its own error); then the pool is reused in turn.
    const delay = (i: number, j: number) => ((i * 7 + j * 3) % 5) - 1; // -1: synchronous value
    const task = (i: number, j: number) => (signal: AbortSignal) => {
      const ms = delay(i, j);
      if (ms < 0) return `${i}.${j}`;
      if (ms === 0) return Promise.resolve(`${i}.${j}`);
      return sleep(ms, signal).then(() => `${i}.${j}`);
    };
    for (let pass = 0; pass < 2; pass++) {
      const calls = Array.from({ length: 60 }, (_, i) => {
        const size = (i % 16) + 1;
        const fails = i % 9 === 4;
        const tasks = Array.from({ length: size }, (_, j) =>
          fails && j === size - 1 ? async () => Promise.reject(new Boom(`call ${i}`)) : task(i, j),
        );
        const joined = i % 2 === 0 ? TaskGroup.all(tasks) : TaskGroup.map(tasks, (fn, signal) => fn(signal));
        return joined.then(
          (values) => ({ i, values }),
          (error: unknown) => ({ i, error: (error as Error).message }),
        );
      });
      for (const outcome of await Promise.all(calls)) {
        const size = (outcome.i % 16) + 1;
        if (outcome.i % 9 === 4) expect(outcome).toEqual({ i: outcome.i, error: `call ${outcome.i}` });
        else expect(outcome).toEqual({ i: outcome.i, values: Array.from({ length: size }, (_, j) => `${outcome.i}.${j}`) });
      }
    }
  });
});

describe('10. allSettled', () => {
  it('never cancels on failure and reports every outcome in order', async () => {
    const journal = new Journal();
    const boom = new Boom();
    const results = await TaskGroup.allSettled([tracked(journal, 'a', 10), () => Promise.reject(boom), 'value']);
    expect(results).toEqual([
      { status: 'fulfilled', value: 'a' },
      { status: 'rejected', reason: boom },
      { status: 'fulfilled', value: 'value' },
    ]);
    expect(journal.events).toEqual(['start a', 'end a']);
  });

  it('honours timeout: rejects with the TimeoutError after joining', async () => {
    const journal = new Journal();
    const error = await TaskGroup.allSettled([tracked(journal, 'a', 1_000)], { timeout: 5 }).catch((e: unknown) => e);
    expect((error as DOMException).name).toBe('TimeoutError');
    expect(journal.events).toEqual(['start a', 'end a']);
  });
});

describe('10. race', () => {
  it('settles with the first settlement, then aborts and joins the rest', async () => {
    const journal = new Journal();
    const winner = await TaskGroup.race([tracked(journal, 'slow', 50), tracked(journal, 'fast', 2)]);
    expect(winner).toBe('fast');
    expect(journal.events).toEqual(['start slow', 'start fast', 'end fast', 'end slow']);
  });

  it('a first rejection wins too', async () => {
    const journal = new Journal();
    const boom = new Boom();
    await expect(TaskGroup.race([tracked(journal, 'slow', 50), () => Promise.reject(boom)])).rejects.toBe(boom);
    expect(journal.events).toEqual(['start slow', 'end slow']);
  });

  it('a plain value wins before later tasks start, like Promise.race', async () => {
    const later = vi.fn();
    await expect(TaskGroup.race(['now', later])).resolves.toBe('now');
    expect(later).not.toHaveBeenCalled();
  });
});

describe('10. any', () => {
  it('resolves with the first fulfilment, aborts and joins the rest', async () => {
    const journal = new Journal();
    const value = await TaskGroup.any([() => Promise.reject(new Boom()), tracked(journal, 'slow', 50), tracked(journal, 'ok', 3)]);
    expect(value).toBe('ok');
    expect(journal.events).toEqual(['start slow', 'start ok', 'end ok', 'end slow']);
  });

  it('rejects with an AggregateError of every failure in input order when all fail', async () => {
    const a = new Boom('a');
    const b = new Boom('b');
    const error = await TaskGroup.any([async () => {
      await sleep(3);
      throw a;
    }, () => Promise.reject(b)]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).errors).toEqual([a, b]);
    await expect(TaskGroup.any([])).rejects.toBeInstanceOf(AggregateError);
  });
});

describe('10. map and limit', () => {
  it('maps items through fn(item, signal, index), results in order', async () => {
    const result = await TaskGroup.map(['a', 'b', 'c'], async (item, signal, index) => {
      await sleep(3 - index);
      expect(signal).toBeInstanceOf(AbortSignal);
      return `${item}${index}`;
    });
    expect(result).toEqual(['a0', 'b1', 'c2']);
  });

  it('limit bounds running tasks and starts them in FIFO order', async () => {
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const result = await TaskGroup.map(
      [5, 1, 4, 2, 3, 1],
      async (ms, _signal, index) => {
        order.push(index);
        running++;
        peak = Math.max(peak, running);
        await sleep(ms);
        running--;
        return index;
      },
      { limit: 2 },
    );
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(result).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('limit also bounds all(), and a long queue of synchronous tasks does not overflow the stack', async () => {
    const tasks = Array.from({ length: 50_000 }, (_, i) => () => i);
    const result = await TaskGroup.all([async () => sleep(1), ...tasks], { limit: 1 });
    expect(result).toHaveLength(50_001);
    expect(result[50_000]).toBe(49_999);
  });

  it('counts every task settled once the combinator settles', async () => {
    const before = taskStats();
    await TaskGroup.map([1, 2, 3], (n) => n);
    await expect(TaskGroup.map([1, 2, 3], (n) => (n === 2 ? Promise.reject(new Boom()) : sleep(n)))).rejects.toBeInstanceOf(Boom);
    const after = taskStats();
    expect(after.created - before.created).toBe(6);
    expect(after.settled - before.settled).toBe(6);
    expect(after.failed - before.failed).toBe(1);
    expect(after.active).toBe(before.active);
  });

  it('map rejects a missing function with a TypeError', async () => {
    await expect(TaskGroup.map([1], undefined as never)).rejects.toThrow(TypeError);
  });
});

describe('abort listeners on the group signal', () => {
  it('tasks that listen on the signal get aborted once per task', async () => {
    const listeners = 100;
    let aborted = 0;
    await expect(
      TaskGroup.all([
        ...Array.from({ length: listeners }, () => (signal: AbortSignal) => untilAborted(signal).catch((e: unknown) => {
          aborted++;
          throw e;
        })),
        () => Promise.reject(new Boom()),
      ]),
    ).rejects.toBeInstanceOf(Boom);
    expect(aborted).toBe(listeners);
  });
});
