import { describe, expect, it } from 'vitest';
import { isCall } from '../../src/analysis/ast';
import { findFloatingPromiseSites, isSurelyNotPromiseCall } from '../../src/analysis/floating';
import type { ProgramIndex } from '../../src/analysis/program';
import { dialects } from './parse';

/** The source text of each reported root call, in order. */
function floating(parse: (code: string) => ProgramIndex, code: string): string[] {
  return findFloatingPromiseSites(parse(code), { everywhere: true }).map((site) => code.slice(...site.call.range));
}

describe.each(Object.entries(dialects))('findFloatingPromiseSites (%s)', (_name, parse) => {
  it('reports floating calls of same-module async functions, async IIFEs and known APIs', () => {
    const code = `
      async function load() {}
      const save = async () => {};
      let later = async () => {};
      let reassigned = async () => {};
      reassigned = sync;
      function sync() {}
      load();
      void save();
      later();
      reassigned();
      sync();
      (async () => { await load(); })();
      fetch('/a').catch(console.error);
      fetch('/b').then((r) => r.json()).finally(done);
      unknown().then(log);
      cond ? load() : save();
      load(), sync();
      await load();
      const kept = load();
      return;`;
    expect(floating(parse, `async function main() {${code}}`)).toEqual([
      'load()',
      'save()',
      // A `let` async function nobody reassigns is known too.
      'later()',
      '(async () => { await load(); })()',
      "fetch('/a')",
      "fetch('/b')",
      'unknown()',
      'load()',
      'save()',
      'load()',
    ]);
  });

  it('leaves calls that receive a signal and TaskGroup spawns alone', () => {
    const code = `
      import { background, TaskGroup } from 'eslint-plugin-taskgroup/task-group';
      async function job(signal) {}
      job(controller.signal);
      fetch(url, { signal });
      fetch(url, { signal: AbortSignal.timeout(1000) });
      background.spawn((signal) => fetch(url, { signal }));
      background.spawn(job).catch(log);
      const tasks = new TaskGroup();
      tasks.spawn(job).then(log);
      TaskGroup.run(async (tg) => { tg.spawn(job).catch(log); });
      other.spawn(job).catch(log);`;
    expect(floating(parse, code)).toEqual(['other.spawn(job)']);
  });

  it('finds async methods called through this, and ignores shadowed fetch', () => {
    const code = `
      class Poller {
        async flush() {}
        tick = async () => {};
        sync() {}
        start() { this.flush(); this.tick(); this.sync(); }
      }
      function f(fetch) { fetch(url); }
      import { setTimeout as sleep, setInterval } from 'node:timers/promises';
      sleep(100);
      setInterval(100);`;
    expect(floating(parse, code)).toEqual(['this.flush()', 'this.tick()', 'sleep(100)']);
  });
});

describe.each(Object.entries(dialects))('isSurelyNotPromiseCall (%s)', (_name, parse) => {
  it('rules out built-in globals and same-file functions that return nothing', () => {
    const code = `
      function log(x) { console.log(x); function inner() { return 1; } }
      function get() { return fetch(url); }
      const noop = () => {};
      const value = () => 1;
      async function later() {}
      console.log(1); log(2); get(); noop(); value(); later(); JSON.stringify(x); unknown();
      function shadow(console) { console.log(3); }`;
    const index = parse(code);
    const calls = index.nodes.filter(isCall).filter((call) => index.parentOf(call)?.type === 'ExpressionStatement');
    const text = (node: import('../../src/analysis/ast').Node) => code.slice(...node.range);
    expect(calls.filter((call) => isSurelyNotPromiseCall(call, index)).map(text)).toEqual(['console.log(x)', 'console.log(1)', 'log(2)', 'noop()', 'JSON.stringify(x)']);
  });
});
