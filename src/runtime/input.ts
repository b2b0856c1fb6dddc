/** Turns a combinator's input into an array, with Promise.*'s error for non-iterables. */
export function toArray<T>(items: Iterable<T>, api: string): readonly T[] {
  if (Array.isArray(items)) return items;
  if (items === null || items === undefined || typeof (items as Partial<Iterable<T>>)[Symbol.iterator] !== 'function') {
    throw new TypeError(`${api} expects an iterable, got ${items === null ? 'null' : typeof items}`);
  }
  return Array.from(items);
}

export function callTask(item: unknown, signal: AbortSignal): unknown {
  return (item as (signal: AbortSignal) => unknown)(signal);
}

/**
 * Static methods report bad input as a rejected promise, as `Promise.all(5)` does. The arguments
 * are passed through (no closure per call).
 */
export function rejectOnThrow<A, B, C, R>(start: (a: A, b: B, c: C) => Promise<R>, a: A, b: B, c: C): Promise<R> {
  try {
    return start(a, b, c);
  } catch (error) {
    return Promise.reject(error);
  }
}
