import { isSignal } from './signal';
import type { TaskGroupOptions } from './types';

/** Largest delay `setTimeout` honours; longer ones fire at once. */
const MAX_TIMEOUT = 2_147_483_647;

export interface ResolvedOptions {
  signal: AbortSignal | undefined;
  timeout: number;
  limit: number;
  name: string | undefined;
  supervise: boolean;
  onError: ((error: unknown) => void) | undefined;
}

function fail(message: string): never {
  throw new TypeError(`TaskGroup options: ${message}`);
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** Checks options up front, so bad input fails with a clear error before any task starts. */
/** No options: one shared object, so a call without options allocates none. */
const DEFAULTS: Readonly<ResolvedOptions> = Object.freeze({
  signal: undefined,
  timeout: Infinity,
  limit: Infinity,
  name: undefined,
  supervise: false,
  onError: undefined,
});

export function resolveOptions(options: TaskGroupOptions | undefined): Readonly<ResolvedOptions> {
  if (options === undefined || options === null) return DEFAULTS;
  if (typeof options !== 'object') fail(`expected an object, got ${typeof options}`);
  const { signal, timeout = Infinity, limit = Infinity, name, supervise = false, onError } = options;
  if (signal !== undefined && !isSignal(signal)) fail('`signal` must be an AbortSignal');
  if (typeof timeout !== 'number' || !(timeout >= 0) || (timeout > MAX_TIMEOUT && timeout !== Infinity)) {
    fail(`\`timeout\` must be a number of milliseconds from 0 to ${MAX_TIMEOUT} (or Infinity), got ${describe(timeout)}`);
  }
  if (typeof limit !== 'number' || !(limit >= 1) || (limit !== Infinity && !Number.isInteger(limit))) {
    fail(`\`limit\` must be a whole number of at least 1 (or Infinity), got ${describe(limit)}`);
  }
  if (name !== undefined && typeof name !== 'string') fail('`name` must be a string');
  if (typeof supervise !== 'boolean') fail('`supervise` must be a boolean');
  if (onError !== undefined && typeof onError !== 'function') fail('`onError` must be a function');
  return { signal, timeout, limit, name, supervise, onError };
}
