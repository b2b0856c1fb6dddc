import rule from '../../src/rules/require-deadline';
import { runRuleTests } from './lib/rule-tester';

const TG = `import { TaskGroup } from 'eslint-plugin-taskgroup/task-group';\n`;
const WORKER = `import { Worker } from 'bullmq';\n`;

runRuleTests('typescript', 'require-deadline', rule, {
  valid: [
    // Request-path code: the request bounds it.
    `${TG}export async function handler(req, res) { await TaskGroup.all(tasks); }`,
    // A deadline or a parent signal, a spread or an options variable that may hold one.
    `${TG}${WORKER}new Worker('q', async (job) => { await TaskGroup.all(tasks, { timeout: 5000 }); });`,
    `${TG}${WORKER}new Worker('q', async (job, token, signal) => { await TaskGroup.run(body, { signal }); });`,
    `${TG}${WORKER}new Worker('q', async () => { await TaskGroup.map(items, fn, { ...defaults }); await TaskGroup.race(tasks, options); });`,
    // asCompleted is not one the contract names; a local TaskGroup look-alike is not the runtime's.
    `${TG}${WORKER}new Worker('q', async () => { for await (const x of TaskGroup.asCompleted(tasks)) {} });`,
    `${WORKER}const TaskGroup = { all: (t) => t }; new Worker('q', async () => { TaskGroup.all(tasks); });`,
    // A rule option overrides settings.taskgroup.
    {
      code: `${TG}jobs.enqueue(async () => { await TaskGroup.all(tasks); });`,
      settings: { taskgroup: { backgroundFunctions: ['jobs.enqueue'] } },
      options: [{ backgroundFunctions: [] }],
    },
  ],
  invalid: [
    {
      code: `${TG}${WORKER}new Worker('emails', async (job) => {\n  await TaskGroup.all(job.data.map(send));\n});`,
      errors: [
        {
          messageId: 'noDeadline',
          data: { api: 'TaskGroup.all', context: 'a BullMQ worker' },
          line: 4,
          column: 9,
          endColumn: 22,
          suggestions: [
            { messageId: 'addTimeout', data: { timeout: '30_000' }, output: `${TG}${WORKER}new Worker('emails', async (job) => {\n  await TaskGroup.all(job.data.map(send), { timeout: 30_000 });\n});` },
          ],
        },
      ],
    },
    {
      // Options object without a deadline: merged. `new TaskGroup()` with no arguments.
      code: `${TG}setInterval(async () => {\n  await TaskGroup.map(ids, sync, { limit: 4 });\n  const group = new TaskGroup();\n}, 60_000);`,
      options: [{ timeout: 5000 }],
      errors: [
        { messageId: 'noDeadline', data: { api: 'TaskGroup.map', context: 'a setInterval() callback' }, line: 3, column: 9, suggestions: [{ messageId: 'addTimeout', data: { timeout: '5000' }, output: `${TG}setInterval(async () => {\n  await TaskGroup.map(ids, sync, { limit: 4, timeout: 5000 });\n  const group = new TaskGroup();\n}, 60_000);` }] },
        { messageId: 'noDeadline', data: { api: 'new TaskGroup', context: 'a setInterval() callback' }, line: 4, column: 21, suggestions: [{ messageId: 'addTimeout', output: `${TG}setInterval(async () => {\n  await TaskGroup.map(ids, sync, { limit: 4 });\n  const group = new TaskGroup({ timeout: 5000 });\n}, 60_000);` }] },
      ],
    },
    {
      // backgroundFunctions option; TaskGroup required in CommonJS under another name.
      code: `const { TaskGroup: TG } = require('eslint-plugin-taskgroup/task-group');\njobs.enqueue(async () => {\n  await TG.run(async (g) => {});\n});`,
      options: [{ backgroundFunctions: ['jobs.enqueue'] }],
      errors: [{ messageId: 'noDeadline', data: { api: 'TaskGroup.run', context: 'a jobs.enqueue() callback' }, line: 3, column: 9, suggestions: [{ messageId: 'addTimeout', output: `const { TaskGroup: TG } = require('eslint-plugin-taskgroup/task-group');\njobs.enqueue(async () => {\n  await TG.run(async (g) => {}, { timeout: 30_000 });\n});` }] }],
    },
    {
      // settings.taskgroup.backgroundFunctions, shared by every rule.
      code: `${TG}jobs.enqueue(async () => {\n  await TaskGroup.all(tasks);\n});`,
      settings: { taskgroup: { backgroundFunctions: ['jobs.enqueue'] } },
      errors: [{ messageId: 'noDeadline', data: { api: 'TaskGroup.all', context: 'a jobs.enqueue() callback' }, line: 3, column: 9, suggestions: [{ messageId: 'addTimeout', output: `${TG}jobs.enqueue(async () => {\n  await TaskGroup.all(tasks, { timeout: 30_000 });\n});` }] }],
    },
  ],
});

runRuleTests('espree', 'require-deadline', rule, {
  valid: [`import { TaskGroup } from 'eslint-plugin-taskgroup/task-group';\nfunction f() { TaskGroup.all(tasks); }`],
  invalid: [
    {
      code: `import { TaskGroup } from 'eslint-plugin-taskgroup/task-group';\nprocess.nextTick(() => TaskGroup.any(tasks));`,
      errors: [{ messageId: 'noDeadline', line: 2, column: 24, suggestions: [{ messageId: 'addTimeout', output: `import { TaskGroup } from 'eslint-plugin-taskgroup/task-group';\nprocess.nextTick(() => TaskGroup.any(tasks, { timeout: 30_000 }));` }] }],
    },
  ],
});
