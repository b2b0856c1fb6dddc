/** Small helpers around signals and thenables, using only standard globals. */

type SetMaxListeners = (n: number, ...targets: EventTarget[]) => void;

interface NodeProcess {
  getBuiltinModule?: (id: string) => { setMaxListeners?: SetMaxListeners } | undefined;
}

/**
 * Node warns (`MaxListenersExceededWarning`) when more than 10 listeners wait on one signal; a
 * group's signal is meant to be shared by every task. Where Node's `events` module is reachable
 * without an import (`process.getBuiltinModule`), lift the limit for group signals; elsewhere
 * there is no such warning.
 */
const nodeProcess = (globalThis as { process?: NodeProcess }).process;
const setMaxListeners = nodeProcess?.getBuiltinModule?.('node:events')?.setMaxListeners;

export function allowManyListeners(signal: AbortSignal): void {
  if (typeof setMaxListeners === 'function') setMaxListeners(0, signal);
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    ((typeof value === 'object' && value !== null) || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

export function isSignal(value: unknown): value is AbortSignal {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AbortSignal).aborted === 'boolean' &&
    typeof (value as AbortSignal).addEventListener === 'function' &&
    typeof (value as AbortSignal).removeEventListener === 'function'
  );
}

export function noop(): void {}
