import rule from '../../src/rules/no-unscoped-promise-combinator';
import { runRuleTests } from './lib/rule-tester';

const IMPORT = "import { TaskGroup } from 'eslint-plugin-taskgroup/task-group';";

type Combinator = 'all' | 'allSettled' | 'race' | 'any';
const CONSEQUENCES: Record<Combinator, string> = {
  all: 'if one task fails the others keep running',
  allSettled: 'it never cancels anything and has no deadline',
  race: 'the losers keep running after the first one settles',
  any: 'the losers keep running after the first one fulfils',
};

/** One report at line/column, in `context`, with the TaskGroup suggestion producing `output`. */
function report(line: number, column: number, combinator: Combinator, context: string, output: string) {
  return {
    messageId: 'inBackground' as const,
    line,
    column,
    data: { combinator, context, consequence: CONSEQUENCES[combinator] },
    suggestions: [{ messageId: 'useTaskGroup' as const, output }],
  };
}

runRuleTests('typescript', 'no-unscoped-promise-combinator', rule, {
  valid: [
    // A script's entry point and a top-level bootstrap IIFE are the process's own work, not background.
    `async function main() { await Promise.all([a(), b()]); }\nmain();`,
    `(async () => { await Promise.all([a(), b()]); })();`,
    // Browser/UI code: a listener in a 'use client' module.
    `'use client';\nexport function watch(socket) { socket.on('update', async () => { await Promise.all([a(), b()]); }); }`,
    // Ordinary request-path code.
    `app.get('/', async (req, res) => { const [a, b] = await Promise.all([x(), y()]); res.json({ a, b }); });`,
    `export async function load() { return Promise.all([a(), b()]); }`,
    `export default async function handler(req, res) { await Promise.race([a(), b()]); res.end(); }`,
    // A few parallel reads the handler goes on with: nothing to scope.
    `setInterval(async () => { const [user, plan, seats] = await Promise.all([db.user.findUnique(id), getPlan(id), countSeats(id)]); use(user, plan, seats); }, 1000);`,
    `emitter.on('login', async (id) => { const [active, roles] = await Promise.all([isActive(id), repo.listRoles(id)]); use(active, roles); });`,
    `setInterval(async () => { const roots = await Promise.all(rows.map((row) => (row.sourceId ? Row.findByPk(row.sourceId) : Promise.resolve(row)))); use(roots); }, 1000);`,
    `setInterval(async () => { await Promise.all(users.map((user) => new DigestTask().schedule({ userId: user.id }))); await Promise.all([emailQueue.add('a', x), this.auditQueue.add('b', x)]); }, 1000);`,
    `setInterval(async () => { const urls = new Map(); await Promise.all(files.map(async (file) => { const url = await storage.getSignedUrl(file.key); urls.set(file.id, url); })); use(urls); }, 1000);`,
    // A read or a value at hand, by a condition; a handful of operations on one data store (writes too).
    `setInterval(async () => { const [local, remote] = await Promise.all([db.isMember(uids), enabled ? db.exists(keys) : uids.map(() => false)]); use(local, remote); }, 1000);`,
    `setInterval(async () => { await Promise.all([db.sortedSetsRemove(old, id), db.sortedSetsAdd(keys, now, id), db.setAdd(key, uids)]); await Promise.all([this.prisma.link.update(a), this.prisma.tag.deleteMany(b)]); }, 1000);`,
    // Look-alikes and shadowing.
    `function after(f: () => unknown) { return f(); }\nafter(() => Promise.all([]));`,
    `import { after } from 'my-lib';\nafter(() => Promise.all([]));`,
    `function f(setTimeout: (f: () => void) => void) { setTimeout(() => Promise.all([])); }`,
    `import Promise from 'bluebird';\nsetTimeout(() => Promise.all([]));`,
    `const globalThis = { Promise: { all: (x: unknown) => x } };\nsetTimeout(() => globalThis.Promise.all([]));`,
    // `process` on a receiver not named like a queue, in a module that imports neither bull nor bee-queue.
    `image.process(async () => Promise.all([]));\nchildProcess.process(() => Promise.all([]));`,
    // A class extending a base not named like a job; a static run().
    `class Sync extends Base { async perform() { await Promise.all([]); } }\nclass Cleanup extends BaseTask { static run() { return Promise.all([]); } }`,
    `import { Worker } from 'node:worker_threads';\nnew Worker('x', () => Promise.all([]));`,
    `fastify.addHook('onRequest', async () => Promise.all([]));`,
    `async function work() { return Promise.all([]); }\nexport async function h() { await work(); }`,
    // Not a combinator.
    `setTimeout(() => Promise.resolve(1));`,
    `setTimeout(() => tasks.all([]));`,
    // Option `combinators`.
    { code: `setTimeout(() => Promise.all([]));`, options: [{ combinators: ['race'] }] },
    // Already a TaskGroup.
    `import { TaskGroup } from 'eslint-plugin-taskgroup/task-group';\nsetTimeout(() => TaskGroup.all([]));`,
    // A rule option overrides settings.taskgroup.
    {
      code: `jobs.enqueue(async () => Promise.all([]));`,
      settings: { taskgroup: { backgroundFunctions: ['jobs.enqueue'] } },
      options: [{ backgroundFunctions: [] }],
    },
  ],
  invalid: [
    {
      // Not parallel reads: a call of another service among them; `findOrCreate` per item is a write.
      code: `setInterval(async () => {\n  const [user] = await Promise.all([db.user.findUnique(id), mailer.sendWelcome(id)]);\n  const pages = await Promise.all(ids.map((id) => Page.findOrCreate(id)));\n}, 1000);`,
      errors: [
        report(2, 24, 'all', 'a setInterval() callback', `${IMPORT}\nsetInterval(async () => {\n  const [user] = await TaskGroup.all([() => db.user.findUnique(id), () => mailer.sendWelcome(id)]);\n  const pages = await Promise.all(ids.map((id) => Page.findOrCreate(id)));\n}, 1000);`),
        report(3, 23, 'all', 'a setInterval() callback', `${IMPORT}\nsetInterval(async () => {\n  const [user] = await Promise.all([db.user.findUnique(id), mailer.sendWelcome(id)]);\n  const pages = await TaskGroup.all(ids.map((id) => () => Page.findOrCreate(id)));\n}, 1000);`),
      ],
    },
    {
      // A promise started earlier is no value at hand: the read beside it does not make the join a read.
      code: `setInterval(async () => {\n  const [a, user] = await Promise.all([pending, db.getUser(id)]);\n}, 1000);`,
      errors: [report(2, 27, 'all', 'a setInterval() callback', `${IMPORT}\nsetInterval(async () => {\n  const [a, user] = await TaskGroup.all([pending, () => db.getUser(id)]);\n}, 1000);`)],
    },
    {
      // A lookup per item that also writes is no read.
      code: `setInterval(async () => {\n  await Promise.all(files.map(async (file) => { const url = await storage.getSignedUrl(file.key); await db.save(url); }));\n}, 1000);`,
      errors: [report(2, 9, 'all', 'a setInterval() callback', `${IMPORT}\nsetInterval(async () => {\n  await TaskGroup.all(files.map((file) => async () => { const url = await storage.getSignedUrl(file.key); await db.save(url); }));\n}, 1000);`)],
    },
    {
      // `add` on something not named like a queue is no enqueue.
      code: `setInterval(async () => {\n  await Promise.all(users.map((user) => mailer.add(user)));\n}, 1000);`,
      errors: [report(2, 9, 'all', 'a setInterval() callback', `${IMPORT}\nsetInterval(async () => {\n  await TaskGroup.all(users.map((user) => () => mailer.add(user)));\n}, 1000);`)],
    },
    {
      // `everywhere` (strict) reports parallel reads too.
      code: `setInterval(async () => {\n  const [a, b] = await Promise.all([getA(), findB()]);\n}, 1000);`,
      options: [{ everywhere: true }],
      errors: [report(2, 24, 'all', 'a setInterval() callback', `${IMPORT}\nsetInterval(async () => {\n  const [a, b] = await TaskGroup.all([() => getA(), () => findB()]);\n}, 1000);`)],
    },
    {
      code: `import { after } from 'next/server';\nafter(async () => {\n  await Promise.all([a(), b()]);\n});`,
      errors: [report(3, 9, 'all', 'a Next.js after() callback', `import { after } from 'next/server';\n${IMPORT}\nafter(async () => {\n  await TaskGroup.all([() => a(), () => b()]);\n});`)],
    },
    {
      code: `import { unstable_after as later } from 'next/server';\nlater(() => Promise.race([a()]));`,
      errors: [report(2, 13, 'race', 'a Next.js unstable_after() callback', `import { unstable_after as later } from 'next/server';\n${IMPORT}\nlater(() => TaskGroup.race([() => a()]));`)],
    },
    {
      code: `import { waitUntil } from '@vercel/functions';\nwaitUntil(Promise.allSettled([a(), b()]));`,
      errors: [report(2, 11, 'allSettled', 'a waitUntil() callback', `import { waitUntil } from '@vercel/functions';\n${IMPORT}\nwaitUntil(TaskGroup.allSettled([() => a(), () => b()]));`)],
    },
    {
      code: `export default {\n  async fetch(req: Request, env: unknown, ctx: ExecutionContext) {\n    ctx.waitUntil(Promise.all([log(req)]));\n    return new Response('ok');\n  },\n};`,
      errors: [report(3, 19, 'all', 'a waitUntil() callback', `${IMPORT}\nexport default {\n  async fetch(req: Request, env: unknown, ctx: ExecutionContext) {\n    ctx.waitUntil(TaskGroup.all([() => log(req)]));\n    return new Response('ok');\n  },\n};`)],
    },
    {
      code: `setTimeout(async () => { await Promise.any([a()]); }, 10);\nqueueMicrotask(() => void Promise.all([]));\nprocess.nextTick(() => globalThis.Promise.race([]));`,
      errors: [
        report(1, 32, 'any', 'a setTimeout() callback', `${IMPORT}\nsetTimeout(async () => { await TaskGroup.any([() => a()]); }, 10);\nqueueMicrotask(() => void Promise.all([]));\nprocess.nextTick(() => globalThis.Promise.race([]));`),
        report(2, 27, 'all', 'a queueMicrotask() callback', `${IMPORT}\nsetTimeout(async () => { await Promise.any([a()]); }, 10);\nqueueMicrotask(() => void TaskGroup.all([]));\nprocess.nextTick(() => globalThis.Promise.race([]));`),
        report(3, 24, 'race', 'a process.nextTick() callback', `${IMPORT}\nsetTimeout(async () => { await Promise.any([a()]); }, 10);\nqueueMicrotask(() => void Promise.all([]));\nprocess.nextTick(() => TaskGroup.race([]));`),
      ],
    },
    {
      code: `setInterval(() => Promise.all([]), 1000);\nsetImmediate(() => Promise.all([]));`,
      errors: [
        report(1, 19, 'all', 'a setInterval() callback', `${IMPORT}\nsetInterval(() => TaskGroup.all([]), 1000);\nsetImmediate(() => Promise.all([]));`),
        report(2, 20, 'all', 'a setImmediate() callback', `${IMPORT}\nsetInterval(() => Promise.all([]), 1000);\nsetImmediate(() => TaskGroup.all([]));`),
      ],
    },
    {
      code: `import { Worker } from 'bullmq';\nnew Worker('emails', async (job) => {\n  await Promise.all(job.data.to.map(send));\n});`,
      // Each send() starts before the join: TaskGroup.all would cancel none of them, so no suggestion.
      errors: [{ ...report(3, 9, 'all', 'a BullMQ worker', ''), suggestions: [] }],
    },
    {
      code: `import Queue from 'bull';\nconst q = new Queue('x');\nq.process(async () => Promise.all([]));`,
      errors: [report(3, 23, 'all', 'a Bull queue processor', `import Queue from 'bull';\n${IMPORT}\nconst q = new Queue('x');\nq.process(async () => TaskGroup.all([]));`)],
    },
    {
      code: `import BeeQueue from 'bee-queue';\nnew BeeQueue('x').process(async () => Promise.all([]));`,
      errors: [report(2, 39, 'all', 'a Bee-Queue processor', `import BeeQueue from 'bee-queue';\n${IMPORT}\nnew BeeQueue('x').process(async () => TaskGroup.all([]));`)],
    },
    {
      code: `import { Agenda } from 'agenda';\nconst agenda = new Agenda();\nagenda.define('report', async () => { await Promise.all([]); });`,
      errors: [report(3, 45, 'all', 'an Agenda job', `import { Agenda } from 'agenda';\n${IMPORT}\nconst agenda = new Agenda();\nagenda.define('report', async () => { await TaskGroup.all([]); });`)],
    },
    {
      code: `import * as cron from 'node-cron';\ncron.schedule('* * * * *', () => Promise.all([]));`,
      errors: [report(2, 34, 'all', 'a node-cron job', `import * as cron from 'node-cron';\n${IMPORT}\ncron.schedule('* * * * *', () => TaskGroup.all([]));`)],
    },
    {
      code: `import { scheduleJob } from 'node-schedule';\nscheduleJob('0 * * * *', () => Promise.all([]));`,
      errors: [report(2, 32, 'all', 'a node-schedule job', `import { scheduleJob } from 'node-schedule';\n${IMPORT}\nscheduleJob('0 * * * *', () => TaskGroup.all([]));`)],
    },
    {
      code: `import { CronJob } from 'cron';\nCronJob.from({ cronTime: '* * * * *', onTick: () => Promise.all([]) });`,
      errors: [report(2, 53, 'all', 'a cron job', `import { CronJob } from 'cron';\n${IMPORT}\nCronJob.from({ cronTime: '* * * * *', onTick: () => TaskGroup.all([]) });`)],
    },
    {
      // A job class run by a queue in another module: the run method of a class extending a job base.
      code: `import { BaseTask } from './base/BaseTask';\nexport default class CleanupTask extends BaseTask<Props> {\n  public async perform(props: Props) {\n    await Promise.all(props.ids.map((id) => disable(id)));\n  }\n}`,
      errors: [report(4, 11, 'all', "a job class's perform() (extends BaseTask)", `import { BaseTask } from './base/BaseTask';\n${IMPORT}\nexport default class CleanupTask extends BaseTask<Props> {\n  public async perform(props: Props) {\n    await TaskGroup.all(props.ids.map((id) => () => disable(id)));\n  }\n}`)],
    },
    {
      code: `emitter.on('order', async (order) => { await Promise.all([bill(order), ship(order)]); });`,
      errors: [report(1, 46, 'all', "an 'order' event listener", `${IMPORT}\nemitter.on('order', async (order) => { await TaskGroup.all([() => bill(order), () => ship(order)]); });`)],
    },
    {
      code: `fastify.addHook('onResponse', async (request, reply) => { await Promise.allSettled([audit(request)]); });`,
      errors: [report(1, 65, 'allSettled', 'a Fastify onResponse hook', `${IMPORT}\nfastify.addHook('onResponse', async (request, reply) => { await TaskGroup.allSettled([() => audit(request)]); });`)],
    },
    {
      // A Temporal activity (nestjs-temporal-core): it runs in a worker, outside any request.
      code: `import { ActivityMethod } from 'nestjs-temporal-core';\nexport class PostActivity {\n  @ActivityMethod()\n  async post() { await Promise.all([a(), b()]); }\n}`,
      errors: [report(4, 24, 'all', 'a Temporal activity (@ActivityMethod)', `import { ActivityMethod } from 'nestjs-temporal-core';\n${IMPORT}\nexport class PostActivity {\n  @ActivityMethod()\n  async post() { await TaskGroup.all([() => a(), () => b()]); }\n}`)],
    },
    {
      code: `import { Injectable } from '@nestjs/common';\nimport { Cron } from '@nestjs/schedule';\n@Injectable()\nclass Jobs {\n  @Cron('0 * * * *')\n  async hourly() { await Promise.all([]); }\n}`,
      errors: [report(6, 26, 'all', 'a NestJS @Cron job', `import { Injectable } from '@nestjs/common';\nimport { Cron } from '@nestjs/schedule';\n${IMPORT}\n@Injectable()\nclass Jobs {\n  @Cron('0 * * * *')\n  async hourly() { await TaskGroup.all([]); }\n}`)],
    },
    {
      code: `import { Processor, WorkerHost } from '@nestjs/bullmq';\n@Processor('q')\nclass P extends WorkerHost {\n  async process() { return Promise.any([]); }\n}`,
      errors: [report(4, 28, 'any', 'a NestJS BullMQ processor', `import { Processor, WorkerHost } from '@nestjs/bullmq';\n${IMPORT}\n@Processor('q')\nclass P extends WorkerHost {\n  async process() { return TaskGroup.any([]); }\n}`)],
    },
    {
      code: `export default {\n  async scheduled() { await Promise.all([]); },\n} satisfies ExportedHandler;`,
      errors: [report(2, 29, 'all', 'a Cloudflare Workers scheduled() handler', `${IMPORT}\nexport default {\n  async scheduled() { await TaskGroup.all([]); },\n} satisfies ExportedHandler;`)],
    },
    {
      code: `export function start() {\n  (async () => { await Promise.all([]); })();\n}`,
      errors: [report(2, 24, 'all', 'a fire-and-forget async IIFE', `${IMPORT}\nexport function start() {\n  (async () => { await TaskGroup.all([]); })();\n}`)],
    },
    {
      code: `async function refresh() { await Promise.all([]); }\nexport function handler() { void refresh(); }`,
      errors: [report(1, 34, 'all', 'the fire-and-forget function `refresh`', `${IMPORT}\nasync function refresh() { await TaskGroup.all([]); }\nexport function handler() { void refresh(); }`)],
    },
    {
      code: `class Buffer {\n  start() { setInterval(() => this.flush(), 1000); }\n  async flush() { await Promise.all([]); }\n}`,
      errors: [report(3, 25, 'all', '`flush`, called from a setInterval() callback', `${IMPORT}\nclass Buffer {\n  start() { setInterval(() => this.flush(), 1000); }\n  async flush() { await TaskGroup.all([]); }\n}`)],
    },
    {
      code: `app.post('/orders', async (req, res) => {\n  res.status(201).json(await save(req.body));\n  await Promise.all([email(), audit()]);\n});`,
      errors: [report(3, 9, 'all', 'code after the response is sent', `${IMPORT}\napp.post('/orders', async (req, res) => {\n  res.status(201).json(await save(req.body));\n  await TaskGroup.all([() => email(), () => audit()]);\n});`)],
    },
    {
      code: `jobs.enqueue(async () => Promise.all([]));\nclass A { @Job() run() { return Promise.race([]); } }`,
      options: [{ backgroundFunctions: ['jobs.enqueue'], backgroundDecorators: ['Job'] }],
      errors: [
        report(1, 26, 'all', 'a jobs.enqueue() callback', `${IMPORT}\njobs.enqueue(async () => TaskGroup.all([]));\nclass A { @Job() run() { return Promise.race([]); } }`),
        report(2, 33, 'race', 'a method decorated with @Job', `${IMPORT}\njobs.enqueue(async () => Promise.all([]));\nclass A { @Job() run() { return TaskGroup.race([]); } }`),
      ],
    },
    // The import merges into an existing one; an alias is reused.
    {
      code: `import { background } from 'eslint-plugin-taskgroup/task-group';\nsetTimeout(() => Promise.all([]));`,
      errors: [report(2, 18, 'all', 'a setTimeout() callback', `import { background, TaskGroup } from 'eslint-plugin-taskgroup/task-group';\nsetTimeout(() => TaskGroup.all([]));`)],
    },
    {
      code: `import { TaskGroup as TG } from 'eslint-plugin-taskgroup/task-group';\nsetTimeout(() => Promise.all([]));`,
      errors: [report(2, 18, 'all', 'a setTimeout() callback', `import { TaskGroup as TG } from 'eslint-plugin-taskgroup/task-group';\nsetTimeout(() => TG.all([]));`)],
    },
    // A `TaskGroup` of the user's in scope: the runtime's is imported under another name.
    {
      code: `class TaskGroup {}\nsetTimeout(() => Promise.all([]));`,
      errors: [report(2, 18, 'all', 'a setTimeout() callback', `import { TaskGroup as TaskGroup2 } from 'eslint-plugin-taskgroup/task-group';\nclass TaskGroup {}\nsetTimeout(() => TaskGroup2.all([]));`)],
    },
    // CommonJS: require.
    {
      code: `const { Worker } = require('bullmq');\nnew Worker('q', async () => Promise.all([]));\nmodule.exports = {};`,
      filename: 'worker.cjs',
      errors: [report(2, 29, 'all', 'a BullMQ worker', `const { Worker } = require('bullmq');\nconst { TaskGroup } = require('eslint-plugin-taskgroup/task-group');\nnew Worker('q', async () => TaskGroup.all([]));\nmodule.exports = {};`)],
    },
    // settings.taskgroup: background functions and the helper module, for every rule.
    {
      code: `jobs.enqueue(async () => {\n  await Promise.all([fetch(a)]);\n});`,
      settings: { taskgroup: { backgroundFunctions: ['jobs.enqueue'], helperModule: '#lib/tasks' } },
      errors: [
        {
          messageId: 'inBackground',
          line: 2,
          column: 9,
          suggestions: [
            {
              messageId: 'useTaskGroup',
              data: { change: "Replace `Promise.all` with `TaskGroup.all` (imported from '#lib/tasks'); run its call as tasks, passing each task's signal to `fetch`." },
              output: `import { TaskGroup } from '#lib/tasks';\njobs.enqueue(async () => {\n  await TaskGroup.all([(signal: AbortSignal) => fetch(a, { signal })]);\n});`,
            },
          ],
        },
      ],
    },
    {
      // settings.taskgroup.everywhere; a group takes the signal in scope (migrate does the inner one first).
      code: `export async function load(signal: AbortSignal) {\n  return Promise.all([get(1), Promise.race([fetch(a)])]);\n}`,
      settings: { taskgroup: { everywhere: true } },
      errors: [
        {
          messageId: 'unscoped',
          line: 2,
          column: 10,
          suggestions: [
            {
              messageId: 'useTaskGroup',
              data: { change: "Replace `Promise.all` with `TaskGroup.all` (imported from 'eslint-plugin-taskgroup/task-group'); run its 2 calls as tasks, passing each task's signal to `fetch`; give the group the enclosing `signal`." },
              output: `${IMPORT}\nexport async function load(signal: AbortSignal) {\n  return TaskGroup.all([() => get(1), (signal2: AbortSignal) => Promise.race([fetch(a, { signal: signal2 })])], { signal });\n}`,
            },
          ],
        },
        {
          messageId: 'unscoped',
          line: 2,
          column: 31,
          suggestions: [
            {
              messageId: 'useTaskGroup',
              data: { change: "Replace `Promise.race` with `TaskGroup.race` (imported from 'eslint-plugin-taskgroup/task-group'); run its call as tasks, passing each task's signal to `fetch`; give the group the enclosing `signal`." },
              output: `${IMPORT}\nexport async function load(signal: AbortSignal) {\n  return Promise.all([get(1), TaskGroup.race([(signal2: AbortSignal) => fetch(a, { signal: signal2 })], { signal })]);\n}`,
            },
          ],
        },
      ],
    },
    // everywhere: true (the strict config).
    {
      code: `export async function load() { return Promise.all([a(), b()]); }`,
      options: [{ everywhere: true }],
      errors: [
        {
          messageId: 'unscoped',
          line: 1,
          column: 39,
          data: { combinator: 'all', consequence: CONSEQUENCES.all },
          suggestions: [{ messageId: 'useTaskGroup', output: `${IMPORT}\nexport async function load() { return TaskGroup.all([() => a(), () => b()]); }` }],
        },
      ],
    },
  ],
});
