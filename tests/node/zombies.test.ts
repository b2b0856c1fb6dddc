import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, test } from 'vitest';
import { TaskGroup } from '../../src/runtime/index';
import { zombies } from '../../src/node/index';
import { promiseHookEnabled } from '../../src/node/promise-hook';
import { gatherWithPromiseAll, gatherWithTaskGroup, lineOf } from './scenario';

describe('zombies() on the scenario (agrees with the HTTP test)', () => {
  test('Promise.all: three promises outlive the function, each started on the combinator line', async () => {
    const found = await zombies(gatherWithPromiseAll, { promises: true });
    expect(found).toHaveLength(3);
    for (const zombie of found) expect(zombie).toEqual({ kind: 'promise', stack: expect.stringContaining(lineOf('await Promise.all(')) });
  });

  test('TaskGroup.all: nothing outlives the function', async () => {
    expect(await zombies(gatherWithTaskGroup, { promises: true })).toEqual([]);
    expect(await zombies(gatherWithTaskGroup)).toEqual([]);
  });

  test('counting mode follows TaskGroup tasks only', async () => {
    expect(await zombies(gatherWithPromiseAll)).toEqual([]);
  });
});

describe('zombies()', () => {
  test('reports a task of a group nobody joined, with the line that spawned it', async () => {
    const group = new TaskGroup({ name: 'leaky' });
    function leak(): void {
      void group.spawn((signal) => sleep(1_000, undefined, { signal }));
    }
    try {
      const found = await zombies(leak, { captureStacks: true });
      expect(found).toEqual([{ kind: 'task', group: 'leaky', stack: expect.any(String) }]);
      expect(found[0]!.stack!.split('\n')[0]).toMatch(/^ {4}at leak \(.*zombies\.test\.ts:\d+:\d+\)$/);
    } finally {
      group.cancel();
      await group.wait();
    }
  });

  test('without captureStacks, no stack is taken', async () => {
    const group = new TaskGroup();
    const found = await zombies(() => void group.spawn((signal) => sleep(1_000, undefined, { signal })));
    group.cancel();
    await group.wait();
    expect(found).toEqual([{ kind: 'task' }]);
  });

  test('a running task is reported once, not again as the promises of its body', async () => {
    const group = new TaskGroup();
    const found = await zombies(
      () => {
        void group.spawn(async (signal) => {
          await sleep(1_000, undefined, { signal });
        });
      },
      { promises: true },
    );
    group.cancel();
    await group.wait();
    expect(found.map((zombie) => zombie.kind)).toEqual(['task']);
  });

  test('a promise left floating by an async function that returned is reported on its own line', async () => {
    let timer: Promise<void> | undefined;
    async function startAndReturn(): Promise<void> {
      await sleep(1);
      timer = sleep(200);
    }
    const found = await zombies(startAndReturn, { promises: true });
    await timer;
    expect(found).toHaveLength(1);
    expect(found[0]!.stack!.split('\n').find((line) => line.includes('zombies.test.ts'))).toContain('startAndReturn');
  });

  test('work that settled before the function did is not reported', async () => {
    const found = await zombies(
      async () => {
        await Promise.all([sleep(5), sleep(10), TaskGroup.all([() => sleep(5)])]);
        await new Promise((resolve) => setTimeout(resolve, 1));
      },
      { promises: true },
    );
    expect(found).toEqual([]);
  });

  test('concurrent calls each see only their own work', async () => {
    const leak = (ms: number) => () => void sleep(ms);
    const [one, two] = await Promise.all([
      zombies(leak(100), { promises: true }),
      zombies(async () => {
        leak(100)();
        leak(100)();
      }, { promises: true }),
    ]);
    expect(one).toHaveLength(1);
    expect(two).toHaveLength(2);
    await sleep(100);
  });

  test("the function's error is rethrown unchanged, with the zombies attached", async () => {
    const error = new Error('handler failed');
    const thrown = await zombies(
      async () => {
        void sleep(50);
        throw error;
      },
      { promises: true },
    ).catch((caught: unknown) => caught);
    expect(thrown).toBe(error);
    expect((thrown as { zombies: unknown[] }).zombies).toHaveLength(1);
    expect(Object.keys(thrown as object)).not.toContain('zombies');
    await sleep(50);
  });

  test('bad input is a clear TypeError', async () => {
    await expect(zombies('nope' as never)).rejects.toThrow('zombies expects a function');
    await expect(zombies(() => 1, { promise: true } as never)).rejects.toThrow('zombies: unknown option "promise"');
    await expect(zombies(() => 1, { promises: 'yes' } as never)).rejects.toThrow('"promises" must be a boolean');
    await expect(zombies(() => 1, { onZombie: () => {} } as never)).rejects.toThrow('unknown option "onZombie"');
  });

  test('the promise hook is on only while a call follows promises', async () => {
    expect(promiseHookEnabled()).toBe(false);
    let during = false;
    await zombies(
      () => {
        during = promiseHookEnabled();
      },
      { promises: true },
    );
    expect(during).toBe(true);
    expect(promiseHookEnabled()).toBe(false);
    await zombies(() => {
      during = promiseHookEnabled();
    });
    expect(during).toBe(false);
    await zombies(() => Promise.reject(new Error('x')), { promises: true }).catch(() => undefined);
    expect(promiseHookEnabled()).toBe(false);
  });
});
