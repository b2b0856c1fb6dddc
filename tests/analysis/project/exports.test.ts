import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ExportTarget } from '../../../src/analysis/project';
import { fixture, fixtureIndex, relative } from './helpers';

/** `file: text of the declaration's first line` for a query's result, `module file` for a namespace. */
function show(root: string, target: ExportTarget | undefined): string | undefined {
  if (!target) return undefined;
  if (target.kind === 'module') return `module ${relative(root, target.file)}`;
  const text = readFileSync(target.file, 'utf8').slice(target.declaration.range[0], target.declaration.range[1]);
  return `${relative(root, target.file)}: ${target.declaration.kind} ${text.split('\n')[0]}`;
}

describe('export queries', () => {
  it('follows ESM re-export chains: `export *` through index files, renames, `export * as ns`, default', () => {
    const index = fixtureIndex('esm');
    const query = (exportPath: string[]) => show(index.root, index.resolveExport(fixture('esm/src/index.ts'), exportPath));
    expect(query(['run'])).toBe('src/jobs/sweep.ts: function-variable async ({ payload }: { payload: string[] }) => {');
    expect(query(['schedule'])).toBe('src/jobs/sweep.ts: function function schedule() {}');
    expect(query(['deliver'])).toBe('src/mail/send.ts: function async function sendMail(to: string) {');
    expect(query(['mailer'])).toBe('src/mail/send.ts: class class Mailer {');
    expect(query(['mailer', 'prototype', 'send'])).toBe('src/mail/send.ts: method (to: string) {');
    expect(query(['mailer', 'create'])).toBe('src/mail/send.ts: method () {');
    expect(query(['mail'])).toBe('module src/mail/send.ts');
    expect(query(['mail', 'sendMail'])).toBe('src/mail/send.ts: function async function sendMail(to: string) {');
    expect(query(['definitions'])).toBe('src/jobs/definitions.ts: value definitions = [{ id: \'nightly-sweep\', handler: () => import(\'./sweep.js\') }]');
    // `export *` never re-exports a default; unknown names and members lead nowhere.
    expect(query(['default'])).toBeUndefined();
    expect(query(['nothing'])).toBeUndefined();
    expect(query(['mailer', 'prototype', 'nothing'])).toBeUndefined();
  });

  it('follows a module\'s own names through its imports', () => {
    const index = fixtureIndex('esm');
    const worker = fixture('esm/src/worker.ts');
    const name = (local: string, memberPath: string[] = []) => show(index.root, index.resolveName(worker, local, memberPath));
    expect(name('run')).toBe('src/jobs/sweep.ts: function-variable async ({ payload }: { payload: string[] }) => {');
    expect(name('mail', ['sendMail'])).toBe('src/mail/send.ts: function async function sendMail(to: string) {');
    expect(name('Mailer', ['prototype', 'send'])).toBe('src/mail/send.ts: method (to: string) {');
    expect(name('everything', ['schedule'])).toBe('src/jobs/sweep.ts: function function schedule() {}');
    expect(name('work')).toBe('src/worker.ts: function async function work() {');
    expect(name('lodash')).toBeUndefined();
    expect(name('readFile')).toBeUndefined();
  });

  it('follows CommonJS: module.exports objects, nested members, exports.x, module.exports = require(), spread requires', () => {
    for (const options of [{}, { typescript: null }]) {
      const index = fixtureIndex('commonjs', options);
      const query = (exportPath: string[]) => show(index.root, index.resolveExport(fixture('commonjs/lib/index.js'), exportPath));
      expect(query(['send'])).toBe('lib/mailer.js: function async function send(to) {');
      expect(query(['welcome'])).toBe('lib/mailer.js: method (user) {');
      expect(query(['start'])).toBe('lib/tasks/index.js: function-variable async function start() {');
      expect(query(['notify'])).toBe('lib/notify.cjs: function-variable async function notify(user) {');
      expect(query(['log'])).toBe('lib/helpers.js: function function log() {}');
      // An ES module's default import of a CommonJS module is its module object.
      expect(query(['default', 'send'])).toBe('lib/mailer.js: function async function send(to) {');
      const tasks = (exportPath: string[]) => show(index.root, index.resolveExport(fixture('commonjs/lib/tasks/index.js'), exportPath));
      expect(tasks(['stop'])).toBe('lib/tasks/stop.js: function-variable function stop() {}');
      expect(tasks(['tick'])).toBe('lib/tasks/index.js: function-variable () => {}');
      const mailer = (exportPath: string[]) => show(index.root, index.resolveExport(fixture('commonjs/lib/mailer.js'), exportPath));
      expect(mailer(['retry'])).toBe('lib/mailer.js: method async (to) => send(to)');
      expect(mailer(['templates', 'welcome'])).toBe('lib/mailer.js: method (user) {');
    }
  });

  it('follows a constructor-injected class to its methods, through a barrel and `extends` (Nest style)', () => {
    const index = fixtureIndex('nest');
    const worker = fixture('nest/src/workers/mail.worker.ts');
    expect(show(index.root, index.resolveName(worker, 'SendMail', ['prototype', 'execute']))).toBe('src/mail/send-mail.use-case.ts: method (command: { to: string[] }) {');
    // `SendWelcome extends SendMail {}`: the inherited method.
    expect(show(index.root, index.resolveName(worker, 'SendWelcome', ['prototype', 'execute']))).toBe('src/mail/send-mail.use-case.ts: method (command: { to: string[] }) {');
    expect(show(index.root, index.resolveName(worker, 'SendMail', ['prototype', 'constructor']))).toBe('src/mail/send-mail.use-case.ts: method (private readonly gateway: MailGateway) {}');
    // `WorkerHost` comes from an npm package: nothing to follow.
    expect(index.resolveName(worker, 'WorkerHost', ['prototype', 'process'])).toBeUndefined();
    expect(index.importBinding(worker, 'SendMail')).toMatchObject({ source: 'src/mail', path: ['SendMail'], kind: 'import', typeOnly: false });
    expect(index.importBinding(worker, 'Job')).toMatchObject({ source: 'bullmq', typeOnly: true });
  });

  it('ends re-export cycles: `export *` both ways, a module re-exporting itself, two modules renaming each other', () => {
    const index = fixtureIndex('cycle');
    const a = fixture('cycle/a.ts');
    expect(show(index.root, index.resolveExport(a, ['pong']))).toBe('b.ts: function function pong(count: number): unknown {');
    expect(show(index.root, index.resolveExport(fixture('cycle/b.ts'), ['ping']))).toBe('a.ts: function function ping(count: number): unknown {');
    expect(index.resolveExport(a, ['missing'])).toBeUndefined();
    expect(index.resolveExport(a, ['self'])).toBeUndefined();
    expect(index.resolveExport(fixture('cycle/loops.ts'), ['here'])).toBeUndefined();
  });
});
