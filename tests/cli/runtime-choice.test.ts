import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseRuntime, commonFolder } from '../../src/cli/runtime-choice';
import { BACKGROUND_TS, ensureBuilt, project, removeProjects, taskgroup } from './helpers';

beforeAll(async () => {
  await ensureBuilt();
}, 120_000);
afterAll(removeProjects);

const manifest = (fields: object) => `${JSON.stringify({ name: 'service', private: true, ...fields }, null, 2)}\n`;
const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');

describe('chooseRuntime', () => {
  it('imports the package when package.json lists it in dependencies, vendors when only in devDependencies or not at all', () => {
    const asDependency = project({ 'package.json': manifest({ dependencies: { 'eslint-plugin-taskgroup': '^0.1.0' } }), 'src/a.ts': '' });
    const asDevDependency = project({ 'package.json': manifest({ devDependencies: { 'eslint-plugin-taskgroup': '^0.1.0' } }), 'src/a.ts': '', 'src/jobs/b.ts': '' });
    const unlisted = project({ 'package.json': manifest({}), 'lib/a.js': '' });
    expect(chooseRuntime({}, [path.join(asDependency, 'src/a.ts')], asDependency)).toMatchObject({
      kind: 'import',
      helper: 'eslint-plugin-taskgroup/task-group',
      reason: expect.stringContaining('a dependency in package.json'),
    });
    expect(chooseRuntime({}, [path.join(asDevDependency, 'src/a.ts'), path.join(asDevDependency, 'src/jobs/b.ts')], asDevDependency)).toMatchObject({
      kind: 'vendor',
      dir: path.join(asDevDependency, 'src'),
      explicit: false,
      reason: expect.stringMatching(/^eslint-plugin-taskgroup is only a devDependency in package\.json, .*copy of the runtime in src /),
    });
    expect(chooseRuntime({}, [path.join(unlisted, 'lib/a.js')], unlisted)).toMatchObject({ kind: 'vendor', dir: path.join(unlisted, 'lib'), reason: expect.stringContaining('not a dependency') });
  });

  it('obeys --helper and --vendor whatever package.json says', () => {
    const dir = project({ 'package.json': manifest({ devDependencies: { 'eslint-plugin-taskgroup': '*' } }), 'a.ts': '' });
    expect(chooseRuntime({ helper: '#tasks' }, [path.join(dir, 'a.ts')], dir)).toMatchObject({ kind: 'import', helper: '#tasks' });
    expect(chooseRuntime({ vendor: 'lib' }, [path.join(dir, 'a.ts')], dir)).toMatchObject({ kind: 'vendor', dir: path.join(dir, 'lib'), explicit: true });
  });

  it('imports the helperModule of settings.taskgroup when no flag says otherwise', () => {
    const dir = project({ 'package.json': manifest({ devDependencies: { 'eslint-plugin-taskgroup': '*' } }), 'a.ts': '' });
    const files = [path.join(dir, 'a.ts')];
    expect(chooseRuntime({ settingsHelper: '#lib/tasks' }, files, dir)).toEqual({
      kind: 'import',
      helper: '#lib/tasks',
      reason: 'files import #lib/tasks (settings.taskgroup.helperModule)',
    });
    expect(chooseRuntime({ helper: '#flag', settingsHelper: '#lib/tasks' }, files, dir)).toMatchObject({ kind: 'import', helper: '#flag' });
    expect(chooseRuntime({ vendor: 'lib', settingsHelper: '#lib/tasks' }, files, dir)).toMatchObject({ kind: 'vendor', explicit: true });
  });

  it('commonFolder is the deepest folder holding every file', () => {
    expect(commonFolder(['/p/src/a/x.ts', '/p/src/b/y.ts'])).toBe('/p/src');
    expect(commonFolder(['/p/src/a/x.ts'])).toBe('/p/src/a');
    expect(commonFolder(['/p/src/x.ts', '/p/srcs/y.ts'])).toBe('/p');
  });
});

describe('taskgroup migrate in a project where the plugin is a devDependency', () => {
  it('copies the runtime beside the migrated files, imports it relatively and says so; a second run changes nothing', () => {
    const dir = project({
      'package.json': manifest({ type: 'module', devDependencies: { 'eslint-plugin-taskgroup': '^0.1.0' } }),
      'tsconfig.json': '{}\n',
      'src/jobs/handler.ts': BACKGROUND_TS,
      'src/clean.ts': 'export const x = 1;\n',
    });
    const first = taskgroup(['migrate', 'src'], dir);
    expect(first.code, first.stderr).toBe(0);
    expect(read(dir, 'src/jobs/handler.ts')).toContain("import { TaskGroup, background } from '../task-group.js';");
    expect(read(dir, 'src/task-group.ts')).toContain('export class TaskGroup');
    expect(first.stderr).toContain(
      'Runtime: eslint-plugin-taskgroup is only a devDependency in package.json, and production installs omit dev dependencies: files import a copy of the runtime in src',
    );
    const migrated = read(dir, 'src/jobs/handler.ts');
    const vendored = read(dir, 'src/task-group.ts');
    const second = taskgroup(['migrate', 'src'], dir);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain('2 files scanned, 0 changed, 2 unchanged, 0 failed, 1 skipped');
    expect(second.stderr).toContain('src/task-group.ts: the TaskGroup runtime copied by taskgroup migrate');
    expect(read(dir, 'src/jobs/handler.ts')).toBe(migrated);
    expect(read(dir, 'src/task-group.ts')).toBe(vendored);
  });

  it('leaves no copy behind when nothing was rewritten, and writes none with --dry', () => {
    const dir = project({ 'package.json': manifest({ devDependencies: { 'eslint-plugin-taskgroup': '*' } }), 'src/clean.js': 'module.exports = 1;\n', 'src/job.js': BACKGROUND_TS.replace(/: AbortSignal/g, '') });
    const dry = taskgroup(['migrate', '--dry', 'src'], dir);
    expect(dry.code).toBe(3);
    expect(dry.stdout).toContain("+import { TaskGroup, background } from './task-group.js';");
    expect(readdirSync(path.join(dir, 'src')).sort()).toEqual(['clean.js', 'job.js']);
    const clean = taskgroup(['migrate', 'src/clean.js'], dir);
    expect(clean.code, clean.stderr).toBe(0);
    expect(existsSync(path.join(dir, 'src/task-group.js'))).toBe(false);
  });

  it('imports the package when it is a dependency', () => {
    const dir = project({ 'package.json': manifest({ dependencies: { 'eslint-plugin-taskgroup': '^0.1.0' } }), 'src/handler.ts': BACKGROUND_TS });
    const result = taskgroup(['migrate', '--json', 'src'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(read(dir, 'src/handler.ts')).toContain("from 'eslint-plugin-taskgroup/task-group';");
    expect(JSON.parse(result.stdout).runtime).toEqual({
      module: 'eslint-plugin-taskgroup/task-group',
      vendored: false,
      reason: 'files import eslint-plugin-taskgroup/task-group (a dependency in package.json)',
    });
    expect(existsSync(path.join(dir, 'src/task-group.ts'))).toBe(false);
  });
});
