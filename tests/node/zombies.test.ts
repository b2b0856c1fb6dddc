import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, test } from 'vitest';
import { TaskGroup } from '../../src/runtime/index';
import { groupZombies, type Zombie, zombies } from '../../src/node/index';
import { asyncHookEnabled } from '../../src/node/async-hook';
import { gatherWithPromiseAll, gatherWithTaskGroup, lineIn, lineOf, SLOW_MS, slow } from './scenario';
import { useTestUpstream } from './upstream';

const upstream = useTestUpstream();

/** `[count, kind, name, line of this file]` per group. */
function summary(found: readonly Zombie[]) {
  return groupZombies(found).map(({ count, kind, name, site }) => [count, kind, name, site?.replace(/:\d+$/, '')]);
}
const here = (text: string): string => lineIn(import.meta.url, text);

describe('zombies() on the scenario (agrees with the HTTP test)', () => {
  test('Promise.all: three timers outlive the function, started in the tasks the combinator line called', async () => {
    const found = await zombies(gatherWithPromiseAll, { promises: true });
    expect(found).toHaveLength(3);
    for (const zombie of found) {
      expect(zombie).toMatchObject({ kind: 'promise', name: 'setTimeout', site: expect.stringMatching(/^tests\/node\/scenario\.ts:\d+:\d+$/) });
      expect(zombie.site).toContain(lineOf('await sleep(units'));
      expect(zombie.stack).toContain(lineOf('await Promise.all('));
    }
  });

  test('TaskGroup.all: nothing outlives the function', async () => {
    expect(await zombies(gatherWithTaskGroup, { promises: true })).toEqual([]);
    expect(await zombies(gatherWithTaskGroup)).toEqual([]);
  });

  test('counting mode follows TaskGroup tasks only', async () => {
    expect(await zombies(gatherWithPromiseAll)).toEqual([]);
  });
});

describe('zombies() counts what the code started, not the promises inside a library', () => {
  test('four fetches under Promise.allSettled: 4× fetch at the line that called fetch', async () => {
    const found = await zombies(() => void Promise.allSettled([1, 2, 3, 4].map(() => fetch(slow()))), { promises: true });
    expect(summary(found)).toEqual([[4, 'promise', 'fetch', here('void Promise.allSettled([1, 2, 3, 4]')]]);
  });

  test('the two losers of Promise.race: one fetch each, at their own lines', async () => {
    const fetchA = () => fetch(slow());
    const fetchB = () => fetch(slow());
    const winner = () => sleep(5);
    const found = await zombies(() => Promise.race([fetchA(), fetchB(), winner()]), { promises: true });
    expect(summary(found)).toEqual([
      [1, 'promise', 'fetch', here('const fetchA = () =>')],
      [1, 'promise', 'fetch', here('const fetchB = () =>')],
    ]);
  });

  test('TaskGroup.race with the losers given the signal: nothing, though their fetches still unwind', async () => {
    const tag = 'race-cancelled';
    const found = await zombies(
      () =>
        TaskGroup.race([(signal) => fetch(slow(SLOW_MS, tag), { signal }), (signal) => fetch(slow(SLOW_MS, tag), { signal }), () => sleep(20)]),
      { promises: true },
    );
    expect(found).toEqual([]);
    expect(upstream().answered(tag)).toBe(0);
  });

  test('work a cancelled task left floating without its signal: reported once the grace period ends, as cancelled', async () => {
    const started = performance.now();
    const found = await zombies(
      () =>
        TaskGroup.race([
          (signal) => {
            void sleep(SLOW_MS); // not given the signal: runs on after the task was cancelled
            return sleep(1_000, undefined, { signal });
          },
          () => sleep(5),
        ]),
      { promises: true, grace: 100 },
    );
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
    expect(found).toEqual([expect.objectContaining({ kind: 'promise', name: 'setTimeout', cancelled: true, outcome: 'running' })]);
    expect(found[0]!.site).toContain(here('void sleep(SLOW_MS); // not given'));
  });

  test('a timer whose callback does async work: one timer, not the promises of its callback', async () => {
    const found = await zombies(
      () => {
        setTimeout(async () => {
          await fetch(slow());
        }, 0);
      },
      { promises: true },
    );
    expect(summary(found)).toEqual([[1, 'timer', 'setTimeout', here('setTimeout(async () => {')]]);
  });

  test('an immediate, and a timer cleared before the end, which is not reported', async () => {
    const found = await zombies(
      () => {
        clearTimeout(setTimeout(() => {}, 1_000));
        setImmediate(() => {});
      },
      { promises: true },
    );
    expect(summary(found)).toEqual([[1, 'immediate', 'setImmediate', here('setImmediate(() => {});')]]);
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
    expect(found.map((zombie) => [zombie.kind, zombie.name])).toEqual([['task', 'TaskGroup.spawn']]);
  });

  test('a promise left floating by an async function that returned is reported on its own line', async () => {
    let timer: Promise<void> | undefined;
    async function startAndReturn(): Promise<void> {
      await sleep(1);
      timer = sleep(200);
    }
    const found = await zombies(startAndReturn, { promises: true });
    await timer;
    expect(summary(found)).toEqual([[1, 'promise', 'setTimeout', here('timer = sleep(200);')]]);
    expect(found[0]!.stack!.split('\n')[0]).toContain('startAndReturn');
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
});

describe('zombies() with a grace period', () => {
  test('says what became of each: fulfilled, failed, cancelled tasks; settled promises; what still runs', async () => {
    const group = new TaskGroup({ supervise: true, onError: () => {} });
    const found = await zombies(
      () => {
        void group.spawn(() => sleep(20));
        void group.spawn(() => sleep(20).then(() => Promise.reject(new Error('late failure'))));
        void group.spawn((signal) => sleep(1_000, undefined, { signal }));
        void sleep(30);
        void sleep(1_000);
        setTimeout(() => group.cancel(), 40);
      },
      { promises: true, grace: 300 },
    );
    expect(found.map(({ kind, outcome }) => [kind, outcome])).toEqual([
      ['task', 'fulfilled'],
      ['task', 'failed'],
      ['task', 'cancelled'],
      ['promise', 'settled'],
      ['promise', 'running'],
      ['timer', 'settled'],
    ]);
    for (const zombie of found.filter((one) => one.outcome !== 'running')) expect(zombie.settledAfterMs).toBeLessThan(300);
    await group.wait();
  });

  test('returns as soon as everything it found has ended', async () => {
    const started = performance.now();
    const found = await zombies(() => void sleep(30), { promises: true, grace: 5_000 });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(found).toEqual([expect.objectContaining({ outcome: 'settled', settledAfterMs: expect.any(Number) })]);
  });

  test('counting mode: a task that begins after the function returned is reported, as late', async () => {
    const group = new TaskGroup();
    const found = await zombies(
      () => {
        // An untracked wait (counting mode follows tasks only), then a task: it starts after the end.
        void sleep(10).then(() => void group.spawn((signal) => sleep(1_000, undefined, { signal })));
      },
      { grace: 100 },
    );
    group.cancel();
    await group.wait();
    expect(found).toEqual([
      expect.objectContaining({ kind: 'task', name: 'TaskGroup.spawn', late: true, outcome: 'running', site: expect.stringContaining(here('void sleep(10).then(')) }),
    ]);
  });
});

describe('zombies()', () => {
  test('reports a task of a group nobody joined, with the line that spawned it', async () => {
    const group = new TaskGroup({ name: 'leaky' });
    function leak(): void {
      void group.spawn((signal) => sleep(1_000, undefined, { signal }));
    }
    try {
      const found = await zombies(leak);
      expect(found).toEqual([{ kind: 'task', name: 'TaskGroup.spawn', group: 'leaky', site: expect.stringContaining(here('function leak(): void {').replace(/\d+$/, (line) => String(Number(line) + 1))), stack: expect.any(String) }]);
      expect(found[0]!.stack!.split('\n')[0]).toMatch(/^ {4}at leak \(.*zombies\.test\.ts:\d+:\d+\)$/);
    } finally {
      group.cancel();
      await group.wait();
    }
  });

  test('with captureStacks: false, no stack is taken', async () => {
    const group = new TaskGroup();
    const found = await zombies(() => void group.spawn((signal) => sleep(1_000, undefined, { signal })), { captureStacks: false });
    group.cancel();
    await group.wait();
    expect(found).toEqual([{ kind: 'task' }]);
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
    await expect(zombies(() => 1, { grace: '1s' } as never)).rejects.toThrow('"grace" must be a number');
    await expect(zombies(() => 1, { onZombie: () => {} } as never)).rejects.toThrow('unknown option "onZombie"');
  });

  test('the async hook is on only while a call follows promises', async () => {
    expect(asyncHookEnabled()).toBe(false);
    let during = false;
    await zombies(
      () => {
        during = asyncHookEnabled();
      },
      { promises: true },
    );
    expect(during).toBe(true);
    expect(asyncHookEnabled()).toBe(false);
    await zombies(() => {
      during = asyncHookEnabled();
    });
    expect(during).toBe(false);
    await zombies(() => Promise.reject(new Error('x')), { promises: true }).catch(() => undefined);
    expect(asyncHookEnabled()).toBe(false);
    await zombies(() => void sleep(20), { promises: true, grace: 10 });
    expect(asyncHookEnabled()).toBe(false);
  });
});
