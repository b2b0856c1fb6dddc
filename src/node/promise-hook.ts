import { createHook } from 'node:async_hooks';
import { currentTracker } from './context';
import type { Tracker } from './tracker';

/**
 * One `async_hooks` hook for `PROMISE` resources, enabled while at least one tracker follows
 * promises and disabled as soon as none does (promise hooks slow every promise in the process).
 */
let users = 0;

/** The tracker of each pending tracked promise: it may settle from another context. */
const owners = new Map<number, Tracker>();

function onPromiseInit(id: number, type: string, trigger: number, promise: object): void {
  if (type !== 'PROMISE') return;
  const tracker = currentTracker();
  if (tracker === undefined || !tracker.promises) return;
  owners.set(id, tracker);
  tracker.promiseCreated(id, trigger, promise, onPromiseInit);
}

function onPromiseResolve(id: number): void {
  const tracker = owners.get(id);
  if (tracker === undefined) return;
  owners.delete(id);
  tracker.promiseSettled(id);
}

const hook = createHook({ init: onPromiseInit, promiseResolve: onPromiseResolve });

export function retainPromiseHook(): void {
  if (users++ === 0) hook.enable();
}

/** `tracker` no longer follows promises: forget its pending ones, and disable the hook if last. */
export function releasePromiseHook(tracker: Tracker): void {
  for (const id of tracker.pendingIds()) owners.delete(id);
  if (--users === 0) hook.disable();
}

/** Whether the promise hook is enabled (for tests: it must be off when nothing tracks). */
export function promiseHookEnabled(): boolean {
  return users > 0;
}
