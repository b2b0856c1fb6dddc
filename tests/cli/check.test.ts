import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKGROUND_TS, ensureBuilt, project, taskgroup, removeProjects } from './helpers';

beforeAll(async () => {
  await ensureBuilt();
}, 120_000);
afterAll(removeProjects);

describe('taskgroup check', () => {
  it('reports with the recommended config, no user config needed, and exits 1', () => {
    const dir = project({ 'src/handler.ts': BACKGROUND_TS, 'src/view.jsx': 'export const V = () => <b>ok</b>;\n', 'eslint.config.js': 'throw new Error("never read");\n' });
    const result = taskgroup(['check'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('taskgroup/no-unscoped-promise-combinator');
    expect(result.stdout).toContain('taskgroup/no-uncancellable-floating-promise');
    expect(result.stdout).not.toContain('view.jsx');
  });

  it('exits 0 on clean code; --format passes an ESLint formatter; --strict uses the strict config', () => {
    const dir = project({ 'ok.ts': 'export async function get() {\n  return await Promise.all([1, 2]);\n}\n' });
    expect(taskgroup(['check', '.'], dir)).toMatchObject({ code: 0, stdout: '' });
    const strict = taskgroup(['check', '--strict', '--format', 'json', '.'], dir);
    expect(strict.code).toBe(1);
    const results = JSON.parse(strict.stdout) as { messages: { ruleId: string }[] }[];
    expect(results[0]!.messages.map((message) => message.ruleId)).toContain('taskgroup/no-unscoped-promise-combinator');
  });

  it('reports a file that does not parse', () => {
    const dir = project({ 'broken.ts': 'export const x = {\n' });
    const result = taskgroup(['check', '.'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/broken\.ts[\s\S]*Parsing error/);
  });

  it('rejects an unknown formatter, an unknown option and a missing path with exit code 2', () => {
    const dir = project({ 'ok.ts': 'export {};\n' });
    expect(taskgroup(['check', '--format', 'no-such-formatter'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('--format') });
    expect(taskgroup(['check', '--fix'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown option '--fix'") });
    expect(taskgroup(['check', 'missing/'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('missing/: no such file or folder') });
  });
});
