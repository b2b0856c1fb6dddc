import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { distFile, root } from './dist';

const exec = promisify(execFile);

/** Runs code in a child node process from the package root (so the package resolves itself by name). */
async function node(code: string, type: 'module' | 'commonjs'): Promise<string> {
  const { stdout } = await exec(process.execPath, ['--input-type', type, '--eval', code], { cwd: root, timeout: 60_000 });
  return stdout.trim();
}

const RUNTIME_CHECK = `
  const { TaskGroup, background, taskStats } = runtime;
  const out = await TaskGroup.all([() => 1, async () => 2]);
  console.log(JSON.stringify({ out, background: background instanceof TaskGroup, active: taskStats().active }));
`;

describe('exports work from import and require', () => {
  it('dist exists', () => {
    for (const file of ['index.mjs', 'index.cjs', 'index.d.mts', 'index.d.cts', 'task-group.mjs', 'task-group.cjs', 'task-group.d.mts', 'task-group.d.cts']) {
      expect(distFile(file).code.length).toBeGreaterThan(0);
    }
  });

  it('import eslint-plugin-taskgroup/task-group', async () => {
    const out = await node(`import * as runtime from 'eslint-plugin-taskgroup/task-group'; ${RUNTIME_CHECK}`, 'module');
    expect(JSON.parse(out)).toEqual({ out: [1, 2], background: true, active: 0 });
  });

  it('require eslint-plugin-taskgroup/task-group', async () => {
    const out = await node(`(async () => { const runtime = require('eslint-plugin-taskgroup/task-group'); ${RUNTIME_CHECK} })()`, 'commonjs');
    expect(JSON.parse(out)).toEqual({ out: [1, 2], background: true, active: 0 });
  });

  it('ESM and CommonJS copies in one process share taskStats and background', async () => {
    const out = await node(
      `import { createRequire } from 'node:module';
       import * as esm from 'eslint-plugin-taskgroup/task-group';
       const cjs = createRequire(import.meta.url)('eslint-plugin-taskgroup/task-group');
       const before = cjs.taskStats().created;
       await esm.TaskGroup.all([() => 1]);
       console.log(JSON.stringify({ counted: cjs.taskStats().created - before, sameBackground: esm.background === cjs.background }));`,
      'module',
    );
    expect(JSON.parse(out)).toEqual({ counted: 1, sameBackground: true });
  });

  it('import and require eslint-plugin-taskgroup (the plugin object)', async () => {
    const esm = await node(`import plugin from 'eslint-plugin-taskgroup'; console.log(typeof plugin.rules, typeof plugin.configs);`, 'module');
    const cjs = await node(`const plugin = require('eslint-plugin-taskgroup'); console.log(typeof plugin.rules, typeof plugin.configs);`, 'commonjs');
    expect(esm).toBe('object object');
    expect(cjs).toBe('object object');
  });
});
