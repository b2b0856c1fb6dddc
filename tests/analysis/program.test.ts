import { describe, expect, it } from 'vitest';
import { isCall, type Node } from '../../src/analysis/ast';
import type { ProgramIndex } from '../../src/analysis/program';
import { dialects } from './parse';

/** The first call whose callee text (a dotted name) is `name`, and the index of its file. */
function setup(parse: (code: string) => ProgramIndex, code: string) {
  const index = parse(code);
  const calls = index.nodes.filter(isCall);
  const source = (node: Node) => code.slice(...node.range);
  return { index, call: (text: string) => calls.find((call) => source(call.callee) === text)! };
}

describe.each(Object.entries(dialects))('ProgramIndex (%s)', (_name, parse) => {
  it('resolves named, default, namespace and renamed imports', () => {
    const { index, call } = setup(
      parse,
      `import { after as later } from 'next/server';
       import cron from 'node-cron';
       import * as schedule from 'node-schedule';
       later(() => {}); cron.schedule('*', () => {}); schedule.scheduleJob('*', () => {});`,
    );
    expect(index.refersTo(call('later').callee, ['next/server'], 'after')).toBe(true);
    expect(index.refersTo(call('cron.schedule').callee, ['node-cron'], 'schedule')).toBe(true);
    expect(index.refersTo(call('schedule.scheduleJob').callee, ['node-schedule'], 'scheduleJob')).toBe(true);
    expect(index.refersTo(call('later').callee, ['next/server'], 'unstable_after')).toBe(false);
  });

  it('resolves CommonJS require, destructuring and member access', () => {
    const { index, call } = setup(
      parse,
      `const { Worker: W } = require('bullmq');
       const cron = require('node-cron');
       const scheduleJob = require('node-schedule').scheduleJob;
       new W('q', async () => {}); cron.schedule('*', () => {}); scheduleJob('*', () => {});`,
    );
    expect(index.isCommonJS).toBe(true);
    expect(index.refersTo(call('cron.schedule').callee, ['node-cron'], 'schedule')).toBe(true);
    expect(index.refersTo(call('scheduleJob').callee, ['node-schedule'], 'scheduleJob')).toBe(true);
    const worker = index.nodes.find((node) => node.type === 'NewExpression')!;
    expect(index.refersTo(worker.type === 'NewExpression' ? worker.callee : undefined, ['bullmq'], 'Worker')).toBe(true);
    expect(index.importsModule('bullmq')).toBe(true);
    expect(index.importsModule('bull')).toBe(false);
  });

  it('sees local functions, parameters and block bindings that shadow globals and imports', () => {
    const { index, call } = setup(
      parse,
      `import { after } from 'next/server';
       function outer(setTimeout) { setTimeout(() => {}); }
       function inner() { const after = (f) => f(); after(() => {}); }
       { let queueMicrotask = 1; queueMicrotask(() => {}); }
       setImmediate(() => {});
       function late() { hoisted(() => {}); if (x) { var hoisted = 1; } }`,
    );
    const id = (text: string) => call(text).callee as import('../../src/analysis/ast').Identifier;
    expect(index.resolve(id('setTimeout'))).toMatchObject({ kind: 'local', declaration: { type: 'FunctionDeclaration' } });
    expect(index.resolve(id('after'))).toMatchObject({ kind: 'local', declaration: { type: 'VariableDeclarator' } });
    expect(index.refersTo(id('after'), ['next/server'], 'after')).toBe(false);
    expect(index.resolve(id('queueMicrotask'))).toMatchObject({ kind: 'local' });
    expect(index.isGlobal(id('setImmediate'))).toBe(true);
    expect(index.resolve(id('hoisted'))).toMatchObject({ kind: 'local' });
  });

  it('tells ES modules from CommonJS and keeps parents', () => {
    const { index, call } = setup(parse, `import x from 'y'; const z = require('w'); foo(1);`);
    expect(index.isCommonJS).toBe(false);
    expect(index.hasModuleSyntax).toBe(true);
    expect(index.hasCommonJSSyntax).toBe(true);
    const foo = call('foo');
    expect(index.parentOf(foo)?.type).toBe('ExpressionStatement');
    expect([...index.ancestors(foo)].at(-1)?.type).toBe('Program');
  });

  it('knows which names are declared where, and which globals the file uses', () => {
    const { index, call } = setup(parse, `const a = 1; function f(b) { g(b); } h(a);`);
    expect(index.isDeclaredAt(call('g'), 'b')).toBe(true);
    expect(index.isDeclaredAt(call('h'), 'b')).toBe(false);
    expect(index.isDeclaredAt(call('h'), 'a')).toBe(true);
    expect([...index.undeclaredNames].sort()).toEqual(['g', 'h']);
  });
});

describe('ProgramIndex on TypeScript', () => {
  it('looks through type-only bindings for values, and counts them as declared names', () => {
    const index = dialects['typescript-estree'](`import type { TaskGroup } from 'x'; interface background {} TaskGroup.all([]); background();`);
    const calls = index.nodes.filter(isCall);
    const taskGroup = calls[0]!.callee.type === 'MemberExpression' ? calls[0]!.callee.object : undefined;
    expect(taskGroup && taskGroup.type === 'Identifier' && index.isGlobal(taskGroup)).toBe(true);
    expect(index.isDeclaredAt(calls[1]!, 'background')).toBe(true);
    expect(index.isDeclaredAt(calls[1]!, 'TaskGroup')).toBe(true);
  });
});
