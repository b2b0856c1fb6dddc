import { describe, expect, it } from 'vitest';
import { analyzeProgram } from '../../src/analysis/background';
import { findCombinatorSites, type CombinatorOptions } from '../../src/analysis/combinator-sites';
import type { ProgramIndex } from '../../src/analysis/program';
import { dialectsFor } from './parse';

/** Labels of the reported sites, in source order, plus the text of each reported callee. */
function sitesOf(parse: (code: string) => ProgramIndex, code: string, options: CombinatorOptions = {}) {
  const analysis = analyzeProgram(parse(code), options);
  return findCombinatorSites(analysis, options).map((site) => `${code.slice(...site.callee.range)} in ${site.context?.label ?? '(everywhere)'}`);
}

/** [title, code, expected sites, TypeScript syntax (decorators, `satisfies`)]. */
type Case = [string, string, string[], 'ts'?];

const background: Case[] = [
  ['Next.js after', `import { after } from 'next/server'; after(async () => { await Promise.all([a(), b()]); });`, ['Promise.all in a Next.js after() callback']],
  ['Next.js unstable_after renamed', `import { unstable_after as later } from 'next/server'; later(() => Promise.race([a()]));`, ['Promise.race in a Next.js unstable_after() callback']],
  ['Vercel waitUntil with a combinator argument', `import { waitUntil } from '@vercel/functions'; waitUntil(Promise.allSettled([a(), b()]));`, ['Promise.allSettled in a waitUntil() callback']],
  ['ctx.waitUntil with an async IIFE', `export default { async fetch(req, env, ctx) { ctx.waitUntil((async () => { await Promise.any([a()]); })()); return new Response(''); } };`, ['Promise.any in a waitUntil() callback']],
  ['ctx.waitUntil with a combinator', `function f(ctx) { ctx.waitUntil(Promise.all([a(), b()])); }`, ['Promise.all in a waitUntil() callback']],
  ['setTimeout', `setTimeout(async () => { await Promise.all([a()]); }, 10);`, ['Promise.all in a setTimeout() callback']],
  ['globalThis.setInterval', `globalThis.setInterval(() => Promise.all([a()]), 10);`, ['Promise.all in a setInterval() callback']],
  ['setImmediate, queueMicrotask, process.nextTick', `setImmediate(() => Promise.all([])); queueMicrotask(() => Promise.race([])); process.nextTick(() => Promise.any([]));`, ['Promise.all in a setImmediate() callback', 'Promise.race in a queueMicrotask() callback', 'Promise.any in a process.nextTick() callback']],
  ['setTimeout from node:timers', `import { setTimeout as later } from 'node:timers'; later(() => Promise.all([]), 1);`, ['Promise.all in a setTimeout() callback']],
  ['BullMQ Worker', `import { Worker } from 'bullmq'; new Worker('q', async (job) => { await Promise.all(job.data.map(send)); });`, ['Promise.all in a BullMQ worker']],
  ['BullMQ Worker through a namespace', `import * as mq from 'bullmq'; new mq.Worker('q', async () => Promise.all([]));`, ['Promise.all in a BullMQ worker']],
  ['BullMQ Worker through require', `const { Worker: W } = require('bullmq'); new W('q', async () => Promise.all([]));`, ['Promise.all in a BullMQ worker']],
  ['Bull process', `const Queue = require('bull'); const q = new Queue('x'); q.process(async (job) => Promise.all([]));`, ['Promise.all in a Bull queue processor']],
  ['bee-queue process', `import Queue from 'bee-queue'; const q = new Queue('x'); q.process(4, async (job) => Promise.all([]));`, ['Promise.all in a Bee-Queue processor']],
  ['Agenda define', `import { Agenda } from '@hokify/agenda'; const agenda = new Agenda(); agenda.define('send', async (job) => { await Promise.all([]); });`, ['Promise.all in an Agenda job']],
  ['node-cron default import', `import cron from 'node-cron'; cron.schedule('* * * * *', async () => { await Promise.all([]); });`, ['Promise.all in a node-cron job']],
  ['node-schedule', `const schedule = require('node-schedule'); schedule.scheduleJob('0 * * * *', () => Promise.all([]));`, ['Promise.all in a node-schedule job']],
  ['cron CronJob and CronJob.from', `import { CronJob } from 'cron'; new CronJob('* * * * *', async () => Promise.all([])); CronJob.from({ cronTime: '* * * * *', onTick: async () => Promise.race([]) });`, ['Promise.all in a cron job', 'Promise.race in a cron job']],
  ['event listeners', `emitter.on('message', async (m) => Promise.all([])); self.addEventListener('install', () => Promise.any([]));`, ["Promise.all in a 'message' event listener", "Promise.any in an 'install' event listener"]],
  ['Fastify onResponse / onClose hooks', `fastify.addHook('onResponse', async (req, reply) => { await Promise.all([]); }); app.addHook('onClose', async () => Promise.race([]));`, ['Promise.all in a Fastify onResponse hook', 'Promise.race in a Fastify onClose hook']],
  ['NestJS decorators', `import { Cron, Interval } from '@nestjs/schedule'; import { OnEvent } from '@nestjs/event-emitter';
    class Jobs { @Cron('* * * * *') async a() { await Promise.all([]); } @Interval(1000) b() { return Promise.race([]); } @OnEvent('x') c() { return Promise.any([]); } d() { return Promise.all([]); } }`,
    ['Promise.all in a NestJS @Cron job', 'Promise.race in a NestJS @Interval job', 'Promise.any in a NestJS @OnEvent listener'], 'ts'],
  ['NestJS Bull, BullMQ and microservices', `import { Process } from '@nestjs/bull'; import { Processor, WorkerHost, OnWorkerEvent } from '@nestjs/bullmq'; import { EventPattern, MessagePattern } from '@nestjs/microservices';
    class A { @Process('x') a() { return Promise.all([]); } }
    @Processor('q') class B extends WorkerHost { async process(job) { return Promise.all([]); } @OnWorkerEvent('completed') done() { return Promise.race([]); } other() { return Promise.any([]); } }
    class C { @EventPattern('e') e() { return Promise.all([]); } @MessagePattern('m') m() { return Promise.all([]); } }`,
    ['Promise.all in a NestJS @Process queue processor', 'Promise.all in a NestJS BullMQ processor', 'Promise.race in a NestJS @OnWorkerEvent listener', 'Promise.all in a NestJS @EventPattern handler', 'Promise.all in a NestJS @MessagePattern handler'], 'ts'],
  ['Cloudflare scheduled and queue', `export default { async fetch() { return Promise.all([]); }, async scheduled(event, env, ctx) { await Promise.all([]); }, queue: async (batch) => Promise.race([]) } satisfies ExportedHandler;`, ['Promise.all in a Cloudflare Workers scheduled() handler', 'Promise.race in a Cloudflare Workers queue() handler'], 'ts'],
  ['Cloudflare handler object bound to a name', `const worker = { scheduled }; async function scheduled() { await Promise.all([]); } export default worker;`, ['Promise.all in a Cloudflare Workers scheduled() handler']],
  ['async IIFE whose result floats', `export function start() { (async () => { await Promise.all([]); })(); void (async function () { await Promise.race([]); })().catch(log); }`, ['Promise.all in a fire-and-forget async IIFE', 'Promise.race in a fire-and-forget async IIFE']],
  ['function called in floating position', `async function work() { await Promise.all([]); } export function handler() { work(); }`, ['Promise.all in the fire-and-forget function `work`']],
  ['function called with void or .catch', `const a = async () => { await Promise.all([]); }; const b = async () => Promise.any([]); export function start() { void a(); b().catch(console.error); }`, ['Promise.all in the fire-and-forget function `a`', 'Promise.any in the fire-and-forget function `b`']],
  ['a synchronous function returning a promise chain, called as a statement', `function kick() { return load().then(() => Promise.all([])); } export function start() { kick(); }`, ['Promise.all in the fire-and-forget function `kick`']],
  // A script's entry point: `main();` at the top level is the process's own work, not background.
  ['a script whose main() is called at the top level', `async function main() { await Promise.all([]); } main(); void run(); async function run() { await Promise.race([]); }`, []],
  ['a top-level async IIFE (bootstrap)', `(async () => { await Promise.all([]); })();`, []],
    ['function passed by name', `import { Worker } from 'bullmq'; async function handle(job) { await Promise.all([]); } new Worker('q', handle);`, ['Promise.all in a BullMQ worker']],
  ['method passed by reference', `class SW { constructor() { addEventListener('install', this.install); } install() { return Promise.all([]); } }`, ["Promise.all in an 'install' event listener"]],
  ['reached through this, transitively', `class Buffer { start() { setInterval(() => this.flush(), 1000); } async flush() { await this.send(); } async send() { await Promise.all([]); } }`, ['Promise.all in `send`, called from a setInterval() callback']],
  ['reached module function, awaited', `import cron from 'node-cron'; async function sync() { await Promise.allSettled([]); } cron.schedule('*', async () => { await sync(); });`, ['Promise.allSettled in `sync`, called from a node-cron job']],
  ['after the response', `app.post('/orders', async (req, res) => { const order = await save(req.body); res.status(201).json(order); await Promise.all([email(order), audit(order)]); });`, ['Promise.all in code after the response is sent']],
  ['after reply.send, handler declared apart', `export async function handler(request, reply) { await reply.send({ ok: true }); await Promise.race([a()]); }`, ['Promise.race in code after the response is sent']],
  ['a Node-style (err, res) callback inside a handler', `setTimeout(() => { request(url, async (err, res) => { await Promise.all([]); }); });`, ['Promise.all in a setTimeout() callback']],
  ['a cron job object given to any call', `cron.addJob({ name: 'prune', cronTime: '0 0 * * *', onTick: async () => { await Promise.all([]); }, onComplete() { return Promise.race([]); } });`, ['Promise.all in a cron job', 'Promise.race in a cron job']],
  ['a cron job whose onTick is a function the module assigns to its exports', `const cron = require('./cron'); const Scheduled = module.exports;
    Scheduled.startJobs = async function () { await cron.addJob({ cronTime: '*/1 * * * *', onTick: Scheduled.handleExpired }); };
    Scheduled.handleExpired = async function () { await Promise.race([]); await postTids([]); };
    async function postTids(tids) { await Promise.all(tids.map(publish)); }`,
    ['Promise.race in a cron job', 'Promise.all in `postTids`, called from a cron job']],
  ['a method of a module object, called and passed', `const Jobs = {}; Jobs.sweep = async () => { await Promise.all([]); }; exports.flush = async function () { await Promise.any([]); };
    setInterval(() => Jobs.sweep(), 1000); emitter.on('tick', exports.flush);`,
    ['Promise.all in `Jobs.sweep`, called from a setInterval() callback', "Promise.any in a 'tick' event listener"]],
  ['a queue processor on a queue from another module, wrapped', `import { websocketQueue } from '../queues'; websocketQueue().process(traceFunction({ spanName: 'process' })(async function (job) { await Promise.all([]); }));`, ['Promise.all in a queue processor']],
  ['a queue processor on a field or a variable named like a queue', `class Mailer { start() { this.emailQueue.process(5, async (job) => Promise.all([])); } } queue.process('send', (job) => Promise.race([]));`, ['Promise.all in a queue processor', 'Promise.race in a queue processor']],
  ['the run method of a job class', `class BacklinksProcessor extends BaseProcessor { static applicableEvents = []; async perform(event) { await Promise.all([]); } other() { return Promise.all([]); } }
    class Sync extends queues.Job { async handle() { await this.step(); } async step() { await Promise.race([]); } }`,
    ["Promise.all in a job class's perform() (extends BaseProcessor)", "Promise.race in `step`, called from a job class's handle() (extends Job)"]],
  ['the run method of a generic job class', `export default class CleanupTask extends BaseTask<Props> { public async perform(props: Props) { await Promise.all([]); } }`, ["Promise.all in a job class's perform() (extends BaseTask)"], 'ts'],
    ['user backgroundFunctions and backgroundDecorators', `jobs.enqueue(async () => Promise.all([])); class A { @Job() run() { return Promise.race([]); } }`, ['Promise.all in a jobs.enqueue() callback', 'Promise.race in a method decorated with @Job'], 'ts'],
];

const requestPath: Case[] = [
  ['a request handler', `app.get('/', async (req, res) => { const [a, b] = await Promise.all([x(), y()]); res.json({ a, b }); });`, []],
  ['a plain function', `export async function load() { return Promise.all([a(), b()]); }`, []],
  ['a local function called after', `function after(f) { return f(); } after(() => Promise.all([]));`, []],
  ['after from another package', `import { after } from 'my-lib'; after(() => Promise.all([]));`, []],
  ['a shadowed setTimeout', `function f(setTimeout) { setTimeout(() => Promise.all([])); }`, []],
  ['a shadowed Promise', `import { Promise } from 'bluebird'; setTimeout(() => Promise.all([]));`, []],
  ['process on something not named like a queue, in a module without bull', `image.process(async () => Promise.all([])); childProcess.process(() => Promise.all([])); process.emit('x', () => Promise.all([]));`, []],
  ['a queue processor given a file or a name', `queue.process('./workers/send.js'); queue.process(\`send\`);`, []],
  ['an object without cronTime', `jobs.add({ name: 'prune', onTick: async () => Promise.all([]) });`, []],
  ['a module object property assigned twice, or inside a function', `exports.run = async function () { await Promise.all([]); }; exports.run = wrap(exports.run); setInterval(exports.run, 1000);
    const T = {}; function init() { T.x = async () => Promise.all([]); } setInterval(() => T.x(), 1000);
    let L = {}; L.y = async () => Promise.race([]); setInterval(() => L.y(), 1000);`, []],
  ['a class extending a base not named like a job, or a static run', `class A extends Base { async perform() { return Promise.all([]); } } class B extends BaseTask { static run() { return Promise.all([]); } } class C extends WorkerHost { async process() { return Promise.all([]); } }`, []],
  ['Worker from another module', `import { Worker } from 'node:worker_threads'; new Worker('x', () => Promise.all([]));`, []],
  ['Cron from another package', `import { Cron } from 'croner'; class A { @Cron('x') a() { return Promise.all([]); } }`, [], 'ts'],
  ['an HTTP server request listener', `server.on('request', async (req, res) => { res.end(String(await Promise.all([]))); }); addEventListener('fetch', (event) => event.respondWith(Promise.race([])));`, []],
  ['a Fastify onRequest hook', `fastify.addHook('onRequest', async () => Promise.all([]));`, []],
  ['a parameter passed to a timer or called as a statement', `async function poll(interval, done) { await new Promise((r) => setTimeout(r, interval)); done(); return Promise.race([]); }`, []],
    ['a synchronous function returning a value, called as a statement', `function count(items) { const all = Promise.all(items); return items.length; } count([]);`, []],
    ['an awaited module function', `async function work() { return Promise.all([]); } export async function h() { await work(); }`, []],
  ['a synchronous function called as a statement', `function setup() { app.get('/', async (req, res) => { res.json(await Promise.all([])); }); } setup();`, []],
  ['before the response', `app.get('/', async (req, res) => { await Promise.all([]); res.send('ok'); });`, []],
  ['after the response in another block', `app.get('/', async (req, res) => { if (x) { res.send('ok'); return; } await Promise.all([]); res.send('no'); });`, []],
  ['a send on something else', `app.get('/', async (req, res) => { other.send(); await Promise.all([]); res.end(); });`, []],
  ['a request handler that a fire-and-forget function registers', `async function main() { app.get('/', async (req, res) => res.json(await Promise.all([]))); } main();`, []],
];

describe.each(dialectsFor(false))('background analysis (%s)', (dialect, parse) => {
  const parses = ([, , , syntax]: Case) => syntax !== 'ts' || dialect === 'typescript-estree';
  it.each(background.filter(parses))('recognises %s', (_title, code, expected) => {
    expect(sitesOf(parse, code, { backgroundFunctions: ['jobs.enqueue'], backgroundDecorators: ['Job'] })).toEqual(expected);
  });

  it.each(requestPath.filter(parses))('stays silent on %s', (_title, code, expected) => {
    expect(sitesOf(parse, code)).toEqual(expected);
  });

  it('reports everywhere when asked, and only the chosen combinators', () => {
    const code = `export async function f() { await Promise.all([]); await Promise.race([]); await globalThis.Promise.any([]); }`;
    expect(sitesOf(parse, code, { everywhere: true })).toEqual([
      'Promise.all in (everywhere)',
      'Promise.race in (everywhere)',
      'globalThis.Promise.any in (everywhere)',
    ]);
    expect(sitesOf(parse, code, { everywhere: true, combinators: ['race'] })).toEqual(['Promise.race in (everywhere)']);
  });

  it('gives the context of any node inside a handler', () => {
    const code = `import { after } from 'next/server'; after(() => { const x = 1; }); const y = 2;`;
    const analysis = analyzeProgram(parse(code));
    const declarators = analysis.index.nodes.filter((node) => node.type === 'VariableDeclarator');
    expect(declarators.map((node) => analysis.backgroundContextOf(node)?.kind)).toEqual(['next-after', undefined]);
  });
});
