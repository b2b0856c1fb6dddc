import { cancelledError } from './errors';
import { callTask, toArray } from './input';
import { resolveOptions } from './options';
import { type Sink, Scope } from './scope';
import { noop } from './signal';
import type { TaskGroupOptions, TaskLike } from './types';

const END: unique symbol = Symbol('end');

/** Hands results from tasks to the loop in completion order; stops taking them after a failure. */
class Channel implements Sink {
  private readonly buffer: unknown[] = [];
  private head = 0;
  private waiter: ((item: unknown) => void) | undefined = undefined;
  constructor(private readonly scope: Scope) {}

  call(item: unknown, signal: AbortSignal): unknown {
    return callTask(item, signal);
  }
  fulfilled(value: unknown): void {
    if (!this.scope.failed) this.push(value);
  }
  rejected(error: unknown, _index: number, cancelled: boolean): void {
    if (!cancelled) this.scope.fail(error);
  }
  dropped(): void {}

  push(item: unknown): void {
    const waiter = this.waiter;
    if (waiter === undefined) this.buffer.push(item);
    else {
      this.waiter = undefined;
      waiter(item);
    }
  }

  take(): unknown {
    if (this.head < this.buffer.length) {
      const item = this.buffer[this.head];
      this.buffer[this.head++] = undefined;
      return item;
    }
    this.buffer.length = 0;
    this.head = 0;
    return new Promise((resolve) => (this.waiter = resolve));
  }
}

async function* completions<T>(items: readonly unknown[], options: TaskGroupOptions | undefined): AsyncGenerator<T, void, undefined> {
  const scope = new Scope(options);
  const channel = new Channel(scope);
  const joined = new Promise<void>((resolve, reject) => {
    scope.onFinish = () => {
      scope.settle(resolve, reject, undefined);
      channel.push(END);
    };
  });
  // Owned here: awaited in `finally` below, even if the loop was abandoned.
  joined.then(undefined, noop);
  for (let i = 0; i < items.length; i++) scope.add(channel, items[i], i, typeof items[i] === 'function');
  scope.close();
  try {
    for (;;) {
      let item = channel.take();
      if (item instanceof Promise) item = await item;
      if (item === END) break;
      yield item as T;
    }
  } finally {
    // Leaving the loop early (break, return, throw) cancels the rest; then join before completing.
    if (!scope.finished) scope.abortWith(cancelledError(scope.name, 'was cancelled: the asCompleted loop exited'), false);
    await joined;
  }
}

/**
 * Yields results in completion order (like Python's `asyncio.as_completed`). Tasks start on the
 * first `next()`; a failure cancels the rest, joins them and throws from the loop; leaving the loop
 * early cancels and joins the rest before the loop statement completes.
 */
export function asCompleted<T>(tasks: Iterable<TaskLike<T>>, options?: TaskGroupOptions): AsyncIterableIterator<T> {
  const items = toArray(tasks, 'TaskGroup.asCompleted');
  resolveOptions(options); // bad options fail here, not at the first `next()`
  return completions<T>(items, options);
}
