/** A unit of work: receives the group's signal, returns a value or a promise of one. */
export type Task<T> = (signal: AbortSignal) => T | PromiseLike<T>;

export interface TaskGroupOptions {
  /** Parent signal: its abort cancels the group, which then rejects with its reason. */
  signal?: AbortSignal;
  /** Deadline for the whole group, in milliseconds. */
  timeout?: number;
  /** Most tasks running at once; further tasks wait and start in FIFO order. */
  limit?: number;
  /** Shown in errors. */
  name?: string;
  /** A failure does not cancel siblings (each failure goes to `onError`). */
  supervise?: boolean;
  /** Receives failures that are not rethrown (later failures; every failure when supervising). */
  onError?: (error: unknown) => void;
}

export interface TaskStats {
  /** Tasks spawned and not yet settled (running or queued). */
  active: number;
  created: number;
  settled: number;
  failed: number;
  cancelled: number;
  /** Groups created and not yet joined (the `background` group is not counted). */
  groups: number;
}

/** What an element of a combinator's input resolves to: a task's result, or the awaited value. */
export type TaskResult<T> = T extends (signal: AbortSignal) => infer R ? Awaited<R> : Awaited<T>;

/** An element of a combinator's input: a task function, a promise or a plain value. */
export type TaskLike<T> = Task<T> | PromiseLike<T> | T;

/**
 * Constraint for tuple inputs. Listing `Task<unknown>` gives task functions in an array literal a
 * contextual type, so `(signal) => ...` needs no annotation. Plain values match
 * `{ valueOf(): unknown }` (every value but `null`/`undefined` has one): with `{}` in its place
 * TypeScript gives the functions no contextual signature (implicit `any`), and with `string`,
 * `number`... it would keep literal types (`[1, 'x']` instead of `[number, string]`).
 */
export type TaskTuple = readonly (Task<unknown> | PromiseLike<unknown> | { valueOf(): unknown } | null | undefined)[] | [];
