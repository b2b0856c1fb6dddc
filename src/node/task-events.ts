import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { TaskMessage } from '../runtime/diagnostics';
import { currentTracker } from './context';
import type { Tracker } from './tracker';

/**
 * Follows the runtime's task events (`taskgroup:task:start` / `end`, see `src/runtime/diagnostics.ts`)
 * while at least one tracker needs them: a task spawned in a tracker's context belongs to it. The
 * runtime publishes (and takes its traced path) only while someone subscribes.
 */
const START = 'taskgroup:task:start';
const END = 'taskgroup:task:end';

let users = 0;
const owners = new WeakMap<TaskMessage, Tracker>();

function onTaskStart(message: unknown): void {
  const tracker = currentTracker();
  if (tracker === undefined) return;
  owners.set(message as TaskMessage, tracker);
  tracker.taskStarted(message as TaskMessage, onTaskStart);
}

function onTaskEnd(message: unknown): void {
  owners.get(message as TaskMessage)?.taskEnded(message as TaskMessage);
}

export function retainTaskEvents(): void {
  if (users++ > 0) return;
  subscribe(START, onTaskStart);
  subscribe(END, onTaskEnd);
}

export function releaseTaskEvents(): void {
  if (--users > 0) return;
  unsubscribe(START, onTaskStart);
  unsubscribe(END, onTaskEnd);
}
