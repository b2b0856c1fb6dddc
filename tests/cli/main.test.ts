import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT, taskgroup, removeProjects } from './helpers';

beforeAll(async () => {
  await ensureBuilt();
}, 120_000);
afterAll(removeProjects);

describe('taskgroup', () => {
  it('--version prints the package version', () => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(taskgroup(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('--help and <command> --help print usage', () => {
    expect(taskgroup(['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('migrate [paths...]') });
    expect(taskgroup(['migrate', '--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('--vendor <dir>') });
    expect(taskgroup(['check', '--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('--format <name>') });
  });

  it('exits 2 without a command or with an unknown one', () => {
    expect(taskgroup([]).code).toBe(2);
    const unknown = taskgroup(['migrat']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown command 'migrat'");
    expect(taskgroup(['--nope']).code).toBe(2);
  });
});
