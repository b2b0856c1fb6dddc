import { defineAsyncDispose, scopeOf, TaskGroup, uncountedGroup } from './task-group';

export interface BackgroundGroup extends TaskGroup {
  /** Receives every failure of fire-and-forget work; `console.error` by default. Assign to replace. */
  onError: (error: unknown) => void;
}

function logFailure(error: unknown): void {
  console.error('[taskgroup] background task failed:', error);
}

/**
 * The process-wide supervising group: a failure never cancels siblings and goes to `onError`.
 * `wait()` drains it (joins every task spawned so far, and what they spawn) and leaves it open, so
 * it can be drained again (`ctx.waitUntil(background.wait())`) or at shutdown.
 */
class Background extends TaskGroup implements BackgroundGroup {
  onError: (error: unknown) => void = logFailure;
  #drained: Promise<void> | undefined = undefined;
  #resolveDrained: (() => void) | undefined = undefined;

  constructor() {
    super({ name: 'background', supervise: true, onError: (error) => this.onError(error) });
    scopeOf(this).onIdle = () => {
      const resolve = this.#resolveDrained;
      this.#drained = this.#resolveDrained = undefined;
      resolve?.();
    };
  }

  override wait(): Promise<void> {
    if (scopeOf(this).idle) return Promise.resolve();
    return (this.#drained ??= new Promise<void>((resolve) => (this.#resolveDrained = resolve)));
  }
}

// `await using` on `background` only drains it, as `wait()` does: it is never cancelled that way.
defineAsyncDispose(Background.prototype, (group) => group.wait());

/** Shared through a registered symbol, so the ESM and CommonJS builds in one process use one group. */
const KEY = Symbol.for('eslint-plugin-taskgroup.background');
const shared = globalThis as typeof globalThis & { [KEY]?: BackgroundGroup };

export const background: BackgroundGroup = (shared[KEY] ??= uncountedGroup(() => new Background()));
