import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { distFile, root } from '../package/dist';

const run = promisify(execFile);

/** Runs `code` as an ES module in a child `node` in the package root (self-references resolve to `dist`). */
async function evalModule(code: string): Promise<unknown> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', code], { cwd: root, timeout: 30_000 });
  return JSON.parse(stdout);
}

test('the built ./node entry loads from import and require, and sees tasks of either runtime build', async () => {
  distFile('node.mjs');
  distFile('node.cjs');
  const result = await evalModule(`
    import { createRequire } from 'node:module';
    import { zombies, taskMonitor } from 'eslint-plugin-taskgroup/node';
    const require = createRequire(import.meta.url);
    const fromRequire = require('eslint-plugin-taskgroup/node');
    const { TaskGroup } = require('eslint-plugin-taskgroup/task-group');
    const group = new TaskGroup({ name: 'cjs' });
    const found = await zombies(() => void group.spawn((signal) => new Promise((resolve) => signal.addEventListener('abort', resolve))));
    group.cancel();
    await group.wait();
    console.log(JSON.stringify({
      esm: [typeof zombies, typeof taskMonitor],
      cjs: [typeof fromRequire.zombies, typeof fromRequire.taskMonitor, typeof fromRequire.taskMonitor().fastify],
      found,
    }));
  `);
  // The task of the CommonJS runtime build is seen, with the line of the code that spawned it.
  expect(result).toEqual({
    esm: ['function', 'function'],
    cjs: ['function', 'function', 'function'],
    found: [{ kind: 'task', name: 'TaskGroup.spawn', group: 'cjs', site: '[eval1]:8:50', stack: expect.stringMatching(/^ {4}at file:\/\/.*\[eval1\]:8:50$/) }],
  });
}, 30_000);
