import { runTracked } from './context';
import { type ZombieOptions, resolveOptions } from './options';
import type { Zombie } from './report';
import { closeTracker, openTracker } from './session';
import { releaseTaskEvents, retainTaskEvents } from './task-events';

/**
 * Runs `fn`, waits for it to settle, then returns what it started that is still running: its
 * TaskGroup tasks, and with `{ promises: true }` its pending promises (the outermost ones: a
 * promise created inside pending work is part of that work).
 *
 * If `fn` throws or rejects, that error is rethrown unchanged, with the zombies attached as a
 * non-enumerable `zombies` property when the error is an extensible object.
 *
 * @example expect(await zombies(() => handler(req))).toHaveLength(0);
 */
export async function zombies(fn: () => unknown, options?: ZombieOptions): Promise<Zombie[]> {
  if (typeof fn !== 'function') throw new TypeError('zombies expects a function () => value');
  const { promises, captureStacks } = resolveOptions(options, 'zombies');
  retainTaskEvents();
  const tracker = openTracker(promises, captureStacks);
  let found: Zombie[];
  try {
    await runTracked(tracker, fn);
    found = tracker.zombies();
  } catch (error) {
    found = tracker.zombies();
    if (typeof error === 'object' && error !== null && Object.isExtensible(error)) {
      Object.defineProperty(error, 'zombies', { value: found, configurable: true, writable: true });
    }
    throw error;
  } finally {
    closeTracker(tracker);
    releaseTaskEvents();
  }
  return found;
}
