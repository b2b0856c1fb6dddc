import rule from '../../src/rules/no-uncancellable-floating-promise';
import { runRuleTests } from './lib/rule-tester';

const IMPORT = `import { background } from 'eslint-plugin-taskgroup/task-group';`;

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
  invalid: [
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
              data: { background: 'background', signal: 'signal', passing: ', passing `signal` to `fetch`' },
              output: `${IMPORT}\nbackground.spawn((signal) => fetch('/ping', { signal }));`,
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
              data: { background: 'background', signal: '', passing: '' },
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
              output: `import { TaskGroup, background } from 'eslint-plugin-taskgroup/task-group';\nconst signal = 1;\nbackground.spawn((signal2) => fetch(url, { signal: signal2 }).then((r) => r.json()));`,
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
              output: `const fs = require('node:fs');\nconst { background } = require('eslint-plugin-taskgroup/task-group');\nbackground.spawn((signal) => (async () => {\n  await fs.promises.readFile(p, { encoding: 'utf8', signal });\n})());`,
            },
          ],
        },
      ],
    },
    {
      // `this.flush()` of an async method; a sequence floats each operand.
      code: `class Poller { async flush() {} tick() { this.flush(), count++; } }`,
      errors: [{ messageId: 'floating', data: { name: 'this.flush()' }, line: 1, column: 42, suggestions: [{ messageId: 'spawnInBackground', output: `${IMPORT}\nclass Poller { async flush() {} tick() { background.spawn(() => this.flush()), count++; } }` }] }],
    },
    {
      // `background` bound to something else: reported, no suggestion that would rebind it.
      code: `const background = 'blue';\nimport { setTimeout as sleep } from 'node:timers/promises';\nsleep(100);`,
      errors: [{ messageId: 'floating', data: { name: 'setTimeout of node:timers/promises' }, line: 3, column: 1, suggestions: [] }],
    },
    {
      // A spawn on something that is not a task group is not exempt.
      code: `other.spawn(job).catch(log);`,
      errors: [{ messageId: 'floating', data: { name: 'other.spawn()' }, line: 1, column: 1, suggestions: [{ messageId: 'spawnInBackground', output: `${IMPORT}\nbackground.spawn(() => other.spawn(job).catch(log));` }] }],
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
          suggestions: [{ messageId: 'spawnInBackground', output: `import { background } from './vendor/task-group';\nimport axios from 'axios';\nbackground.spawn((signal) => axios.post(url, body, { signal }));` }],
        },
      ],
    },
  ],
});

runRuleTests('espree', 'no-uncancellable-floating-promise', rule, {
  valid: [`async function load(signal) {} load(signal);`, `function sync() {} sync();`],
  invalid: [
    {
      code: `const load = async () => {};\nload();`,
      errors: [{ messageId: 'floating', line: 2, column: 1, suggestions: [{ messageId: 'spawnInBackground', output: `${IMPORT}\nconst load = async () => {};\nbackground.spawn(() => load());` }] }],
    },
  ],
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
  invalid: [
    {
      // Any thenable, known by its type.
      code: `declare const db: { query(sql: string): Promise<number[]> };\ndb.query('select 1');`,
      errors: [{ messageId: 'floating', data: { name: 'db.query()' }, line: 2, column: 1, suggestions: [{ messageId: 'spawnInBackground', output: `${IMPORT}\ndeclare const db: { query(sql: string): Promise<number[]> };\nbackground.spawn(() => db.query('select 1'));` }] }],
    },
    {
      code: `declare function later(): PromiseLike<void> | undefined;\nlater();`,
      errors: [{ messageId: 'floating', line: 2, column: 1, suggestions: [{ messageId: 'spawnInBackground', output: `${IMPORT}\ndeclare function later(): PromiseLike<void> | undefined;\nbackground.spawn(() => later());` }] }],
    },
  ],
});
