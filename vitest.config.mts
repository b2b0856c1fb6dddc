import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'tests/**/fixtures/**'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Any process warning (MaxListenersExceededWarning…) fails the test that caused it.
    setupFiles: ['tests/setup/fail-on-warning.ts'],
  },
});
