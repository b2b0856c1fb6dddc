import { getEventListeners } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { TaskGroup } from '../../src/runtime/index';
import { Boom, failOnUnhandledRejection, gate, Journal, sleep, tick, untilAborted } from './helpers';

failOnUnhandledRejection();

/** A parent signal whose add/removeEventListener calls are recorded. */
function spiedParent() {
  const controller = new AbortController();
  const add = vi.spyOn(controller.signal, 'addEventListener');
  const remove = vi.spyOn(controller.signal, 'removeEventListener');
  return { controller, signal: controller.signal, add, remove };
}

describe('6. parent signal', () => {
  it('a parent abort aborts the group with the same reason, and the group rejects with it', async () => {
    const { controller, signal } = spiedParent();
    const journal = new Journal();
    const reason = new Error('shutdown');
    const run = TaskGroup.run(
      (group) => {
        void group.spawn(async (taskSignal) => {
          await untilAborted(taskSignal).finally(() => journal.note('task aborted'));
        });
      },
      { signal },
    );
    await tick(1);
    controller.abort(reason);
    await expect(run).rejects.toBe(reason);
    expect(journal.events).toEqual(['task aborted']);
  });

  it('links with one { once: true } listener, removed when the group settles', async () => {
    const { signal, add, remove } = spiedParent();
    await TaskGroup.all([() => sleep(2), () => 1], { signal });
    expect(add).toHaveBeenCalledTimes(1);
    const [type, listener, options] = add.mock.calls[0]!;
    expect(type).toBe('abort');
    expect(options).toEqual({ once: true });
    expect(remove).toHaveBeenCalledWith('abort', listener);
  });

  it('removes the listener when the group fails too', async () => {
    const { signal, add, remove } = spiedParent();
    await expect(TaskGroup.run(() => Promise.reject(new Error('x')), { signal })).rejects.toThrow('x');
    expect(remove).toHaveBeenCalledWith('abort', add.mock.calls[0]![1]);
  });

  it('an already-aborted parent starts nothing', async () => {
    const reason = new Error('already');
    const task = vi.fn(() => 1);
    await expect(TaskGroup.all([task, task], { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    await expect(TaskGroup.map([1, 2], task, { signal: AbortSignal.abort(reason), limit: 1 })).rejects.toBe(reason);
    const group = new TaskGroup({ signal: AbortSignal.abort(reason) });
    await expect(group.spawn(task)).rejects.toBe(reason);
    await expect(group.wait()).rejects.toBe(reason);
    expect(task).not.toHaveBeenCalled();
  });
});

describe('7. deadline', () => {
  it('timeout aborts the group with a TimeoutError DOMException and rejects with it', async () => {
    let seen: unknown;
    const error = await TaskGroup.run(
      (group) => {
        void group.spawn(async (signal) => {
          await untilAborted(signal).catch((e: unknown) => {
            seen = e;
            throw e;
          });
        });
      },
      { timeout: 5, name: 'nightly' },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('TimeoutError');
    expect((error as DOMException).message).toMatch(/nightly.*5 ms/);
    expect(seen).toBe(error);
  });

  it('no timer outlives the group', async () => {
    const set = vi.spyOn(globalThis, 'setTimeout');
    const clear = vi.spyOn(globalThis, 'clearTimeout');
    try {
      await TaskGroup.all([() => 1, async () => 2], { timeout: 60_000 });
      const timer = set.mock.results.find((_, i) => set.mock.calls[i]![1] === 60_000)?.value;
      expect(timer).toBeDefined();
      expect(clear).toHaveBeenCalledWith(timer);
    } finally {
      set.mockRestore();
      clear.mockRestore();
    }
  });

  it('the deadline passes to tasks through the signal, and a cleared group does not fire later', async () => {
    const journal = new Journal();
    await TaskGroup.run(
      (group) => {
        void group.spawn(async (signal) => {
          await sleep(1, signal);
          journal.note(`aborted: ${signal.aborted}`);
        });
      },
      { timeout: 200 },
    );
    await tick(250);
    expect(journal.events).toEqual(['aborted: false']);
  });
});

describe('8. cancel() does not forget the parent or the deadline', () => {
  it('a parent abort during the cleanup after cancel() wins: run rejects with its reason', async () => {
    const { controller, signal, add, remove } = spiedParent();
    const cleanup = gate();
    const reason = new Error('shutdown');
    let cancelled!: () => void;
    const run = TaskGroup.run(
      (group) => {
        void group.spawn(() => cleanup.promise); // ignores its signal for a while
        cancelled = () => group.cancel();
        return 'body value';
      },
      { signal },
    );
    cancelled();
    await tick(1);
    expect(remove).not.toHaveBeenCalled(); // still linked while the task cleans up
    controller.abort(reason);
    cleanup.open();
    await expect(run).rejects.toBe(reason);
    expect(add).toHaveBeenCalledTimes(1);
    expect(getEventListeners(signal, 'abort')).toHaveLength(0); // `once`: gone with the abort
  });

  it('a deadline that passes during the cleanup after cancel() wins: run rejects with a TimeoutError', async () => {
    const cleanup = gate();
    const run = TaskGroup.run(
      (group) => {
        void group.spawn(() => cleanup.promise);
        group.cancel();
      },
      { timeout: 5 },
    ).then(
      () => 'resolved',
      (error: unknown) => error,
    );
    await tick(30);
    cleanup.open();
    const error = await run;
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('TimeoutError');
  });

  it('a cancelled group that settles before the deadline clears its timer and unlinks once', async () => {
    const { signal, add, remove } = spiedParent();
    const clear = vi.spyOn(globalThis, 'clearTimeout');
    try {
      const group = new TaskGroup({ signal, timeout: 60_000 });
      void group.spawn((taskSignal) => untilAborted(taskSignal));
      group.cancel();
      await group.wait();
      expect(add).toHaveBeenCalledTimes(1);
      expect(remove).toHaveBeenCalledTimes(1);
      expect(clear).toHaveBeenCalled();
    } finally {
      clear.mockRestore();
    }
  });
});

describe('3. a parent abort or deadline is not a failure of the body', () => {
  it.each([
    ['the parent aborts', () => ({ signal: AbortSignal.timeout(1) })],
    ['the deadline passes', () => ({ timeout: 1 })],
  ])('%s, then the body throws its own error: no onError, nothing suppressed', async (_when, options) => {
    const handed: unknown[] = [];
    const bodyError = new Boom('body');
    const run = TaskGroup.run(
      async (group) => {
        void group.spawn((taskSignal) => untilAborted(taskSignal));
        await untilAborted(group.signal).catch(() => undefined);
        throw bodyError;
      },
      { ...options(), onError: (error) => handed.push(error) },
    );
    await expect(run).rejects.toBe(bodyError);
    expect(handed).toEqual([]);
    expect((bodyError as { suppressed?: unknown }).suppressed).toBeUndefined();
  });

  it('a task failure before the body throws is still suppressed under the body error', async () => {
    const handed: unknown[] = [];
    const bodyError = new Boom('body');
    const taskError = new Boom('task');
    const run = TaskGroup.run(
      async (group) => {
        void group.spawn(() => Promise.reject(taskError));
        await untilAborted(group.signal).catch(() => undefined);
        throw bodyError;
      },
      { onError: (error) => handed.push(error) },
    );
    await expect(run).rejects.toBe(bodyError);
    expect(handed).toEqual([taskError]);
    expect((bodyError as { suppressed?: unknown }).suppressed).toEqual([taskError]);
  });
});
