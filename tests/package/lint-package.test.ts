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

  // Profile node16: this is a dual ESM/CommonJS package for Node >= 20 and bundlers; the node10
  // resolution (no `exports` support) is not a target, so its problems are dropped. The
  // `./codemods/*` entries are CommonJS-only transforms for jscodeshift workers that ship no types
  // by design: they are excluded. Every other entry must resolve to matching types from both
  // import and require.
  it('attw --pack: the entries resolve to the right types from import and require', async () => {
    distFile('task-group.d.cts');
    const { output } = await bin('attw', [
      '--pack', '.', '--profile', 'node16', '--format', 'json',
      '--exclude-entrypoints', './codemods/promise-combinators', './codemods/floating-promises',
    ]);
    const report = JSON.parse(output.slice(output.indexOf('{'))) as { problems?: Record<string, { resolutionKind?: string; typesFileName?: string; entrypoint?: string }[]> };
    const problems = Object.values(report.problems ?? {}).flat().filter((problem) => problem.resolutionKind !== 'node10');
    const about = (entry: RegExp) => problems.filter((problem) => entry.test(`${problem.typesFileName ?? ''} ${problem.entrypoint ?? ''}`));
    expect(about(/task-group/), output).toEqual([]);
    expect(problems).toEqual([]);
  }, 120_000);
});
