import { AsyncLocalStorage } from 'node:async_hooks';
import type { Tracker } from './tracker';

/**
 * The tracker of the request (or `zombies()` call) whose async context is running. It stays in
 * that context after the response: what starts there later is work begun after the response.
 */
const storage = new AsyncLocalStorage<Tracker>();

export function currentTracker(): Tracker | undefined {
  return storage.getStore();
}

export function runTracked<R>(tracker: Tracker, fn: () => R): R {
  return storage.run(tracker, fn);
}

let users = 0;

/** A monitor or a `zombies()` call needs request contexts (`run` enables the storage again). */
export function retainContext(): void {
  users++;
}

/**
 * The last user is done: disable the storage. On Node 20 (and 22 without AsyncContextFrame) an
 * `AsyncLocalStorage` that ran keeps an async hook on every async resource of the process until
 * then; a closed monitor must not go on costing.
 */
export function releaseContext(): void {
  if (--users === 0) storage.disable();
}

/**
 * Runs `fn` outside every tracker: the detector's own timers and the user's `onZombie` must not
 * count as work the request started.
 */
export function runOutside<R>(fn: () => R): R {
  return storage.exit(fn);
}
