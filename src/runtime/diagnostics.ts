import type { Sink } from './scope';

/**
 * Task lifecycle on `diagnostics_channel`, for APM tools and the zombie detector
 * (`eslint-plugin-taskgroup/node`):
 *
 * - `taskgroup:task:start`: a task was spawned (queued tasks included), published synchronously
 *   in the spawner's async context;
 * - `taskgroup:task:end`: the same message object, once the task settled, with `outcome` set
 *   (`'fulfilled'`, `'failed'` or `'cancelled'`) and `error` for the last two.
 *
 * Like Node's `TracingChannel`, start and end share one object, so a subscriber can pair them by
 * identity. The module is reached without an import (`process.getBuiltinModule`); elsewhere, or
 * while nobody subscribes, nothing is published and `tracing()` is one property read.
 */
export type TaskOutcome = 'fulfilled' | 'failed' | 'cancelled';

export interface TaskMessage {
  /** Process-unique (per copy of the runtime), increasing. */
  readonly id: number;
  /** The group's `name` option. */
  readonly group: string | undefined;
  outcome: TaskOutcome | undefined;
  error: unknown;
}

interface Channel {
  readonly hasSubscribers: boolean;
  publish(message: unknown): void;
}

interface NodeProcess {
  getBuiltinModule?: (id: string) => { channel?: (name: string) => Channel } | undefined;
}

const channels = (globalThis as { process?: NodeProcess }).process?.getBuiltinModule?.('node:diagnostics_channel');
const startChannel = channels?.channel?.('taskgroup:task:start');
const endChannel = channels?.channel?.('taskgroup:task:end');

let lastId = 0;

/** Someone listens: tasks take the traced path (see `Scope.add`). */
export function tracing(): boolean {
  return startChannel !== undefined && (startChannel.hasSubscribers || endChannel!.hasSubscribers);
}

/** Publishes the start of a task and returns a sink that publishes its end before delegating. */
export function traceTask(sink: Sink, group: string | undefined): Sink {
  const message: TaskMessage = { id: ++lastId, group, outcome: undefined, error: undefined };
  if (startChannel!.hasSubscribers) startChannel!.publish(message);
  return new TracedSink(sink, message);
}

function publishEnd(message: TaskMessage, outcome: TaskOutcome, error: unknown): void {
  message.outcome = outcome;
  message.error = error;
  if (endChannel!.hasSubscribers) endChannel!.publish(message);
}

class TracedSink implements Sink {
  constructor(
    private readonly inner: Sink,
    private readonly message: TaskMessage,
  ) {}
  call(item: unknown, signal: AbortSignal, index: number): unknown {
    return this.inner.call(item, signal, index);
  }
  fulfilled(value: unknown, index: number): void {
    publishEnd(this.message, 'fulfilled', undefined);
    this.inner.fulfilled(value, index);
  }
  rejected(error: unknown, index: number, cancelled: boolean): void {
    publishEnd(this.message, cancelled ? 'cancelled' : 'failed', error);
    this.inner.rejected(error, index, cancelled);
  }
  dropped(index: number): void {
    publishEnd(this.message, 'cancelled', undefined);
    this.inner.dropped(index);
  }
}
