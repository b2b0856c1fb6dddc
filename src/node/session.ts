import { releasePromiseHook, retainPromiseHook } from './promise-hook';
import { Tracker } from './tracker';

/** A tracker for one `zombies()` call or one request; the promise hook is on while it is open. */
export function openTracker(promises: boolean, captureStacks: boolean): Tracker {
  const tracker = new Tracker(promises, captureStacks);
  if (promises) retainPromiseHook();
  return tracker;
}

export function closeTracker(tracker: Tracker): void {
  if (tracker.closed) return;
  if (tracker.promises) releasePromiseHook(tracker);
  tracker.close();
}
