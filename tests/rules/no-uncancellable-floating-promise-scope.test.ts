/**
 * Where `no-uncancellable-floating-promise` reports with its default options (the recommended
 * config): where work outlives its owner on a server. One case per row of the decision table
 * in docs/rules/no-uncancellable-floating-promise.md, and the recall items of issue #11.
 */
import rule from '../../src/rules/no-uncancellable-floating-promise';
import { runRuleTests } from './lib/rule-tester';

const IMPORT = `import { background } from 'eslint-plugin-taskgroup/task-group';`;
const FLOATING = 'floating' as const;
const SPAWN = 'spawnInBackground' as const;

runRuleTests('typescript', 'no-uncancellable-floating-promise (recommended scope)', rule, {
  valid: [
    // Script entry points and bootstrap at the module's top level: the process owns that work.
    `async function main() { await fetch(u); }\nmain();`,
    `void app.prepare().then(() => server.listen(3000));`,
    `(async () => { await fetch(u); })();`,
    // Browser/UI code: 'use client', client-only, UI imports, JSX, DOM globals.
    `'use client';\nasync function save() { await fetch(u); }\nexport function Button() { setInterval(() => { save(); }, 1000); }`,
    `import 'client-only';\nexport function poll() { setInterval(() => { fetch(u); }, 1000); }`,
    `import { useEffect } from 'react';\nexport function useThing() { useEffect(() => { fetch('/x'); }, []); }`,
    { code: `export function Copy({ text }) { return <button onClick={() => { fetch('/copied'); }}>{text}</button>; }`, filename: 'react.tsx' },
    `export function copy(text: string) { setTimeout(() => { navigator.clipboard.writeText(text).then(() => {}); }); }`,
    // A script: its top level starts one of its own functions; what runs in it ends with the process.
    `async function main() { emitter.on('data', () => { void fetch(u); }); }\nmain();`,
    // The process is ending: listeners of its end.
    `function restart() { void db.close(); }\nexport function init() { process.on('SIGHUP', restart); process.on('SIGTERM', () => void db.close()); }`,
    // Given the response: it writes the response the framework keeps open.
    `app.get('/x', (req, res) => { helpers.formatApiResponse(500, res, e).catch(log); });`,
    // Neither a background handler, a request handler nor reached from one.
    `async function load() { await fetch(u); }\nexport function start() { load(); }`,
    // Already owned: piped into an enclosing new Promise, handed to a callback, feeding the response.
    `app.get('/x', (req, res) => new Promise((resolve, reject) => { fetch(u).then(resolve, reject); }));`,
    `router.get('/x', (req, res, next) => { fetch(u).then((v) => next(null, v), next); });`,
    `router.get('/zip', async (ctx) => { const zip = new PassThrough(); (async () => { await build(zip); zip.end(); })(); ctx.body = zip; });`,
    // An async function without await has finished when its call returns.
    `async function log(x) { console.log(x); }\napp.post('/x', (req, res) => { log(1); res.end(); });`,
    // A held promise that is also returned: the caller owns it.
    `app.get('/x', (req, res) => { const p = fetch(u); p.then(() => {}); return p; });`,
    // Test callbacks are awaited by the runner; a wrapper needs a promise-returning task.
    `setInterval(() => { it('works', async () => { await x(); }); limiter(() => 1); }, 10);`,
    // Deliberate in a long-running server's request path: `void`, or a `.catch` that handles the error.
    `app.post('/logout', async (req, res) => { void cache.del(req.token); fetch(u).catch((error) => log.warn(error)); audit(req).then(done, report); res.end(); });`,
    // A client's connection is request-path code: set-up marked as deliberate.
    `io.on('connection', async (socket) => { await authenticate(socket); void joinRooms(socket).catch(log); });`,
    // Already bounded: a race with a timer.
    `setInterval(() => { const timeout = new Promise((_, reject) => { setTimeout(() => reject(new Error('t')), 100); }); Promise.race([ping(), timeout]).catch(reconnect); }, 1000);`,
    `setInterval(() => { Promise.race([ping(), sleep(100)]).then(report); }, 1000);`,
    // Reached only from a listener of the process's end.
    `async function sleep(ms) { await new Promise((r) => setTimeout(r, ms)); }\nfunction shutdown() { void sleep(5000).then(() => process.exit(1)); }\nexport function init() { process.once('SIGTERM', () => { shutdown(); }); }`,
    // A local helper filling the stream the function returns.
    `'use server';\nexport async function generate() { const stream = createStreamableValue(); const fail = async (e) => { stream.error(e); }; (async () => { try { stream.update(await run()); stream.done(); } catch (e) { void fail(e); } })(); return { value: stream.value }; }`,
    // The mapped promises are used; an async callback with no await has finished when it returns; request-path-free helper.
    `setInterval(async () => { const sent = users.map(async (u) => { await send(u); }); await Promise.all(sent); users.forEach(async (u) => log(u)); }, 1000);`,
    `export function start(users) { users.forEach(async (u) => { await send(u); }); }`,
    // A Gruntfile is the developer's build.
    `module.exports = function (grunt) { grunt.event.on('watch', () => { build().then(done); }); };\nasync function build() { await compile(); }`,
    // Local file-system work ends in milliseconds.
    `import fs from 'node:fs/promises';\nsetInterval(() => { void fs.unlink(tmp).catch(log); }, 1000);`,
    // Start-up work in the constructor of the module's own instance, also one-shot deferred.
    `class Env { constructor() { process.nextTick(() => { void validate(this).then(report); }); } }\nexport default new Env();`,
    // A function of the module started with a `.catch` that logs, on a client's connection.
    `io.on('connection', (socket) => { void authenticated(socket).catch(log); });\nasync function authenticated(socket) { await socket.join('r'); }`,
    // A function whose last step ends the process (an installer's relaunch), from a child's exit listener.
    `app.post('/install', (req, res) => { fork('app').on('close', () => { launch(); }); res.end(); });\nasync function launch() { try { server.close(); await start(); process.exit(0); } catch (e) { log(e); throw e; } }`,
    // A function of the module that waits on the file system only is local file work.
    `app.post('/upload', (req, res) => { remove(req.file.path); res.end(); });\nasync function remove(path) { try { await fs.promises.unlink(path); } catch (e) { log(e); } }\nimport fs from 'node:fs';`,
    // A model hook's deliberate mark (`void` of another module's call) in a long-running server.
    `import { AfterSave, Model } from 'sequelize-typescript';\nimport { queue } from './queue';\nexport class Event extends Model { @AfterSave static enqueue(model) { void queue().add(model); } }`,
    // A client-state module (MobX) is browser code.
    `import { observable } from 'mobx';\nexport class Store { load() { setTimeout(() => { this.fetchAll(); }); } async fetchAll() { await fetch(u); } }`,
  ],
  invalid: [
    {
      // Express request handler: unmarked, and an empty `.catch` makes failures vanish.
      code: `app.post('/signup', async (req, res) => {\n  fetch(u).catch(() => {});\n  res.end();\n});`,
      errors: [
        {
          messageId: FLOATING,
          data: { name: 'fetch' },
          line: 2,
          column: 3,
          endColumn: 11,
          suggestions: [{ messageId: SPAWN, output: `${IMPORT}\napp.post('/signup', async (req, res) => {\n  void background.spawn((signal) => fetch(u, { signal }).catch(() => {}));\n  res.end();\n});` }],
        },
      ],
    },
    {
      // Next.js route handler, declared and wrapped.
      code: `export async function POST(req: Request) {\n  fetch(u);\n  return Response.json({});\n}\nexport const PUT = withWorkspace(async ({ req }) => {\n  fetch(u);\n  return ok();\n});`,
      errors: [
        {
          messageId: FLOATING,
          line: 2,
          column: 3,
          suggestions: [{ messageId: SPAWN, output: `${IMPORT}\nexport async function POST(req: Request) {\n  void background.spawn((signal) => fetch(u, { signal }));\n  return Response.json({});\n}\nexport const PUT = withWorkspace(async ({ req }) => {\n  fetch(u);\n  return ok();\n});` }],
        },
        {
          messageId: FLOATING,
          line: 6,
          column: 3,
          suggestions: [{ messageId: SPAWN, output: `${IMPORT}\nexport async function POST(req: Request) {\n  fetch(u);\n  return Response.json({});\n}\nexport const PUT = withWorkspace(async ({ req }) => {\n  void background.spawn((signal) => fetch(u, { signal }));\n  return ok();\n});` }],
        },
      ],
    },
    {
      // A server action.
      code: `'use server';\nexport async function save() {\n  fetch(u);\n}`,
      errors: [{ messageId: FLOATING, line: 3, column: 3, suggestions: [{ messageId: SPAWN, output: `'use server';\n${IMPORT}\nexport async function save() {\n  void background.spawn((signal) => fetch(u, { signal }));\n}` }] }],
    },
    {
      // A NestJS controller method.
      code: `import { Controller, Post } from '@nestjs/common';\n@Controller()\nexport class C {\n  @Post() create() {\n    fetch(u);\n  }\n}`,
      errors: [
        {
          messageId: FLOATING,
          line: 5,
          column: 5,
          suggestions: [{ messageId: SPAWN, output: `import { Controller, Post } from '@nestjs/common';\n${IMPORT}\n@Controller()\nexport class C {\n  @Post() create() {\n    void background.spawn((signal) => fetch(u, { signal }));\n  }\n}` }],
        },
      ],
    },
    {
      // Reached from a request handler in the module.
      code: `async function notify() { await fetch(u); }\nfunction track() {\n  notify();\n}\napp.post('/x', (req, res) => {\n  track();\n  res.end();\n});`,
      errors: [
        {
          messageId: FLOATING,
          data: { name: 'notify()' },
          line: 3,
          column: 3,
          suggestions: [{ messageId: SPAWN, output: `${IMPORT}\nasync function notify(signal?: AbortSignal) { await fetch(u, { signal }); }\nfunction track() {\n  void background.spawn((signal) => notify(signal));\n}\napp.post('/x', (req, res) => {\n  track();\n  res.end();\n});` }],
        },
      ],
    },
    {
      // A call of a function the module runs on a timer starts the same background work once more
      // (a \`let\` async arrow nobody reassigns is known to return a promise).
      code: `export function startInterval() {\n  let check = async () => { await fetch(u); };\n  check();\n  setInterval(check, DAY);\n}`,
      errors: [
        {
          messageId: FLOATING,
          data: { name: 'check()' },
          line: 3,
          column: 3,
          suggestions: [{ messageId: SPAWN, output: `${IMPORT}\nexport function startInterval() {\n  let check = async () => { await fetch(u); };\n  void background.spawn(() => check());\n  setInterval(check, DAY);\n}` }],
        },
      ],
    },
    {
      // Recall: an expression-bodied arrow handed to a timer.
      code: `class Flusher {\n  async #flush() { await fetch(u); }\n  start() {\n    setInterval(() => this.#flush(), 1000);\n  }\n}`,
      errors: [
        {
          messageId: FLOATING,
          data: { name: 'this.#flush()' },
          line: 4,
          column: 23,
          suggestions: [{ messageId: SPAWN, output: `${IMPORT}\nclass Flusher {\n  async #flush() { await fetch(u); }\n  start() {\n    setInterval(() => void background.spawn(() => this.#flush()), 1000);\n  }\n}` }],
        },
      ],
    },
    {
      // Recall: `void` as an arrow's body, unknown untyped callee, in a listener.
      code: `server.on('close', () => void created.shutdown());`,
      errors: [
        {
          messageId: FLOATING,
          data: { name: 'created.shutdown()' },
          line: 1,
          column: 31,
          endColumn: 49,
          suggestions: [{ messageId: SPAWN, output: `${IMPORT}\nserver.on('close', () => void background.spawn(() => created.shutdown()));` }],
        },
      ],
    },
    {
      // Recall: `void call()` with an unknown untyped callee; `void` in expression position. In a
      // Next.js route handler `void` is no excuse: the platform may freeze the function after the response.
      code: `export async function POST(req: Request) {\n  void audit.log(req);\n  setTimeout(() => void fetch(u));\n  return new Response();\n}`,
      errors: [
        {
          messageId: FLOATING,
          data: { name: 'audit.log()' },
          line: 2,
          column: 8,
          suggestions: [{ messageId: SPAWN, output: `${IMPORT}\nexport async function POST(req: Request) {\n  void background.spawn(() => audit.log(req));\n  setTimeout(() => void fetch(u));\n  return new Response();\n}` }],
        },
        {
          messageId: FLOATING,
          data: { name: 'fetch' },
          line: 3,
          column: 25,
          suggestions: [{ messageId: SPAWN, output: `${IMPORT}\nexport async function POST(req: Request) {\n  void audit.log(req);\n  setTimeout(() => void background.spawn((signal) => fetch(u, { signal })));\n  return new Response();\n}` }],
        },
      ],
    },
    {
      // Recall: `items.forEach(async …)` and a dropped `items.map(async …)` in a background handler.
      code: `setInterval(() => {\n  users.forEach(async (user) => {\n    await fetch(user.url);\n  });\n  ids.map(async function (id) { await db.remove(id); });\n}, 1000);`,
      errors: [
        {
          messageId: 'droppedCallbacks',
          data: { name: 'users.forEach' },
          line: 2,
          column: 3,
          endColumn: 5,
          suggestions: [{ messageId: SPAWN, output: `${IMPORT}\nsetInterval(() => {\n  users.forEach((user) => void background.spawn(async (signal) => {\n    await fetch(user.url, { signal });\n  }));\n  ids.map(async function (id) { await db.remove(id); });\n}, 1000);` }],
        },
        {
          messageId: 'droppedCallbacks',
          data: { name: 'ids.map' },
          line: 5,
          column: 3,
          suggestions: [{ messageId: SPAWN, output: `${IMPORT}\nsetInterval(() => {\n  users.forEach(async (user) => {\n    await fetch(user.url);\n  });\n  ids.map(function (id) { void background.spawn(async () => { await db.remove(id); }); });\n}, 1000);` }],
        },
      ],
    },
    {
      // A repeating timer set up in a constructor runs for the process's life: not start-up work.
      code: `class Poller {\n  constructor() {\n    setInterval(() => { void this.poll(); }, 1000);\n  }\n  async poll() { await fetch(u); }\n}\nexport default new Poller();`,
      errors: [{ messageId: FLOATING, data: { name: 'this.poll()' }, line: 3, column: 30, suggestions: [{ messageId: SPAWN, output: `${IMPORT}\nclass Poller {\n  constructor() {\n    setInterval(() => { void background.spawn(() => this.poll()); }, 1000);\n  }\n  async poll() { await fetch(u); }\n}\nexport default new Poller();` }] }],
    },
    {
      // A client's connection is request-path code, and an unmarked call there is reported.
      code: `io.on('connection', (socket) => {\n  join(socket);\n});\nasync function join(socket) { await socket.join('room'); }`,
      errors: [{ messageId: FLOATING, data: { name: 'join()' }, line: 2, column: 3, suggestions: [{ messageId: SPAWN, output: `${IMPORT}\nio.on('connection', (socket) => {\n  void background.spawn(() => join(socket));\n});\nasync function join(socket) { await socket.join('room'); }` }] }],
    },
    {
      // `process.exit` that is not the function's last step, and a function that catches its own failures
      // (it starts the module's own background work: nobody can stop it at shutdown): reported.
      code: `io.on('connection', (socket) => {\n  c();\n  void gather(socket);\n});\nasync function c() { await save(); process.exit(0); await after(); }\nasync function gather(s) { try { await s.join('r'); } catch (e) { log(e); } }`,
      errors: [
        { messageId: FLOATING, data: { name: 'c()' }, line: 2, column: 3, suggestions: [{ messageId: SPAWN, output: `${IMPORT}\nio.on('connection', (socket) => {\n  void background.spawn(() => c());\n  void gather(socket);\n});\nasync function c() { await save(); process.exit(0); await after(); }\nasync function gather(s) { try { await s.join('r'); } catch (e) { log(e); } }` }] },
        { messageId: FLOATING, data: { name: 'gather()' }, line: 3, column: 8, suggestions: [{ messageId: SPAWN, output: `${IMPORT}\nio.on('connection', (socket) => {\n  c();\n  void background.spawn(() => gather(socket));\n});\nasync function c() { await save(); process.exit(0); await after(); }\nasync function gather(s) { try { await s.join('r'); } catch (e) { log(e); } }` }] },
      ],
    },
    {
      // Model hooks: the ORM runs them inside the request's or job's save (sequelize-typescript, Sequelize, Mongoose, TypeORM).
      code: `import { AfterUpdate, Model } from 'sequelize-typescript';\nexport class Doc extends Model {\n  @AfterUpdate static notify(model) {\n    const send = async () => { await fetch(u); };\n    void send();\n  }\n}\nUser.addHook('afterCreate', (user) => {\n  fetch(u);\n});`,
      errors: [
        { messageId: FLOATING, data: { name: 'send()' }, line: 5, column: 10, suggestions: [{ messageId: SPAWN, output: `import { AfterUpdate, Model } from 'sequelize-typescript';\n${IMPORT}\nexport class Doc extends Model {\n  @AfterUpdate static notify(model) {\n    const send = async (signal?: AbortSignal) => { await fetch(u, { signal }); };\n    void background.spawn((signal) => send(signal));\n  }\n}\nUser.addHook('afterCreate', (user) => {\n  fetch(u);\n});` }] },
        { messageId: FLOATING, data: { name: 'fetch' }, line: 9, column: 3, suggestions: [{ messageId: SPAWN, output: `import { AfterUpdate, Model } from 'sequelize-typescript';\n${IMPORT}\nexport class Doc extends Model {\n  @AfterUpdate static notify(model) {\n    const send = async () => { await fetch(u); };\n    void send();\n  }\n}\nUser.addHook('afterCreate', (user) => {\n  void background.spawn((signal) => fetch(u, { signal }));\n});` }] },
      ],
    },
    {
      code: `import mongoose from 'mongoose';\nconst schema = new mongoose.Schema({});\nschema.post('save', function (doc) {\n  fetch(u);\n});`,
      errors: [{ messageId: FLOATING, data: { name: 'fetch' }, line: 4, column: 3, suggestions: [{ messageId: SPAWN, output: `import mongoose from 'mongoose';\n${IMPORT}\nconst schema = new mongoose.Schema({});\nschema.post('save', function (doc) {\n  void background.spawn((signal) => fetch(u, { signal }));\n});` }] }],
    },
    {
      // `.catch` with an empty handler, `void` in a reached helper of a server action: reported.
      code: `'use server';\nexport async function save(x) {\n  await db.save(x);\n  notify(x);\n}\nfunction notify(x) {\n  void fetch(u);\n  track(x).catch(() => {});\n}\nasync function track(x) { await fetch(t); }`,
      errors: [
        { messageId: FLOATING, data: { name: 'fetch' }, line: 7, column: 8, suggestions: [{ messageId: SPAWN, output: `'use server';\n${IMPORT}\nexport async function save(x) {\n  await db.save(x);\n  notify(x);\n}\nfunction notify(x) {\n  void background.spawn((signal) => fetch(u, { signal }));\n  track(x).catch(() => {});\n}\nasync function track(x) { await fetch(t); }` }] },
        { messageId: FLOATING, data: { name: 'track()' }, line: 8, column: 3, suggestions: [{ messageId: SPAWN, output: `'use server';\n${IMPORT}\nexport async function save(x) {\n  await db.save(x);\n  notify(x);\n}\nfunction notify(x) {\n  void fetch(u);\n  void background.spawn((signal) => track(x, signal).catch(() => {}));\n}\nasync function track(x, signal?: AbortSignal) { await fetch(t, { signal }); }` }] },
      ],
    },
    {
      // Recall: `&&` in an arrow handed to a timer.
      code: `function start() {\n  setInterval(() => ready && fetch(u), 1000);\n}`,
      errors: [{ messageId: FLOATING, line: 2, column: 30, suggestions: [{ messageId: SPAWN, output: `${IMPORT}\nfunction start() {\n  setInterval(() => ready && void background.spawn((signal) => fetch(u, { signal })), 1000);\n}` }] }],
    },
    {
      // Recall: a promise held in a variable and only `.then`ed.
      code: `app.get('/x', (req, res) => {\n  const p = fetch(u);\n  p.then(() => {});\n  res.end();\n});`,
      errors: [
        {
          messageId: FLOATING,
          data: { name: 'fetch' },
          line: 2,
          column: 13,
          endColumn: 21,
          suggestions: [{ messageId: SPAWN, output: `${IMPORT}\napp.get('/x', (req, res) => {\n  const p = background.spawn((signal) => fetch(u, { signal }));\n  p.then(() => {});\n  res.end();\n});` }],
        },
      ],
    },
    {
      // Recall: an optional call.
      code: `class Sender {\n  async send() { await fetch(u); }\n  start() {\n    setInterval(() => {\n      this.send?.();\n    }, 1000);\n  }\n}`,
      errors: [
        {
          messageId: FLOATING,
          data: { name: 'this.send()' },
          line: 5,
          column: 7,
          suggestions: [{ messageId: SPAWN, output: `${IMPORT}\nclass Sender {\n  async send() { await fetch(u); }\n  start() {\n    setInterval(() => {\n      void background.spawn(() => this.send?.());\n    }, 1000);\n  }\n}` }],
        },
      ],
    },
    {
      // Recall: a postgres.js tagged template.
      code: `import postgres from 'postgres';\nconst sql = postgres(url);\nsetInterval(() => {\n  sql\`update jobs set done = true\`;\n}, 1000);`,
      errors: [
        {
          messageId: FLOATING,
          line: 4,
          column: 3,
          endColumn: 35,
          suggestions: [{ messageId: SPAWN, output: `import postgres from 'postgres';\n${IMPORT}\nconst sql = postgres(url);\nsetInterval(() => {\n  void background.spawn(() => sql\`update jobs set done = true\`);\n}, 1000);` }],
        },
      ],
    },
    {
      // Recall: a method run through a wrapper (p-limit, p-queue).
      code: `import pLimit from 'p-limit';\nconst limiter = pLimit(2);\nclass Q {\n  async processBatch() { await fetch(u); }\n  start() {\n    setInterval(() => {\n      limiter(() => this.processBatch());\n      queue.add(() => this.processBatch());\n    }, 10);\n  }\n}`,
      errors: [
        {
          messageId: FLOATING,
          data: { name: 'limiter()' },
          line: 7,
          column: 7,
          suggestions: [{ messageId: SPAWN, output: `import pLimit from 'p-limit';\n${IMPORT}\nconst limiter = pLimit(2);\nclass Q {\n  async processBatch() { await fetch(u); }\n  start() {\n    setInterval(() => {\n      void background.spawn(() => limiter(() => this.processBatch()));\n      queue.add(() => this.processBatch());\n    }, 10);\n  }\n}` }],
        },
        {
          messageId: FLOATING,
          data: { name: 'queue.add()' },
          line: 8,
          column: 7,
          suggestions: [{ messageId: SPAWN, output: `import pLimit from 'p-limit';\n${IMPORT}\nconst limiter = pLimit(2);\nclass Q {\n  async processBatch() { await fetch(u); }\n  start() {\n    setInterval(() => {\n      limiter(() => this.processBatch());\n      void background.spawn(() => queue.add(() => this.processBatch()));\n    }, 10);\n  }\n}` }],
        },
      ],
    },
    {
      // A queue processor on a queue made in another module, the handler wrapped by a tracer.
      code: `import { websocketQueue } from '../queues';\nexport default function init(io) {\n  websocketQueue().process(traceFunction({ spanName: 'process' })(async function (job) {\n    websockets.perform(job.data, io).catch((error) => log(error));\n  }));\n}`,
      errors: [
        {
          messageId: FLOATING,
          line: 4,
          column: 5,
          suggestions: [{ messageId: SPAWN, output: `import { websocketQueue } from '../queues';\n${IMPORT}\nexport default function init(io) {\n  websocketQueue().process(traceFunction({ spanName: 'process' })(async function (job) {\n    void background.spawn(() => websockets.perform(job.data, io).catch((error) => log(error)));\n  }));\n}` }],
        },
      ],
    },
  ],
});

runRuleTests('typed', 'no-uncancellable-floating-promise (recommended scope, typed)', rule, {
  valid: [`declare function later(): Promise<void>;\nlater();`],
  invalid: [
    {
      // Recall, typed: an optional call and a tagged template known by their types.
      code: `declare const client: { send(): Promise<void> } | undefined;\ndeclare function sql(strings: TemplateStringsArray): Promise<number>;\nsetInterval(() => {\n  client?.send();\n  sql\`update jobs\`;\n}, 1000);`,
      errors: [
        {
          messageId: FLOATING,
          line: 4,
          column: 3,
          suggestions: [{ messageId: SPAWN, output: `${IMPORT}\ndeclare const client: { send(): Promise<void> } | undefined;\ndeclare function sql(strings: TemplateStringsArray): Promise<number>;\nsetInterval(() => {\n  void background.spawn(() => client?.send());\n  sql\`update jobs\`;\n}, 1000);` }],
        },
        {
          messageId: FLOATING,
          line: 5,
          column: 3,
          suggestions: [{ messageId: SPAWN, output: `${IMPORT}\ndeclare const client: { send(): Promise<void> } | undefined;\ndeclare function sql(strings: TemplateStringsArray): Promise<number>;\nsetInterval(() => {\n  client?.send();\n  void background.spawn(() => sql\`update jobs\`);\n}, 1000);` }],
        },
      ],
    },
  ],
});

runRuleTests('espree', 'no-uncancellable-floating-promise (recommended scope, JavaScript)', rule, {
  valid: [`async function main() { await fetch(u); }\nmain().catch(console.error);`],
  invalid: [
    {
      // A listener's untyped `void` call (CommonJS: the helper is required).
      code: `const express = require('express');\nconst app = express();\nbus.on('signup', (user) => {\n  void mailer.send(user);\n  app.emit('x');\n});`,
      errors: [
        {
          messageId: FLOATING,
          line: 4,
          column: 8,
          suggestions: [{ messageId: SPAWN, output: `const express = require('express');\nconst { background } = require('eslint-plugin-taskgroup/task-group');\nconst app = express();\nbus.on('signup', (user) => {\n  void background.spawn(() => mailer.send(user));\n  app.emit('x');\n});` }],
        },
      ],
    },
  ],
});
