/**
 * Process warnings seen while the tests of one file run (filled by `fail-on-warning.ts`, the
 * setup file). Kept on `globalThis`, so every copy of this module in a test process shares them.
 */
const KEY = Symbol.for('eslint-plugin-taskgroup.test-warnings');

interface State {
  warnings: Error[];
  listening: boolean;
}

const shared = globalThis as typeof globalThis & { [KEY]?: State };
const state: State = (shared[KEY] ??= { warnings: [], listening: false });

/** Starts recording every `process.on('warning')` event (once per process). */
export function recordWarnings(): void {
  if (state.listening) return;
  state.listening = true;
  process.on('warning', (warning) => state.warnings.push(warning));
}

/** The warnings recorded so far, which are then forgotten: a test that expects one takes it. */
export function takeWarnings(): Error[] {
  return state.warnings.splice(0);
}

/** Node emits a warning on a later tick: let it arrive before looking. */
export function warningsArrive(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
