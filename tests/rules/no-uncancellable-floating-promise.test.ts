import type { InvalidTestCase } from '@typescript-eslint/rule-tester';
import rule, { type MessageId, type Options } from '../../src/rules/no-uncancellable-floating-promise';
import { runRuleTests } from './lib/rule-tester';

const IMPORT = `import { background } from 'eslint-plugin-taskgroup/task-group';`;

/** Cases about what floats and how it is rewritten, wherever it is: the strict config's `everywhere: true`. */
function everywhere(cases: InvalidTestCase<MessageId, Options>[]): InvalidTestCase<MessageId, Options>[] {
  return cases.map((item) => ({ ...item, options: [{ everywhere: true, ...item.options?.[0] }] }));
}

runRuleTests('typescript', 'no-uncancellable-floating-promise', rule, {
  valid: [
    // Awaited, returned, assigned: someone owns the promise.
    `async function load() {} async function main() { await load(); const p = load(); return load(); }`,
    // Given a signal: cancellable.
    `fetch(url, { signal });`,
    `void fetch(url, { signal: AbortSignal.timeout(5000) }).catch(console.error);`,
    `async function job(signal: AbortSignal) {} job(controller.signal);`,
    // Owned by a TaskGroup.
    `${IMPORT} background.spawn((signal) => fetch(url, { signal }));`,
    `import { TaskGroup } from 'eslint-plugin-taskgroup/task-group'; const tasks = new TaskGroup(); tasks.spawn(job).catch(log);`,
    // Not promise-valued without types: a plain function, the global callback setTimeout, a local fetch.
    `function sync() {} sync(); setTimeout(() => {}, 10);`,
    `function f(fetch) { fetch(url); }`,
    // An async IIFE awaited.
    `async function main() { await (async () => {})(); }`,
    // Options: allowed callee names.
    { code: `async function flushLogs() {} flushLogs();`, options: [{ allow: ['flushLogs'] }] },
  ],
  invalid: everywhere([
    {
      code: `fetch('/ping');`,
      errors: [
        {
          messageId: 'floating',
          data: { name: 'fetch' },
          line: 1,
          column: 1,
          endColumn: 15,
          suggestions: [
            {
              messageId: 'spawnInBackground',
              data: { change: "Run it as a task of `background` (imported from 'eslint-plugin-taskgroup/task-group'): `void background.spawn((signal) => …)`, passing the task's signal to `fetch`." },
              output: `${IMPORT}\nvoid background.spawn((signal) => fetch('/ping', { signal }));`,
            },
          ],
        },
      ],
    },
    {
      // `void` and `.catch()` handle errors, not the lifetime: still reported.
      code: `import x from 'y';\nasync function load() {}\nvoid load().catch(console.error);`,
      errors: [
        {
          messageId: 'floating',
          data: { name: 'load()' },
          line: 3,
          column: 6,
          suggestions: [
            {
              messageId: 'spawnInBackground',
              data: { change: "Run it as a task of `background` (imported from 'eslint-plugin-taskgroup/task-group'): `background.spawn(() => …)`; nothing in it takes a signal, so it can be cancelled only at the task boundary." },
              output: `import x from 'y';\n${IMPORT}\nasync function load() {}\nvoid background.spawn(() => load().catch(console.error));`,
            },
          ],
        },
      ],
    },
    {
      // Merged into an existing import of the helper; `signal` taken, so `signal2`.
      code: `import { TaskGroup } from 'eslint-plugin-taskgroup/task-group';\nconst signal = 1;\nfetch(url).then((r) => r.json());`,
      errors: [
        {
          messageId: 'floating',
          line: 3,
          column: 1,
          suggestions: [
            {
              messageId: 'spawnInBackground',
              output: `import { TaskGroup, background } from 'eslint-plugin-taskgroup/task-group';\nconst signal = 1;\nvoid background.spawn((signal2) => fetch(url, { signal: signal2 }).then((r) => r.json()));`,
            },
          ],
        },
      ],
    },
    {
      // Async IIFE, CommonJS file: the suggestion requires the helper.
      code: `const fs = require('node:fs');\n(async () => {\n  await fs.promises.readFile(p, 'utf8');\n})();`,
      errors: [
        {
          messageId: 'floating',
          // Named on one line: a newline in a message breaks every formatter's layout.
          data: { name: "async () => { await fs.promises.readFile(p, 'utf8'); }()" },
          line: 2,
          column: 1,
          suggestions: [
            {
              messageId: 'spawnInBackground',
              output: `const fs = require('node:fs');\nconst { background } = require('eslint-plugin-taskgroup/task-group');\nvoid background.spawn((signal) => (async () => {\n  await fs.promises.readFile(p, { encoding: 'utf8', signal });\n})());`,
            },
          ],
        },
      ],
    },
    {
      // `this.flush()` of an async method; a sequence floats each operand.
      code: `class Poller { async flush() {} tick() { this.flush(), count++; } }`,
      errors: [{ messageId: 'floating', data: { name: 'this.flush()' }, line: 1, column: 42, suggestions: [{ messageId: 'spawnInBackground', output: `${IMPORT}\nclass Poller { async flush() {} tick() { void background.spawn(() => this.flush()), count++; } }` }] }],
    },
    {
      // `background` bound to something else: the runtime's is imported under another name.
      code: `const background = 'blue';\nimport { setTimeout as sleep } from 'node:timers/promises';\nsleep(100);`,
      errors: [
        {
          messageId: 'floating',
          data: { name: 'setTimeout of node:timers/promises' },
          line: 3,
          column: 1,
          suggestions: [
            {
              messageId: 'spawnInBackground',
              data: { change: "Run it as a task of `background2` (imported from 'eslint-plugin-taskgroup/task-group' as `background2`): `void background2.spawn((signal) => …)`, passing the task's signal to `setTimeout of node:timers/promises`." },
              output: `const background = 'blue';\nimport { setTimeout as sleep } from 'node:timers/promises';\nimport { background as background2 } from 'eslint-plugin-taskgroup/task-group';\nvoid background2.spawn((signal) => sleep(100, undefined, { signal }));`,
            },
          ],
        },
      ],
    },
    {
      // A property key named `background` is no binding: nothing to rename around.
      code: `const theme = { background: 'blue' };\nfetch(theme.background);`,
      errors: [{ messageId: 'floating', line: 2, column: 1, suggestions: [{ messageId: 'spawnInBackground', output: `${IMPORT}\nconst theme = { background: 'blue' };\nvoid background.spawn((signal) => fetch(theme.background, { signal }));` }] }],
    },
    {
      // A spawn on something that is not a task group is not exempt.
      code: `other.spawn(job).catch(log);`,
      errors: [{ messageId: 'floating', data: { name: 'other.spawn()' }, line: 1, column: 1, suggestions: [{ messageId: 'spawnInBackground', output: `${IMPORT}\nvoid background.spawn(() => other.spawn(job).catch(log));` }] }],
    },
    {
      // helperModule: a vendored runtime.
      code: `import { background } from './vendor/task-group';\nimport axios from 'axios';\naxios.post(url, body);`,
      options: [{ helperModule: './vendor/task-group' }],
      errors: [
        {
          messageId: 'floating',
          data: { name: 'axios.post' },
          line: 3,
          column: 1,
          suggestions: [{ messageId: 'spawnInBackground', output: `import { background } from './vendor/task-group';\nimport axios from 'axios';\nvoid background.spawn((signal) => axios.post(url, body, { signal }));` }],
        },
      ],
    },
  ]),
});

runRuleTests('espree', 'no-uncancellable-floating-promise', rule, {
  valid: [`async function load(signal) {} load(signal);`, `function sync() {} sync();`],
  invalid: everywhere([
    {
      // A .js file without import or require, in a package without "type": "module": CommonJS.
      code: `const load = async () => {};\nload();`,
      errors: [{ messageId: 'floating', line: 2, column: 1, suggestions: [{ messageId: 'spawnInBackground', output: `const { background } = require('eslint-plugin-taskgroup/task-group');\nconst load = async () => {};\nvoid background.spawn(() => load());` }] }],
    },
  ]),
});

runRuleTests('typed', 'no-uncancellable-floating-promise', rule, {
  valid: [
    // Not thenable, or given a signal through a spread whose type has one.
    `declare function count(): number; count();`,
    `declare const init: { signal: AbortSignal }; fetch('/x', { ...init });`,
    `declare const s: AbortSignal; declare function job(x: AbortSignal): Promise<void>; job(s);`,
    // A TaskGroup by type, whatever its name.
    `declare class TaskGroup { spawn(t: (s: AbortSignal) => unknown): Promise<unknown> } declare const pool: TaskGroup; pool.spawn(() => 1);`,
  ],
  invalid: everywhere([
    {
      // Any thenable, known by its type.
      code: `declare const db: { query(sql: string): Promise<number[]> };\ndb.query('select 1');`,
      errors: [{ messageId: 'floating', data: { name: 'db.query()' }, line: 2, column: 1, suggestions: [{ messageId: 'spawnInBackground', output: `${IMPORT}\ndeclare const db: { query(sql: string): Promise<number[]> };\nvoid background.spawn(() => db.query('select 1'));` }] }],
    },
    {
      code: `declare function later(): PromiseLike<void> | undefined;\nlater();`,
      errors: [{ messageId: 'floating', line: 2, column: 1, suggestions: [{ messageId: 'spawnInBackground', output: `${IMPORT}\ndeclare function later(): PromiseLike<void> | undefined;\nvoid background.spawn(() => later());` }] }],
    },
  ]),
});
