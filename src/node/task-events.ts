import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { currentTracker } from './context';
import { internalError } from './internal-error';
import { taskEnded, type TracedTask } from './tracker';

/**
 * Follows the runtime's task events (`taskgroup:task:start` / `end`, see `src/runtime/diagnostics.ts`)
 * while at least one tracker needs them: a task spawned in a tracker's context belongs to it. The
 * runtime publishes (and takes its traced path) only while someone subscribes.
 */
const START = 'taskgroup:task:start';
const END = 'taskgroup:task:end';

let users = 0;

// A subscriber that throws would surface as an uncaught exception: a bug of the detector must not.
function onTaskStart(message: unknown): void {
  try {
    currentTracker()?.taskStarted(message as TracedTask, onTaskStart);
  } catch (error) {
    internalError(error);
  }
}

function onTaskEnd(message: unknown): void {
  try {
    taskEnded(message as TracedTask);
  } catch (error) {
    internalError(error);
  }
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
