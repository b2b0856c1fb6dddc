import rule from '../../src/rules/no-unscoped-promise-combinator';
import { runRuleTests } from './lib/rule-tester';

// Plain JavaScript with ESLint's default parser (espree): no TypeScript parser involved.
runRuleTests('espree', 'no-unscoped-promise-combinator', rule, {
  valid: [
    `app.get('/', async (req, res) => { res.json(await Promise.all([a(), b()])); });`,
    `function setTimeout(f) { f(); }\nsetTimeout(() => Promise.all([]));`,
  ],
  invalid: [
    {
      code: `import cron from 'node-cron';\ncron.schedule('* * * * *', async () => {\n  await Promise.all([a(), b()]);\n});`,
      errors: [
        {
          messageId: 'inBackground',
          line: 3,
          column: 9,
          data: { combinator: 'all', context: 'a node-cron job', consequence: 'if one task fails the others keep running' },
          suggestions: [
            {
              messageId: 'useTaskGroup',
              output: `import cron from 'node-cron';\nimport { TaskGroup } from 'eslint-plugin-taskgroup/task-group';\ncron.schedule('* * * * *', async () => {\n  await TaskGroup.all([() => a(), () => b()]);\n});`,
            },
          ],
        },
      ],
    },
    {
      code: `"use strict";\nconst schedule = require("node-schedule");\nschedule.scheduleJob("0 * * * *", () => Promise.race([a()]));`,
      filename: 'jobs.cjs',
      errors: [
        {
          messageId: 'inBackground',
          line: 3,
          column: 41,
          suggestions: [
            {
              messageId: 'useTaskGroup',
              output: `"use strict";\nconst schedule = require("node-schedule");\nconst { TaskGroup } = require("eslint-plugin-taskgroup/task-group");\nschedule.scheduleJob("0 * * * *", () => TaskGroup.race([() => a()]));`,
            },
          ],
        },
      ],
    },
    {
      // A cron job of an app's own wrapper (NodeBB's cron.addJob), its onTick a function the
      // module assigns to its exports; what that calls in the module is the job too.
      code: `'use strict';\nconst cron = require('../cron');\nconst Scheduled = module.exports;\nScheduled.startJobs = async function () {\n  await cron.addJob({ name: 'publish', cronTime: '*/1 * * * *', onTick: Scheduled.handleExpired });\n};\nScheduled.handleExpired = async function () {\n  await postTids(await db.expired());\n};\nasync function postTids(tids) {\n  await Promise.all(tids.map((tid) => publish(tid)));\n}`,
      filename: 'scheduled.js',
      errors: [
        {
          messageId: 'inBackground',
          line: 11,
          column: 9,
          data: { combinator: 'all', context: '`postTids`, called from a cron job', consequence: 'if one task fails the others keep running' },
          suggestions: [
            {
              messageId: 'useTaskGroup',
              output: `'use strict';\nconst cron = require('../cron');\nconst { TaskGroup } = require('eslint-plugin-taskgroup/task-group');\nconst Scheduled = module.exports;\nScheduled.startJobs = async function () {\n  await cron.addJob({ name: 'publish', cronTime: '*/1 * * * *', onTick: Scheduled.handleExpired });\n};\nScheduled.handleExpired = async function () {\n  await postTids(await db.expired());\n};\nasync function postTids(tids) {\n  await TaskGroup.all(tids.map((tid) => () => publish(tid)));\n}`,
            },
          ],
        },
      ],
    },
  ],
});
