import { afterEach, describe, expect, it, vi } from 'vitest';
import { background, TaskGroup } from '../../src/runtime/index';
import { Boom, failOnUnhandledRejection, Journal, sleep } from './helpers';

failOnUnhandledRejection();

describe('12. supervising groups', () => {
  it('a failure never cancels siblings; each failure goes to onError', async () => {
    const journal = new Journal();
    const onError = vi.fn();
    const a = new Boom('a');
    const b = new Boom('b');
    const group = new TaskGroup({ supervise: true, onError });
    void group.spawn(() => Promise.reject(a));
    void group.spawn(async (signal) => {
      await sleep(10, signal);
      journal.note(`sibling finished, aborted: ${signal.aborted}`);
    });
    void group.spawn(async () => {
      await sleep(2);
      throw b;
    });
    await group.wait();
    expect(onError.mock.calls).toEqual([[a], [b]]);
    expect(journal.events).toEqual(['sibling finished, aborted: false']);
  });

  it('without onError, wait() rejects with an AggregateError of all failures', async () => {
    const a = new Boom('a');
    const b = new Boom('b');
    const group = new TaskGroup({ supervise: true, name: 'workers' });
    void group.spawn(() => Promise.reject(a));
    void group.spawn(() => Promise.reject(b));
    const error = await group.wait().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).errors).toEqual([a, b]);
    expect((error as AggregateError).message).toMatch(/workers.*2 tasks failed/);
  });

  it('still honours the deadline', async () => {
    const group = new TaskGroup({ supervise: true, timeout: 5 });
    void group.spawn((signal) => sleep(1_000, signal));
    await expect(group.wait()).rejects.toMatchObject({ name: 'TimeoutError' });
  });
});

describe('12. supervising all and map', () => {
  it.each([3, 40])('with onError, resolve with undefined where a task failed (%i tasks)', async (count) => {
    const boom = new Boom();
    const handed: unknown[] = [];
    const tasks = Array.from({ length: count }, (_, i) => (i === 1 ? () => Promise.reject(boom) : async () => i));
    const expected = tasks.map((_, i) => (i === 1 ? undefined : i));
    const options = { supervise: true, onError: (error: unknown) => handed.push(error) };
    await expect(TaskGroup.all(tasks, options)).resolves.toEqual(expected);
    await expect(TaskGroup.map(tasks, (task) => task(), options)).resolves.toEqual(expected);
    expect(handed).toEqual([boom, boom]);
  });
});

describe('12. background', () => {
  const original = background.onError;
  afterEach(() => {
    background.onError = original;
  });

  it('logs failures through console.error by default, never cancelling siblings', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const journal = new Journal();
    const boom = new Boom();
    try {
      void background.spawn(() => Promise.reject(boom));
      void background.spawn(async (signal) => {
        await sleep(5, signal);
        journal.note('sibling done');
      });
      await background.wait();
      expect(log).toHaveBeenCalledWith(expect.stringContaining('background'), boom);
      expect(journal.events).toEqual(['sibling done']);
    } finally {
      log.mockRestore();
    }
  });

  it('takes another handler, and wait() drains it without closing it', async () => {
    const onError = vi.fn();
    background.onError = onError;
    const journal = new Journal();
    void background.spawn(async () => {
      await sleep(3);
      void background.spawn(async () => {
        await sleep(3);
        journal.note('spawned by a task');
      });
      throw new Boom('handled');
    });
    await background.wait();
    expect(journal.events).toEqual(['spawned by a task']);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'handled' }));
    await expect(background.spawn(() => 'still open')).resolves.toBe('still open');
    await background.wait();
  });

  it('is an instance of TaskGroup', () => {
    expect(background).toBeInstanceOf(TaskGroup);
  });
});
