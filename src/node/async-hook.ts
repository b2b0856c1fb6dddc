import { createHook } from 'node:async_hooks';
import { currentTracker } from './context';
import type { Graph, TimerResource } from './graph';
import { internalError } from './internal-error';

/**
 * One `async_hooks` hook for promises, timers and immediates, enabled while at least one tracker
 * follows promises and disabled as soon as none does (promise hooks slow every promise in the
 * process). No `destroy` hook: it would make V8 track the collection of every promise.
 */
let users = 0;

/** The graph of each pending tracked resource: it may settle from another context. */
const owners = new Map<number, Graph>();

const KINDS: Record<string, 'promise' | 'timer' | 'immediate' | undefined> = { PROMISE: 'promise', Timeout: 'timer', Immediate: 'immediate' };

function onInit(id: number, type: string, trigger: number, resource: object): void {
  const kind = KINDS[type];
  if (kind === undefined) return;
  const graph = currentTracker()?.graph;
  if (graph === undefined) return;
  try {
    if (kind === 'promise') graph.promiseCreated(id, trigger, resource, onInit);
    else graph.timerCreated(kind, id, resource as TimerResource, onInit);
    owners.set(id, graph);
  } catch (error) {
    internalError(error);
  }
}

function onPromiseResolve(id: number): void {
  const graph = owners.get(id);
  if (graph === undefined) return;
  owners.delete(id);
  try {
    graph.settled(id);
  } catch (error) {
    internalError(error);
  }
}

/** After a timer's or an immediate's callback: done, unless it is an interval. */
function onAfter(id: number): void {
  const graph = owners.get(id);
  if (graph === undefined || graph.repeats(id)) return;
  owners.delete(id);
  try {
    graph.settled(id);
  } catch (error) {
    internalError(error);
  }
}


const hook = createHook({ init: onInit, promiseResolve: onPromiseResolve, after: onAfter });

export function retainAsyncHook(): void {
  if (users++ === 0) hook.enable();
}

/** `graph` is no longer followed: forget its pending resources, and disable the hook if last. */
export function releaseAsyncHook(graph: Graph): void {
  for (const id of graph.ids()) owners.delete(id);
  if (--users === 0) hook.disable();
}

/** Whether the hook is enabled (for tests: it must be off when nothing follows promises). */
export function asyncHookEnabled(): boolean {
  return users > 0;
}
