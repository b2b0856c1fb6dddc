import type { TaskStats } from './types';

/**
 * Task and group lifecycle: every task start and settlement in the runtime goes through the
 * functions below, so process-wide counting (and later tracing) lives in one place.
 *
 * The counters live on `globalThis` under a registered symbol, so the ESM and CommonJS builds (or
 * a vendored copy) loaded in one process count together.
 */
interface Counters {
  created: number;
  settled: number;
  failed: number;
  cancelled: number;
  groups: number;
}

const KEY = Symbol.for('eslint-plugin-taskgroup.stats');
const shared = globalThis as typeof globalThis & { [KEY]?: Counters };
const counters: Counters = (shared[KEY] ??= { created: 0, settled: 0, failed: 0, cancelled: 0, groups: 0 });

export function taskCreated(): void {
  counters.created++;
}

export function taskFulfilled(): void {
  counters.settled++;
}

/** `count` tasks joined as one batch all fulfilled (unbounded `all` / `map`). */
export function tasksFulfilled(count: number): void {
  counters.settled += count;
}

export function taskFailed(): void {
  counters.settled++;
  counters.failed++;
}

/** A task that was cancelled, including a queued task dropped before it started. */
export function taskCancelled(): void {
  counters.settled++;
  counters.cancelled++;
}

export function groupOpened(): void {
  counters.groups++;
}

export function groupJoined(): void {
  counters.groups--;
}

/** Process-wide task counters: what a `/task-status` endpoint returns. */
export function taskStats(): TaskStats {
  const { created, settled, failed, cancelled, groups } = counters;
  return { active: created - settled, created, settled, failed, cancelled, groups };
}
