import { readFileSync } from 'node:fs';
import { parse, simpleTraverse } from '@typescript-eslint/typescript-estree';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CallEdge, type CallGraph, type EdgeTarget, type Entry, type ModuleSummary, propagate, type Range } from '../../../src/analysis/project';
import { fixture, fixtureIndex, relative } from './helpers';

/** The ranges of a file's named functions (function declarations, methods, arrows in variables), as a summary producer would find them. */
function functionRanges(file: string): Map<string, Range> {
  const ranges = new Map<string, Range>();
  const program = parse(readFileSync(file, 'utf8'), { range: true, jsx: file.endsWith('x') });
  simpleTraverse(program, {
    enter(node) {
      if (node.type === 'FunctionDeclaration' && node.id) ranges.set(node.id.name, node.range);
      if (node.type === 'MethodDefinition' && node.key.type === 'Identifier') ranges.set(node.key.name, node.value.range);
      if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init?.type === 'ArrowFunctionExpression') ranges.set(node.id.name, node.init.range);
    },
  });
  return ranges;
}

/** A hand-written summary: each function by name, with the edges it has; ranges from the file. */
function summarize(file: string, functions: Record<string, { calls: EdgeTarget[]; boundary?: boolean }>): ModuleSummary {
  const ranges = functionRanges(file);
  return {
    file,
    functions: Object.entries(functions).map(([name, { calls, boundary }]) => ({
      id: name,
      name,
      range: ranges.get(name) ?? [-1, -1],
      calls: calls.map((target): CallEdge => ({ target })),
      ...(boundary ? { boundary } : {}),
    })),
  };
}

describe('propagation over a real project (Nest-style DI)', () => {
  const index = fixtureIndex('nest');
  const files = {
    worker: fixture('nest/src/workers/mail.worker.ts'),
    useCase: fixture('nest/src/mail/send-mail.use-case.ts'),
    gateway: fixture('nest/src/mail/mail.gateway.ts'),
    controller: fixture('nest/src/mail.controller.ts'),
  };
  const summaries = new Map<string, ModuleSummary>([
    [files.worker, summarize(files.worker, { process: { calls: [{ kind: 'import', local: 'SendWelcome', path: ['prototype', 'execute'] }, { kind: 'import', local: 'SendMail', path: ['prototype', 'execute'] }] } })],
    [files.useCase, summarize(files.useCase, { execute: { calls: [{ kind: 'import', local: 'MailGateway', path: ['prototype', 'deliver'] }] } })],
    [files.gateway, summarize(files.gateway, { deliver: { calls: [] } })],
    [files.controller, summarize(files.controller, { send: { calls: [{ kind: 'import', local: 'MailGateway', path: ['prototype', 'deliver'] }], boundary: true } })],
  ]);
  const graph: CallGraph = { summary: (file) => summaries.get(file), resolveEdge: (file, target) => index.resolveEdge(file, target) };

  it('reaches the use case and the gateway from the worker, with the chain through the injected fields', () => {
    const entry: Entry = { file: files.worker, id: 'process', label: 'the BullMQ worker' };
    const reached = propagate([entry], graph);
    const show = [...reached.values()].map((reach) => `${relative(index.root, reach.file)}#${reach.id} (${reach.hops}): ${reach.chain.map((step) => step.name).join(' → ')}`);
    expect(show).toEqual(['src/mail/send-mail.use-case.ts#execute (1): process → execute', 'src/mail/mail.gateway.ts#deliver (2): process → execute → deliver']);
    expect(reached.get(`${files.gateway}#deliver`)!.entry).toBe(entry);
  });

  it('does not make a function background because a request handler calls it', () => {
    const reached = propagate([], graph);
    expect(reached.size).toBe(0);
    const fromController = propagate([{ file: files.controller, id: 'send' }], graph);
    expect([...fromController.keys()]).toEqual([`${files.gateway}#deliver`]);
  });

  it('stops at the depth bound', () => {
    expect([...propagate([{ file: files.worker, id: 'process' }], graph, { maxDepth: 1 }).keys()]).toEqual([`${files.useCase}#execute`]);
    expect(propagate([{ file: files.worker, id: 'process' }], graph, { maxDepth: 0 }).size).toBe(0);
  });
});

/** A call graph from a compact description: `'a.f': ['a.g', 'b.h']` — module `a`'s function `f` calls `a.g` and `b.h`. */
function graphOf(edges: Record<string, string[]>, boundaries: string[] = []): CallGraph {
  const modules = new Map<string, ModuleSummary & { functions: { id: string; range: Range; calls: CallEdge[]; boundary?: boolean }[] }>();
  const names = new Set([...Object.keys(edges), ...Object.values(edges).flat()]);
  const ranges = new Map([...names].map((name, position) => [name, [position, position + 1] as Range]));
  for (const name of names) {
    const [file, id] = name.split('.') as [string, string];
    if (!modules.has(file)) modules.set(file, { file, functions: [] });
    const calls = (edges[name] ?? []).map((callee): CallEdge => {
      const [calleeFile, calleeId] = callee.split('.') as [string, string];
      return { target: calleeFile === file ? { kind: 'local', id: calleeId } : { kind: 'module', source: calleeFile, path: [calleeId] }, range: ranges.get(callee)! };
    });
    modules.get(file)!.functions.push({ id, range: ranges.get(name)!, calls, ...(boundaries.includes(name) ? { boundary: true } : {}) });
  }
  return {
    summary: (file) => modules.get(file),
    resolveEdge: (_, target) => (target.kind === 'module' && names.has(`${target.source}.${target.path[0]}`) ? { file: target.source, range: ranges.get(`${target.source}.${target.path[0]}`)! } : undefined),
  };
}

function reachedNames(graph: CallGraph, entries: string[], maxDepth?: number): Record<string, string> {
  const result = propagate(
    entries.map((name) => ({ file: name.split('.')[0]!, id: name.split('.')[1]! })),
    graph,
    maxDepth === undefined ? {} : { maxDepth },
  );
  return Object.fromEntries([...result.values()].map((reach) => [`${reach.file}.${reach.id}`, `${reach.hops}: ${reach.chain.map((step) => `${step.file}.${step.id}`).join(' ')}`]));
}

describe('propagation', () => {
  it('counts module boundaries, not calls: calls inside a module are free', () => {
    const graph = graphOf({ 'a.entry': ['a.one'], 'a.one': ['a.two'], 'a.two': ['a.three'], 'a.three': ['b.far'], 'b.far': ['b.near'] });
    expect(reachedNames(graph, ['a.entry'], 1)).toEqual({
      'a.one': '0: a.entry a.one',
      'a.two': '0: a.entry a.one a.two',
      'a.three': '0: a.entry a.one a.two a.three',
      'b.far': '1: a.entry a.one a.two a.three b.far',
      'b.near': '1: a.entry a.one a.two a.three b.far b.near',
    });
  });

  it('bounds chains at maxDepth boundaries (default 4)', () => {
    const graph = graphOf({ 'a.f': ['b.f'], 'b.f': ['c.f'], 'c.f': ['d.f'], 'd.f': ['e.f'], 'e.f': ['f.f'] });
    expect(Object.keys(reachedNames(graph, ['a.f']))).toEqual(['b.f', 'c.f', 'd.f', 'e.f']);
    expect(Object.keys(reachedNames(graph, ['a.f'], 2))).toEqual(['b.f', 'c.f']);
  });

  it('gives the chain with the fewest boundaries, then the fewest calls', () => {
    const graph = graphOf({ 'a.f': ['b.long', 'a.g'], 'b.long': ['c.long'], 'c.long': ['d.target'], 'a.g': ['a.h'], 'a.h': ['d.target'] });
    expect(reachedNames(graph, ['a.f'])['d.target']).toBe('1: a.f a.g a.h d.target');
    const twoEntries = graphOf({ 'a.f': ['b.x'], 'b.x': ['c.target'], 'c.g': ['c.target'] });
    expect(reachedNames(twoEntries, ['a.f', 'c.g'])['c.target']).toBe('0: c.g c.target');
  });

  it('visits cycles once and leaves entries out of the result', () => {
    const graph = graphOf({ 'a.f': ['b.g'], 'b.g': ['a.f', 'b.h'], 'b.h': ['b.g'] });
    expect(reachedNames(graph, ['a.f'])).toEqual({ 'b.g': '1: a.f b.g', 'b.h': '1: a.f b.g b.h' });
  });

  it('does not enter request handlers, and skips edges that lead nowhere', () => {
    const graph = graphOf({ 'a.f': ['b.handler', 'a.g'], 'b.handler': ['b.inner'], 'a.g': [] }, ['b.handler']);
    const withMissing: CallGraph = { ...graph, resolveEdge: (file, target) => (target.kind === 'module' && target.source === 'npm' ? undefined : graph.resolveEdge(file, target)) };
    expect(reachedNames(withMissing, ['a.f'])).toEqual({ 'a.g': '0: a.f a.g' });
  });

  it('reaches what a reference search bounded by boundaries reaches, each by a valid, shortest chain (random graphs)', () => {
    const name = fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e'), fc.constantFrom('f', 'g', 'h')).map(([file, id]) => `${file}.${id}`);
    fc.assert(
      fc.property(fc.array(fc.tuple(name, name), { maxLength: 30 }), fc.array(name, { minLength: 1, maxLength: 3 }), fc.integer({ min: 0, max: 4 }), (pairs, entries, maxDepth) => {
        const edges: Record<string, string[]> = {};
        for (const [from, to] of pairs) (edges[from] ??= []).push(to);
        for (const entry of entries) edges[entry] ??= [];
        const result = reachedNames(graphOf(edges), entries, maxDepth);
        // Reference: the fewest boundaries to each function, by relaxing until nothing changes.
        const best = new Map<string, number>(entries.map((entry) => [entry, 0]));
        for (let changed = true; changed; ) {
          changed = false;
          for (const [from, targets] of Object.entries(edges)) {
            const hops = best.get(from);
            if (hops === undefined) continue;
            for (const to of targets) {
              const next = hops + (to.split('.')[0] === from.split('.')[0] ? 0 : 1);
              if (next <= maxDepth && next < (best.get(to) ?? Infinity)) {
                best.set(to, next);
                changed = true;
              }
            }
          }
        }
        const expected = [...best].filter(([fn]) => !entries.includes(fn)).map(([fn, hops]) => `${fn} ${hops}`).sort();
        expect(Object.entries(result).map(([fn, line]) => `${fn} ${line.split(':')[0]}`).sort()).toEqual(expected);
        for (const [fn, line] of Object.entries(result)) {
          const chain = line.split(': ')[1]!.split(' ');
          expect(entries).toContain(chain[0]);
          expect(chain.at(-1)).toBe(fn);
          let hops = 0;
          for (let i = 1; i < chain.length; i++) {
            expect(edges[chain[i - 1]!]).toContain(chain[i]);
            if (chain[i]!.split('.')[0] !== chain[i - 1]!.split('.')[0]) hops++;
          }
          expect(`${hops}`).toBe(line.split(':')[0]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
