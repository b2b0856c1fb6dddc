import rule from '../../src/rules/propagate-abort-signal';
import { runRuleTests } from './lib/rule-tester';

const SLEEP = `import { setTimeout as sleep } from 'node:timers/promises';\n`;

runRuleTests('typescript', 'propagate-abort-signal', rule, {
  valid: [
    // No signal in scope.
    `async function load(url: string) { await fetch(url); }`,
    // The signal is passed, in any of the shapes that carry it.
    `async function load(url: string, signal: AbortSignal) { await fetch(url, { signal }); }`,
    `async function load(url, { signal }) { await fetch(url, { method: 'POST', signal }); }`,
    `async function load(url, signal) { await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(1000)]) }); }`,
    // Not a signal-accepting API (without types), and the global timer is not timers/promises.
    `function wait(signal) { setTimeout(done, 10); console.log(signal.aborted); }`,
    // The signal's own methods.
    `function watch(signal) { signal.addEventListener('abort', stop); }`,
    // A process signal name is not an AbortSignal.
    `import { exec } from 'node:child_process'; function kill() { const signal = 'SIGTERM'; exec('ls'); }`,
    // Options: allowed callees.
    { code: `function f(signal) { fetch(auditUrl); }`, options: [{ allow: ['fetch'] }] },
  ],
  invalid: [
    {
      code: `async function load(url: string, signal: AbortSignal) {\n  const res = await fetch(url);\n}`,
      errors: [
        {
          messageId: 'missingSignal',
          data: { api: 'fetch', signal: 'signal' },
          line: 2,
          column: 21,
          endColumn: 26,
          suggestions: [{ messageId: 'passSignal', output: `async function load(url: string, signal: AbortSignal) {\n  const res = await fetch(url, { signal });\n}` }],
        },
      ],
    },
    {
      // A parameter typed AbortSignal under another name; init spread; the timers/promises setTimeout.
      code: `${SLEEP}async function poll(init: RequestInit, abort?: AbortSignal) {\n  await sleep(100);\n  return fetch(url, init);\n}`,
      errors: [
        {
          messageId: 'missingSignal',
          data: { api: 'setTimeout of node:timers/promises', signal: 'abort' },
          line: 3,
          column: 9,
          suggestions: [{ messageId: 'passSignal', output: `${SLEEP}async function poll(init: RequestInit, abort?: AbortSignal) {\n  await sleep(100, undefined, { signal: abort });\n  return fetch(url, init);\n}` }],
        },
        {
          messageId: 'missingSignal',
          data: { api: 'fetch', signal: 'abort' },
          line: 4,
          column: 10,
          suggestions: [{ messageId: 'passSignal', output: `${SLEEP}async function poll(init: RequestInit, abort?: AbortSignal) {\n  await sleep(100);\n  return fetch(url, { ...init, signal: abort });\n}` }],
        },
      ],
    },
    {
      // Destructured signal, once of node:events, exec with a callback, axios config.
      code: `import { once } from 'node:events';\nimport { exec } from 'node:child_process';\nimport axios from 'axios';\nexport async function job({ signal }) {\n  await once(emitter, 'ready');\n  exec('ls', (err) => {});\n  await axios.get(url, { timeout: 5 });\n}`,
      errors: [
        { messageId: 'missingSignal', data: { api: 'once of node:events', signal: 'signal' }, line: 5, column: 9, suggestions: [{ messageId: 'passSignal', output: `import { once } from 'node:events';\nimport { exec } from 'node:child_process';\nimport axios from 'axios';\nexport async function job({ signal }) {\n  await once(emitter, 'ready', { signal });\n  exec('ls', (err) => {});\n  await axios.get(url, { timeout: 5 });\n}` }] },
        { messageId: 'missingSignal', data: { api: 'exec of node:child_process', signal: 'signal' }, line: 6, column: 3, suggestions: [{ messageId: 'passSignal', output: `import { once } from 'node:events';\nimport { exec } from 'node:child_process';\nimport axios from 'axios';\nexport async function job({ signal }) {\n  await once(emitter, 'ready');\n  exec('ls', { signal }, (err) => {});\n  await axios.get(url, { timeout: 5 });\n}` }] },
        { messageId: 'missingSignal', data: { api: 'axios.get', signal: 'signal' }, line: 7, column: 9, suggestions: [{ messageId: 'passSignal', output: `import { once } from 'node:events';\nimport { exec } from 'node:child_process';\nimport axios from 'axios';\nexport async function job({ signal }) {\n  await once(emitter, 'ready');\n  exec('ls', (err) => {});\n  await axios.get(url, { timeout: 5, signal });\n}` }] },
      ],
    },
    {
      // TaskGroup tasks and run bodies: their signal, and nested groups take it as parent.
      code: `import { TaskGroup } from 'eslint-plugin-taskgroup/task-group';\nTaskGroup.map(urls, (url, s) => fetch(url));\nTaskGroup.run(async (group) => {\n  await TaskGroup.all(tasks);\n});`,
      errors: [
        { messageId: 'missingSignal', data: { api: 'fetch', signal: 's' }, line: 2, column: 33, suggestions: [{ messageId: 'passSignal', output: `import { TaskGroup } from 'eslint-plugin-taskgroup/task-group';\nTaskGroup.map(urls, (url, s) => fetch(url, { signal: s }));\nTaskGroup.run(async (group) => {\n  await TaskGroup.all(tasks);\n});` }] },
        { messageId: 'missingSignal', data: { api: 'TaskGroup.all', signal: 'group.signal' }, line: 4, column: 9, suggestions: [{ messageId: 'passSignal', output: `import { TaskGroup } from 'eslint-plugin-taskgroup/task-group';\nTaskGroup.map(urls, (url, s) => fetch(url));\nTaskGroup.run(async (group) => {\n  await TaskGroup.all(tasks, { signal: group.signal });\n});` }] },
      ],
    },
  ],
});

runRuleTests('espree', 'propagate-abort-signal', rule, {
  valid: [`function f(signal) { doWork(); }`],
  invalid: [
    {
      code: `const fs = require('node:fs/promises');\nasync function read(path, signal) {\n  return fs.readFile(path, 'utf8');\n}`,
      errors: [{ messageId: 'missingSignal', data: { api: 'readFile of node:fs/promises', signal: 'signal' }, line: 3, column: 10, suggestions: [{ messageId: 'passSignal', output: `const fs = require('node:fs/promises');\nasync function read(path, signal) {\n  return fs.readFile(path, { encoding: 'utf8', signal });\n}` }] }],
    },
  ],
});

runRuleTests('typed', 'propagate-abort-signal', rule, {
  valid: [
    `declare function query(sql: string, options?: { timeout?: number }): Promise<void>; async function f(signal: AbortSignal) { await query('x'); }`,
    `declare const init: { signal: AbortSignal }; async function f(signal: AbortSignal) { await fetch('/x', { ...init }); }`,
  ],
  invalid: [
    {
      // Any callee whose options parameter takes `signal: AbortSignal`, known by its type.
      code: `declare function query(sql: string, options?: { signal?: AbortSignal }): Promise<void>;\nasync function f(abort: AbortSignal) {\n  await query('select 1');\n}`,
      errors: [{ messageId: 'missingSignal', data: { api: 'query', signal: 'abort' }, line: 3, column: 9, suggestions: [{ messageId: 'passSignal', output: `declare function query(sql: string, options?: { signal?: AbortSignal }): Promise<void>;\nasync function f(abort: AbortSignal) {\n  await query('select 1', { signal: abort });\n}` }] }],
    },
    {
      // A parameter whose inferred type is AbortSignal, for a call of a known API.
      code: `declare function run(task: (s: AbortSignal) => unknown): void;\nrun((s) => fetch('/a'));`,
      errors: [{ messageId: 'missingSignal', data: { api: 'fetch', signal: 's' }, line: 2, column: 12, suggestions: [{ messageId: 'passSignal', output: `declare function run(task: (s: AbortSignal) => unknown): void;\nrun((s) => fetch('/a', { signal: s }));` }] }],
    },
    {
      // Any callee that takes `signal` in its options, when a signal is in scope.
      code: `declare const client: { get(url: string, config?: { signal?: AbortSignal | null }): Promise<void> };\nasync function f(signal: AbortSignal) {\n  await client.get('/a');\n}`,
      errors: [{ messageId: 'missingSignal', data: { api: 'client.get', signal: 'signal' }, line: 3, column: 9, suggestions: [{ messageId: 'passSignal', output: `declare const client: { get(url: string, config?: { signal?: AbortSignal | null }): Promise<void> };\nasync function f(signal: AbortSignal) {\n  await client.get('/a', { signal });\n}` }] }],
    },
  ],
});
