/** Error values the runtime creates, and how it recognises cancellation. */

function label(name: string | undefined): string {
  return name === undefined ? 'Task group' : `Task group "${name}"`;
}

/** Default reason of `cancel()`: a `DOMException` named `AbortError`, as `AbortController.abort()` uses. */
export function cancelledError(name: string | undefined, why = 'was cancelled'): DOMException {
  return new DOMException(`${label(name)} ${why}`, 'AbortError');
}

/** Reason of a group whose deadline passed, like `AbortSignal.timeout`'s. */
export function timeoutError(name: string | undefined, ms: number): DOMException {
  return new DOMException(`${label(name)} timed out after ${ms} ms`, 'TimeoutError');
}

export function closedError(name: string | undefined): Error {
  return new Error(`${label(name)} is closed: spawn() was called after the group was joined`);
}

export function supervisedFailures(name: string | undefined, errors: unknown[]): AggregateError {
  const count = errors.length === 1 ? '1 task' : `${errors.length} tasks`;
  return new AggregateError(errors, `${label(name)}: ${count} failed`);
}

function nameOf(error: unknown): unknown {
  if ((typeof error !== 'object' && typeof error !== 'function') || error === null) return undefined;
  try {
    return (error as { name?: unknown }).name;
  } catch {
    return undefined;
  }
}

/**
 * After a group's signal aborted, a rejection with its reason, or with an `AbortError` or
 * `TimeoutError`, is a cancellation rather than a failure.
 */
export function isCancellation(error: unknown, signal: AbortSignal): boolean {
  if (!signal.aborted) return false;
  if (error === signal.reason) return true;
  const name = nameOf(error);
  return name === 'AbortError' || name === 'TimeoutError';
}

/**
 * Attaches later failures to the error a group rethrows, as a non-enumerable `suppressed` array
 * (as Java and Kotlin do). An existing `suppressed` array (the same error rethrown by nested
 * groups) is extended; a non-array `suppressed` (a `SuppressedError`) and non-extensible or
 * primitive errors are left alone: those failures still reach `onError` when one is given.
 */
export function attachSuppressed(error: unknown, later: readonly unknown[]): void {
  if ((typeof error !== 'object' && typeof error !== 'function') || error === null) return;
  try {
    const existing = Object.getOwnPropertyDescriptor(error, 'suppressed');
    if (existing === undefined) {
      if (!Object.isExtensible(error)) return;
      Object.defineProperty(error, 'suppressed', {
        value: [...later],
        writable: true,
        configurable: true,
        enumerable: false,
      });
    } else if (Array.isArray(existing.value)) {
      for (const failure of later) existing.value.push(failure);
    }
  } catch {
    // A proxy or a frozen array refused the property: the error is still thrown unchanged.
  }
}
