import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, project, removeProjects, taskgroup } from './helpers';

beforeAll(async () => {
  await ensureBuilt();
}, 120_000);
afterAll(removeProjects);

const FIXTURES = path.join(import.meta.dirname, '..', 'rules', 'fixtures', 'cross');
const EXPECTED = path.join(import.meta.dirname, 'fixtures', 'cross-migrate');

/** Every file of a folder, by its path relative to the folder. */
function filesOf(dir: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const name = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(files, filesOf(dir, name));
    else files[name] = readFileSync(path.join(dir, name), 'utf8');
  }
  return files;
}

describe('taskgroup migrate across modules', () => {
  it('rewrites the sites background work reaches in other modules, as the rules report them; leaves request-path code; a second run changes nothing', () => {
    for (const fixture of ['esm', 'nest', 'request-path']) {
      const input = filesOf(path.join(FIXTURES, fixture));
      const dir = project(input);
      const first = taskgroup(['migrate', '.', '--helper', 'eslint-plugin-taskgroup/task-group'], dir);
      expect(first.code, first.stderr).toBe(0);
      const output = filesOf(dir);
      const expected = filesOf(path.join(EXPECTED, fixture));
      // Files left as they were are not listed under the expected folder.
      expect(output).toEqual({ ...input, ...expected });
      const second = taskgroup(['migrate', '.', '--helper', 'eslint-plugin-taskgroup/task-group'], dir);
      expect(second.code).toBe(0);
      expect(second.stderr).toContain(' 0 changed');
      expect(filesOf(dir)).toEqual(output);
    }
  });

  it('--cross-module-depth 0 sees each file alone', () => {
    const input = filesOf(path.join(FIXTURES, 'esm'));
    const dir = project(input);
    const result = taskgroup(['migrate', '.', '--helper', 'eslint-plugin-taskgroup/task-group', '--cross-module-depth', '0'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(filesOf(dir)).toEqual(input);
    expect(taskgroup(['migrate', '.', '--cross-module-depth', 'x'], dir).code).toBe(2);
  });
});
