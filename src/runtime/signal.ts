/** Small helpers around signals and thenables, using only standard globals. */

type SetMaxListeners = (n: number, ...targets: EventTarget[]) => void;
type GetMaxListeners = (target: EventTarget) => number;

interface NodeProcess {
  getBuiltinModule?: (id: string) => { setMaxListeners?: SetMaxListeners; getMaxListeners?: GetMaxListeners } | undefined;
}

/**
 * Node 20 warns (`MaxListenersExceededWarning`) when more than 10 listeners wait on one signal; a
 * group's signal is meant to be shared by every task. Where Node's `events` module is reachable
 * without an import (`process.getBuiltinModule`) and a new signal has a limit, lift it for group
 * signals. Node 22 and 24 give a new signal no limit: there, nothing is done per group (setting
 * it would cost a property on every signal); elsewhere there is no such warning.
 */
const nodeProcess = (globalThis as { process?: NodeProcess }).process;
const events = nodeProcess?.getBuiltinModule?.('node:events');
const setMaxListeners = events?.setMaxListeners;
const limited =
  typeof setMaxListeners === 'function' &&
  (typeof events?.getMaxListeners !== 'function' || events.getMaxListeners(new AbortController().signal) !== 0);

export function allowManyListeners(signal: AbortSignal): void {
  if (limited) setMaxListeners!(0, signal);
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
