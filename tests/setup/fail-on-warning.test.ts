import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const vitest = resolve(root, 'node_modules/vitest/vitest.mjs');

/** Runs the fixture tests in their own vitest, with the real setup file. */
function runFixtures(): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [vitest, 'run', '--config', 'tests/setup/fixtures/vitest.config.mts', '--reporter', 'verbose', '--no-color'],
      { cwd: root, timeout: 120_000, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
    );
  });
}

describe('the setup file fails any test that emits a process warning', () => {
  it('fails the tests that warned, passes the others, and says which warning', async () => {
    const { code, output } = await runFixtures();
    expect(code).toBe(1);
    expect(output).toMatch(/×.*control: 11 listeners on a signal limited to 10 make Node warn/);
    expect(output).toMatch(/×.*any other process warning/);
    expect(output).toMatch(/✓.*a test without warnings/);
    expect(output).toMatch(/✓.*a test that takes the warning it expects/);
    expect(output).toContain('MaxListenersExceededWarning: Possible EventTarget memory leak detected');
    expect(output).toContain('DeprecationWarning: something is deprecated');
    expect(output).toMatch(/Tests\s+2 failed \| 2 passed/);
  }, 120_000);
});
