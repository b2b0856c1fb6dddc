import { describe, expect, it, vi } from 'vitest';
import { TaskGroup, taskStats } from '../../src/runtime/index';
import { Boom, failOnUnhandledRejection, gate, Journal, sleep, tick, untilAborted } from './helpers';

failOnUnhandledRejection();

describe('1. no task outlives its group', () => {
  it('wait() settles only after every spawned task (and its finally) settled', async () => {
    const journal = new Journal();
    const group = new TaskGroup();
    for (const ms of [90, 5, 45]) { // wide gaps: the order must hold on a loaded machine too
      void group.spawn(async () => {
        try {
          await sleep(ms);
        } finally {
          journal.note(`done ${ms}`);
        }
      });
    }
    await group.wait();
    journal.note('joined');
    expect(journal.events).toEqual(['done 5', 'done 45', 'done 90', 'joined']);
  });

  it('run() waits for tasks the body did not await', async () => {
    const journal = new Journal();
    const value = await TaskGroup.run((group) => {
      void group.spawn(async () => {
        await sleep(10);
        journal.note('task');
      });
      return 'body';
    });
    journal.note('run');
    expect(value).toBe('body');
    expect(journal.events).toEqual(['task', 'run']);
  });
});

describe('2. fail fast, then join', () => {
  it('the first failure aborts the signal with that error and the group waits for the rest', async () => {
    const journal = new Journal();
    const boom = new Boom();
    const group = new TaskGroup();
    void group.spawn(async (signal) => {
      try {
        await untilAborted(signal);
      } finally {
        await sleep(5);
        journal.note('slow finally');
      }
    });
    void group.spawn(async () => {
      await sleep(2);
      throw boom;
    });
    await expect(group.wait()).rejects.toBe(boom);
    expect(group.signal.aborted).toBe(true);
    expect(group.signal.reason).toBe(boom);
    expect(journal.events).toEqual(['slow finally']);
  });

  it('queued tasks never start after a failure and count as cancelled', async () => {
    const started: number[] = [];
    const before = taskStats();
    const group = new TaskGroup({ limit: 1 });
    const first = group.spawn(async () => {
      started.push(0);
      await sleep(2);
      throw new Boom();
    });
    const queued = [1, 2, 3].map((n) => group.spawn(async () => void started.push(n)));
    await expect(group.wait()).rejects.toBeInstanceOf(Boom);
    await expect(first).rejects.toBeInstanceOf(Boom);
    for (const promise of queued) await expect(promise).rejects.toBeInstanceOf(Boom);
    expect(started).toEqual([0]);
    const after = taskStats();
    expect(after.cancelled - before.cancelled).toBe(3);
    expect(after.failed - before.failed).toBe(1);
  });
});

describe('3. cancellation is not failure', () => {
  it('after the abort, rejections with the reason, AbortError or TimeoutError count as cancelled', async () => {
    const onError = vi.fn();
    const before = taskStats();
    const group = new TaskGroup({ onError });
    const boom = new Boom();
    void group.spawn(async (signal) => untilAborted(signal));
    void group.spawn(async (signal) => {
      await untilAborted(signal).catch(() => undefined);
      throw new DOMException('stopped', 'AbortError');
    });
    void group.spawn(async (signal) => {
      await untilAborted(signal).catch(() => undefined);
      throw new DOMException('late', 'TimeoutError');
    });
    void group.spawn(async () => {
      await sleep(1);
      throw boom;
    });
    const error = await group.wait().catch((e: unknown) => e);
    expect(error).toBe(boom);
    expect(onError).not.toHaveBeenCalled();
    expect((error as { suppressed?: unknown }).suppressed).toBeUndefined();
    const after = taskStats();
    expect(after.cancelled - before.cancelled).toBe(3);
    expect(after.failed - before.failed).toBe(1);
  });

  it('an AbortError before the group aborted is a failure', async () => {
    const abortError = new DOMException('own signal', 'AbortError');
    await expect(TaskGroup.run((group) => void group.spawn(() => Promise.reject(abortError)))).rejects.toBe(abortError);
  });
});

describe('4. no error is lost', () => {
  it('rethrows the first failure unchanged; later ones go to onError and a non-enumerable suppressed', async () => {
    const onError = vi.fn();
    const first = new Boom('first');
    const second = new Boom('second');
    const third = new Boom('third');
    const error = await TaskGroup.run(
      (group) => {
        void group.spawn(async () => {
          await sleep(1);
          throw first;
        });
        void group.spawn(async (signal) => {
          await untilAborted(signal).catch(() => undefined);
          throw second; // not a cancellation: a real failure during cancellation
        });
        void group.spawn(async (signal) => {
          await untilAborted(signal).catch(() => undefined);
          await sleep(1);
          throw third;
        });
      },
      { onError },
    ).catch((e: unknown) => e);
    expect(error).toBe(first);
    expect(onError.mock.calls).toEqual([[second], [third]]);
    const descriptor = Object.getOwnPropertyDescriptor(error, 'suppressed');
    expect(descriptor?.enumerable).toBe(false);
    expect(descriptor?.value).toEqual([second, third]);
    expect(Object.keys(error as object)).not.toContain('suppressed');
  });

  it('primitive and frozen errors are rethrown unchanged', async () => {
    const frozen = Object.freeze(new Boom('frozen'));
    const onError = vi.fn();
    const error = await TaskGroup.all(
      [() => Promise.reject(frozen), async (signal: AbortSignal) => untilAborted(signal).catch(() => Promise.reject('later'))],
      { onError },
    ).catch((e: unknown) => e);
    expect(error).toBe(frozen);
    expect(Object.getOwnPropertyDescriptor(frozen, 'suppressed')).toBeUndefined();
    expect(onError).toHaveBeenCalledWith('later');
    await expect(TaskGroup.all([() => Promise.reject('text')])).rejects.toBe('text');
  });

  it('a spawned promise nobody awaits never reaches unhandledRejection, but an await sees it', async () => {
    const group = new TaskGroup();
    const boom = new Boom();
    const promise = group.spawn(() => Promise.reject(boom));
    await tick(5); // the no-op handler must already be attached: no unhandledRejection (checked after each test)
    await expect(promise).rejects.toBe(boom);
    await expect(group.wait()).rejects.toBe(boom);
  });

  it('an onError that throws neither breaks the group nor loses the failure', async () => {
    const thrown = new Boom('handler');
    const error = await TaskGroup.all(
      [() => Promise.reject(new Boom('first')), (signal: AbortSignal) => untilAborted(signal).catch(() => Promise.reject(new Boom('late')))],
      {
        onError: () => {
          throw thrown;
        },
      },
    ).catch((e: unknown) => e as Error & { suppressed: unknown[] });
    expect((error as Error).message).toBe('first');
    expect((error as { suppressed: unknown[] }).suppressed).toContain(thrown);
  });
});

describe('5. body errors', () => {
  it('a throwing body cancels the group, joins it and throws the body error with task failures suppressed', async () => {
    const journal = new Journal();
    const bodyError = new Boom('body');
    const taskError = new Boom('task');
    const error = await TaskGroup.run(async (group) => {
      void group.spawn(async (signal) => {
        try {
          await untilAborted(signal);
        } finally {
          journal.note('cancelled task finally');
        }
      });
      void group.spawn(async () => {
        await sleep(1);
        throw taskError;
      });
      await sleep(10);
      throw bodyError;
    }).catch((e: unknown) => e);
    expect(error).toBe(bodyError);
    expect((error as { suppressed?: unknown[] }).suppressed).toEqual([taskError]);
    expect(journal.events).toEqual(['cancelled task finally']);
  });

  it('a synchronous throw from the body is handled the same way', async () => {
    const journal = new Journal();
    const bodyError = new Boom('sync body');
    await expect(
      TaskGroup.run((group) => {
        void group.spawn(async (signal) => {
          await untilAborted(signal).finally(() => journal.note('aborted'));
        });
        throw bodyError;
      }),
    ).rejects.toBe(bodyError);
    expect(journal.events).toEqual(['aborted']);
  });

  it('a body that rethrows the failure it awaited rejects with that failure once', async () => {
    const boom = new Boom();
    const error = await TaskGroup.run(async (group) => {
      await group.spawn(async () => {
        throw boom;
      });
    }).catch((e: unknown) => e);
    expect(error).toBe(boom);
    expect((error as { suppressed?: unknown }).suppressed).toBeUndefined();
  });
});

describe('8. explicit cancel', () => {
  it('aborts running tasks with an AbortError, drops queued ones, and run() returns the body value', async () => {
    const journal = new Journal();
    let reason: unknown;
    const value = await TaskGroup.run(
      (group) => {
        void group.spawn(async (signal) => {
          await untilAborted(signal).catch((e: unknown) => {
            reason = e;
            journal.note('aborted');
            throw e;
          });
        });
        void group.spawn(async () => void journal.note('queued task started'));
        group.cancel();
        return 'body value';
      },
      { limit: 1 },
    );
    expect(value).toBe('body value');
    expect(journal.events).toEqual(['aborted']);
    expect(reason).toBeInstanceOf(DOMException);
    expect((reason as DOMException).name).toBe('AbortError');
  });

  it('uses the given reason, and a real failure after cancel still rejects', async () => {
    const group = new TaskGroup();
    const boom = new Boom();
    const seen = group.spawn(async (signal) => untilAborted(signal));
    void group.spawn(async (signal) => {
      await untilAborted(signal).catch(() => undefined);
      throw boom;
    });
    group.cancel('stop');
    await expect(seen).rejects.toBe('stop');
    await expect(group.wait()).rejects.toBe(boom);
  });
});

describe('9. closed groups', () => {
  it('spawn after the group was joined throws synchronously', async () => {
    const group = new TaskGroup({ name: 'jobs' });
    await group.wait();
    expect(() => group.spawn(() => 1)).toThrow(/jobs.*closed/);
  });

  it('tasks may spawn siblings while the group is waiting', async () => {
    const journal = new Journal();
    const group = new TaskGroup();
    void group.spawn(async () => {
      await sleep(2);
      void group.spawn(async () => {
        await sleep(5);
        journal.note('sibling');
      });
    });
    await group.wait();
    expect(journal.events).toEqual(['sibling']);
  });

  it('spawn on an aborted group starts nothing and returns a promise rejected with the reason', async () => {
    const group = new TaskGroup();
    group.cancel('gone');
    const task = vi.fn();
    const promise = group.spawn(task);
    await tick(2);
    expect(task).not.toHaveBeenCalled();
    await expect(promise).rejects.toBe('gone');
    await group.wait();
  });

  it('spawn rejects a non-function with a TypeError', () => {
    const group = new TaskGroup();
    expect(() => group.spawn(42 as never)).toThrow(TypeError);
    void group.wait();
  });
});

describe('[Symbol.asyncDispose] (await using)', () => {
  it('a throw in the block cancels the tasks still running and joins them, instead of waiting for them', async () => {
    const journal = new Journal();
    const boom = new Boom();
    const slow = gate(); // would finish only when the test opens it
    const block = async () => {
      await using group = new TaskGroup();
      void group.spawn(async (signal) => {
        await Promise.race([slow.promise, untilAborted(signal)]).catch((error: unknown) => {
          journal.note('aborted');
          throw error;
        });
        journal.note('finished');
      });
      await tick(1);
      throw boom;
    };
    const outcome = block().catch((error: unknown) => error);
    const first = await Promise.race([outcome, sleep(2_000).then(() => 'still waiting')]);
    slow.open();
    expect(first).toBe(boom);
    expect(journal.events).toEqual(['aborted']);
  });

  it('after `await group.wait()` in the block, disposal only joins: every task finished', async () => {
    const journal = new Journal();
    {
      await using group = new TaskGroup();
      void group.spawn(async () => {
        await sleep(3);
        journal.note('task');
      });
      await group.wait();
    }
    expect(journal.events).toEqual(['task']);
  });

  it('a block left without wait() cancels what is still running, and the group settles normally', async () => {
    const journal = new Journal();
    const group = new TaskGroup();
    void group.spawn(async (signal) => {
      await untilAborted(signal).catch((error: unknown) => {
        journal.note(`aborted: ${(error as DOMException).name}`);
        throw error;
      });
    });
    void group.spawn(() => journal.note('done at once'));
    expect(typeof group[Symbol.asyncDispose]).toBe('function');
    await group[Symbol.asyncDispose]();
    expect(journal.events).toEqual(['done at once', 'aborted: AbortError']);
  });

  it('a task failure still rejects the disposal', async () => {
    const boom = new Boom();
    const group = new TaskGroup();
    void group.spawn(() => Promise.reject(boom));
    await tick(1);
    await expect(group[Symbol.asyncDispose]()).rejects.toBe(boom);
  });
});

describe('options', () => {
  it.each([
    [{ timeout: -1 }, /timeout/],
    [{ timeout: Number.NaN }, /timeout/],
    [{ limit: 0 }, /limit/],
    [{ limit: 1.5 }, /limit/],
    [{ signal: {} as AbortSignal }, /signal/],
    [{ onError: 'log' as never }, /onError/],
  ])('rejects bad options %o with a clear TypeError', async (options, message) => {
    expect(() => new TaskGroup(options)).toThrow(message);
    await expect(TaskGroup.all([], options)).rejects.toThrow(message);
  });
});
