import { releaseContext, retainContext, runTracked } from './context';
import type { Op } from './operation';
import { type ZombieOptions, resolveOptions } from './options';
import type { Zombie } from './report';
import { releaseTaskEvents, retainTaskEvents } from './task-events';
import { Tracker, type TrackerOwner } from './tracker';

/** One `zombies()` call: collects what is found. */
class Call implements TrackerOwner {
  readonly awaited = true;
  readonly ops: Op[] = [];

  constructor(readonly grace: number) {}

  found(_tracker: Tracker, ops: Op[]): void {
    this.ops.push(...ops);
  }

  followedUp(): void {}
}

/**
 * Runs `fn`, waits for it to settle, then returns the operations it started that are still
 * running: its TaskGroup tasks, and with `{ promises: true }` the promises, timers and immediates
 * its code started (one entry per call of the user's code: the promises a library made for it
 * are folded under it). With `grace`, waits up to that many milliseconds for them to end, then
 * returns them with their `outcome`, and with what began meanwhile (`late`).
 *
 * If `fn` throws or rejects, that error is rethrown unchanged, with the zombies attached as a
 * non-enumerable `zombies` property when the error is an extensible object.
 *
 * @example expect(await zombies(() => handler(req))).toHaveLength(0);
 */
export async function zombies(fn: () => unknown, options?: ZombieOptions): Promise<Zombie[]> {
  if (typeof fn !== 'function') throw new TypeError('zombies expects a function () => value');
  const { promises, captureStacks, grace } = resolveOptions(options, 'zombies');
  retainTaskEvents();
  retainContext();
  const call = new Call(grace);
  const tracker = new Tracker(call, captureStacks !== false, promises);
  try {
    let failure: { error: unknown } | undefined;
    try {
      await runTracked(tracker, fn);
    } catch (error) {
      failure = { error };
    }
    tracker.close();
    await tracker.whenIdle();
    const found = call.ops.map((op) => op.toZombie(grace > 0 ? tracker.closedAt : undefined));
    if (failure === undefined) return found;
    const { error } = failure;
    if (typeof error === 'object' && error !== null && Object.isExtensible(error)) {
      Object.defineProperty(error, 'zombies', { value: found, configurable: true, writable: true });
    }
    throw error;
  } finally {
    tracker.dispose();
    releaseTaskEvents();
    releaseContext();
  }
}
