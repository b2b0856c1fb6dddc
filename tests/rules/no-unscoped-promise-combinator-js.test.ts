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
  ],
});
