import { describe, expect, it } from 'vitest';
import { ProgramIndex } from '../../src/analysis/program';
import { isCallNode, type AnyNode } from '../../src/analysis/ast';
import { dialects, findAll } from './parse';

/** The first call whose callee text (a dotted name) is `name`, and the index of its file. */
function setup(parse: (code: string) => AnyNode, code: string) {
  const program = parse(code);
  const index = new ProgramIndex(program);
  const calls = findAll(program, isCallNode) as (AnyNode & { callee: AnyNode })[];
  const source = (node: AnyNode) => {
    const [start, end] = (node.range as [number, number]) ?? [node.start, node.end];
    return code.slice(start as number, end as number);
  };
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
    expect(index.resolve(call('setTimeout').callee)).toMatchObject({ kind: 'local' });
    expect(index.resolve(call('after').callee)).toMatchObject({ kind: 'local' });
    expect(index.refersTo(call('after').callee, ['next/server'], 'after')).toBe(false);
    expect(index.resolve(call('queueMicrotask').callee)).toMatchObject({ kind: 'local' });
    expect(index.isGlobal(call('setImmediate').callee)).toBe(true);
    expect(index.resolve(call('hoisted').callee)).toMatchObject({ kind: 'local' });
  });

  it('tells ES modules from CommonJS and keeps parents', () => {
    const { index, call } = setup(parse, `import x from 'y'; const z = require('w'); foo(1);`);
    expect(index.isCommonJS).toBe(false);
    const foo = call('foo');
    expect(index.parentOf(foo)?.type).toBe('ExpressionStatement');
    expect([...index.ancestors(foo)].at(-1)?.type).toBe('Program');
  });
});
