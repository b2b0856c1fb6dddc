import { describe, expect, it } from 'vitest';
import { isCall } from '../../src/analysis/ast';
import type { ProgramIndex } from '../../src/analysis/program';
import { signalInScope } from '../../src/analysis/signal-scope';
import { dialectsFor } from './parse';

/** For each `fetch(<label>)` call, the signal expression in scope there (or undefined). */
function signals(parse: (code: string) => ProgramIndex, code: string): Record<string, string | undefined> {
  const index = parse(code);
  const result: Record<string, string | undefined> = {};
  for (const call of index.nodes.filter(isCall)) {
    const text = code.slice(...call.range);
    const label = /^fetch\((\w+)\)$/.exec(text)?.[1];
    if (label) result[label] = signalInScope(call, index)?.expression;
  }
  return result;
}

describe.each(dialectsFor(true))('signalInScope (%s)', (_name, parse) => {
  it('finds parameters named or typed as signals and destructured signals', () => {
    expect(
      signals(
        parse,
        `fetch(none);
         function a(url, signal) { fetch(a1); items.forEach(() => fetch(a2)); }
         function b(url, s: AbortSignal) { fetch(b1); }
         function c({ url, signal: abort }) { fetch(c1); }
         function d(options) { fetch(d0); const { signal } = options; fetch(d1); }
         function e() { const signal = 'SIGTERM'; fetch(e1); }
         function f(s?: AbortSignal | undefined) { fetch(f1); }
         child.on('exit', (code, signal) => { fetch(g1); });
         process.once('SIGTERM', (signal) => { fetch(g2); });
         emitter.on('data', (signal) => { fetch(g3); });`,
      ),
    ).toEqual({ none: undefined, a1: 'signal', a2: 'signal', b1: 's', c1: 'abort', d0: undefined, d1: 'signal', e1: undefined, f1: 's', g1: undefined, g2: undefined, g3: 'signal' });
  });

  it('finds the signal of TaskGroup tasks, map callbacks and run bodies', () => {
    expect(
      signals(
        parse,
        `import { TaskGroup, background } from 'eslint-plugin-taskgroup/task-group';
         background.spawn((s) => fetch(t1));
         TaskGroup.all([(x) => fetch(t2), async () => fetch(t3)]);
         TaskGroup.map(urls, (url, sig) => fetch(t4));
         TaskGroup.run(async (tg) => { await fetch(t5); });
         TaskGroup.all(urls.map((u) => (sg) => fetch(t6)));
         other.all([(x) => fetch(t7)]);`,
      ),
    ).toEqual({ t1: 's', t2: 'x', t3: undefined, t4: 'sig', t5: 'tg.signal', t6: 'sg', t7: undefined });
  });
});
