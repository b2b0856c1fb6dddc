import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { distFile, root } from './dist';

const exec = promisify(execFile);

/** Runs a CLI from node_modules/.bin; resolves with its output and exit code instead of throwing. */
async function bin(name: string, args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await exec(`${root}/node_modules/.bin/${name}`, args, { cwd: root, timeout: 120_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, output: `${stdout}${stderr}` };
  }
}

describe('package metadata and type declarations', () => {
  it('publint --strict finds no problem', async () => {
    distFile('task-group.mjs');
    const { code, output } = await bin('publint', ['--strict']);
    expect(output, output).not.toMatch(/Errors?:|Warnings?:/);
    expect(code, output).toBe(0);
  }, 120_000);

  // Profile node16: this is a dual ESM/CommonJS package for Node >= 20 and bundlers; the
  // node10 resolution (no `exports` support) is not a target. The `./codemods/*` entries are
  // CommonJS-only transforms for jscodeshift workers and ship no types by design, so they are
  // excluded; every other entry must resolve to matching types from both import and require.
  it('attw --pack: ./task-group resolves to the right types from import and require', async () => {
    distFile('task-group.d.cts');
    const { code, output } = await bin('attw', ['--pack', '.', '--profile', 'node16', '--entrypoints', './task-group', '--format', 'ascii']);
    expect(code, output).toBe(0);
  }, 120_000);

  // KNOWN DEFECT, reported to the owner of src/index.ts: dist/index.d.cts says `export default`
  // while dist/index.cjs does `module.exports =` (attw FalseExportDefault under node16 from
  // require). `it.fails` keeps it visible: once the plugin entry is fixed this test fails, and
  // `it.fails` must become `it`.
  it.fails('attw --pack: the plugin entry (.) resolves to the right types from import and require', async () => {
    distFile('index.d.cts');
    const { code, output } = await bin('attw', ['--pack', '.', '--profile', 'node16', '--entrypoints', '.', '--format', 'ascii']);
    expect(code, output).toBe(0);
  }, 120_000);
});
