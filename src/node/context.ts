import { AsyncLocalStorage } from 'node:async_hooks';
import type { Tracker } from './tracker';

/** The tracker of the request (or `zombies()` call) whose async context is running, if open. */
const storage = new AsyncLocalStorage<Tracker>();

export function currentTracker(): Tracker | undefined {
  const tracker = storage.getStore();
  return tracker === undefined || tracker.closed ? undefined : tracker;
}

export function runTracked<R>(tracker: Tracker, fn: () => R): R {
  return storage.run(tracker, fn);
}
