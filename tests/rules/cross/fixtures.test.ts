import { describe, expect, it } from 'vitest';
import { lintFixture } from './helpers';

describe('cross-module: each site reached from a background handler in another module is reported at the site, with its entry and chain', () => {
  it('CommonJS: require, destructured require, module.exports objects, exports.x', { timeout: 60_000 }, async () => {
    expect(await lintFixture('commonjs')).toEqual([
      "lib/store.js:7:9 no-unscoped-promise-combinator: `Promise.all` reached from the node-cron job at lib/worker.js:4 through `sweep` → `purge`: if one task fails the others keep running.",
      "lib/sweep.js:4:9 no-unscoped-promise-combinator: `Promise.race` reached from the node-cron job at lib/worker.js:4 through `sweep`: the losers keep running after the first one settles.",
    ]);
  });

  it('TS path aliases; a request handler calling the same function adds nothing; floating promises name the chain too', { timeout: 60_000 }, async () => {
    expect(await lintFixture('paths')).toEqual([
      "src/cache/refresh.ts:6:3 no-uncancellable-floating-promise: `warmUp()` floats in code reached from the setInterval() callback at src/jobs/nightly.ts:3 through `refreshAll`, and nobody can cancel it: it receives no AbortSignal and no TaskGroup owns it. `void` or `.catch()` handle its errors, not its lifetime.",
      "src/cache/refresh.ts:7:9 no-unscoped-promise-combinator: `Promise.any` reached from the setInterval() callback at src/jobs/nightly.ts:3 through `refreshAll`: the losers keep running after the first one fulfils.",
    ]);
  });

  it('a monorepo: an Agenda job defined with a function of another workspace package (through its index and export *)', { timeout: 60_000 }, async () => {
    expect(await lintFixture('monorepo')).toEqual([
      "packages/mail/src/newsletter.ts:6:9 no-unscoped-promise-combinator: `Promise.all` reached from the Agenda job at packages/jobs/src/define.ts:4 through `sendNewsletter`: if one task fails the others keep running.",
    ]);
  });

  it('a DI-injected service: constructor parameter properties lead to the class methods; controller (request path) callers are not reported', { timeout: 60_000 }, async () => {
    expect(await lintFixture('nest')).toEqual([
      "src/mail/mail.gateway.ts:6:11 no-unscoped-promise-combinator: `Promise.allSettled` reached from the NestJS BullMQ processor at src/workers/mail.worker.ts:11 through `SendMail.execute` → `MailGateway.deliver`: it never cancels anything and has no deadline.",
      "src/mail/send-mail.use-case.ts:9:11 no-unscoped-promise-combinator: `Promise.all` reached from the NestJS BullMQ processor at src/workers/mail.worker.ts:11 through `SendMail.execute`: if one task fails the others keep running.",
    ]);
  });

  it('a cycle between two modules: each function visited once', { timeout: 60_000 }, async () => {
    expect(await lintFixture('cycle')).toEqual([
      "src/b.ts:4:9 no-unscoped-promise-combinator: `Promise.all` reached from the BullMQ worker at src/worker.ts:4 through `ping` → `pong`: if one task fails the others keep running.",
    ]);
  });

  it('job conventions: handler modules of job definitions (dynamic import), BullMQ sandboxed processor files', { timeout: 60_000 }, async () => {
    expect(await lintFixture('conventions')).toEqual([
      "src/jobs/digest.handler.ts:2:9 no-unscoped-promise-combinator: `Promise.allSettled` reached from the job handler at src/jobs/index.ts:3 through `digest`: it never cancels anything and has no deadline.",
      "src/jobs/sweep.handler.ts:6:9 no-unscoped-promise-combinator: `Promise.all` reached from the job handler at src/jobs/index.ts:2 through `run`: if one task fails the others keep running.",
      "src/queues/mail.processor.ts:4:23 no-unscoped-promise-combinator: `Promise.all` reached from the sandboxed BullMQ processor at src/queues/mail.queue.ts:4: if one task fails the others keep running.",
      "src/queues/mail.processor.ts:4:9 no-unscoped-promise-combinator: `Promise.race` reached from the sandboxed BullMQ processor at src/queues/mail.queue.ts:4: the losers keep running after the first one settles.",
    ]);
  });

  it('the request path across modules: an injected service and a helper module are request-path code for floating promises; deliberate marks, process-exit listeners and browser code are left alone', { timeout: 60_000 }, async () => {
    expect(await lintFixture('request-path')).toEqual([
      'src/auth/auth.service.ts:9:5 no-uncancellable-floating-promise: `this.track()` floats and nobody can cancel it: it receives no AbortSignal and no TaskGroup owns it. `void` or `.catch()` handle its errors, not its lifetime.',
      'src/http/signup.ts:4:3 no-uncancellable-floating-promise: `sendEmail()` floats and nobody can cancel it: it receives no AbortSignal and no TaskGroup owns it. `void` or `.catch()` handle its errors, not its lifetime.',
    ]);
    // Each file alone: neither is on a request path, and `sendEmail` is not known to return a promise.
    expect(await lintFixture('request-path', { crossModuleDepth: 0 })).toEqual([]);
  });

  it('job classes and cron jobs of any wrapper: the perform() of a class extending BaseProcessor, an imported onTick', { timeout: 60_000 }, async () => {
    expect(await lintFixture('jobs')).toEqual([
      "src/links.ts:2:9 no-unscoped-promise-combinator: `Promise.all` reached from the job class's perform() (extends BaseProcessor) at src/queues/processors/BacklinksProcessor.ts:5 through `relink`: if one task fails the others keep running.",
      "src/sweep.ts:2:9 no-unscoped-promise-combinator: `Promise.race` reached from the cron job at src/jobs.ts:5 through `sweep`: the losers keep running after the first one settles.",
    ]);
  });

  it('a CommonJS app without a root package.json (NodeBB): an API module reached through a barrel object and `const api = module.exports`; an async function that returns at once or waits only on files, and a Gruntfile, add nothing', { timeout: 60_000 }, async () => {
    expect(await lintFixture('barrel')).toEqual([
      'src/api/groups.js:11:2 no-uncancellable-floating-promise: `logGroupEvent()` floats and nobody can cancel it: it receives no AbortSignal and no TaskGroup owns it. `void` or `.catch()` handle its errors, not its lifetime.',
    ]);
  });
});
