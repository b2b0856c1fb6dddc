import { afterAll, afterEach } from 'vitest';
import { recordWarnings, takeWarnings, warningsArrive } from './warnings';

/**
 * Setup file (`setupFiles` in vitest.config.mts): any process warning — a
 * `MaxListenersExceededWarning`, a `DeprecationWarning`, an `ExperimentalWarning`… — fails the
 * test it was emitted in, or the file when it came between tests. A test that means to cause one
 * takes it with `takeWarnings()` (from `tests/setup/warnings.ts`) before it ends.
 */
recordWarnings();

function failOnWarnings(where: string): void {
  const warnings = takeWarnings();
  if (warnings.length === 0) return;
  const list = warnings.map((warning) => `${warning.name}: ${warning.message}`).join('\n  ');
  throw new Error(`process warning ${where}:\n  ${list}`);
}

afterEach(async () => {
  await warningsArrive();
  failOnWarnings('during this test');
});

afterAll(async () => {
  await warningsArrive();
  failOnWarnings('in this file, outside any test');
});
