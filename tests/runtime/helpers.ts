import { afterEach, beforeEach, expect, vi } from 'vitest';

/** Resolves after `ms`, or rejects with the signal's reason when it aborts (cleaning up either way). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A promise that only settles when the signal aborts (rejecting with its reason). */
export function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/** Lets pending timers, microtasks and unhandled-rejection checks run. */
export function tick(ms = 0): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Fails the test if anything reaches `unhandledRejection` while it runs: the spy is installed per
 * test and checked after a macrotask, when Node has had the chance to report.
 */
export function failOnUnhandledRejection(): void {
  const spy = vi.fn();
  beforeEach(() => {
    spy.mockClear();
    process.on('unhandledRejection', spy);
  });
  afterEach(async () => {
    await tick(5);
    process.off('unhandledRejection', spy);
    expect(spy, 'unhandledRejection fired').not.toHaveBeenCalled();
  });
}

/** Records which tasks started, finished their `finally` block, or were aborted, in order. */
export class Journal {
  readonly events: string[] = [];
  note(event: string): void {
    this.events.push(event);
  }
  has(event: string): boolean {
    return this.events.includes(event);
  }
}

export class Boom extends Error {
  constructor(message = 'boom') {
    super(message);
    this.name = 'Boom';
  }
}

/** A promise the test resolves itself: a task that ignores its signal until `open()`. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}
