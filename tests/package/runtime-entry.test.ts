import { parse } from '@babel/parser';
import { Script, createContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { distFile } from './dist';

/** Every import, dynamic import, `require(...)` and `import.meta` in a module's code. */
function dependencies(code: string, sourceType: 'module' | 'script'): string[] {
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const n = node as { type?: string; callee?: { type?: string; name?: string }; source?: { value?: string }; meta?: { name?: string } };
    if (n.type === 'ImportDeclaration' || n.type === 'ExportAllDeclaration' || (n.type === 'ExportNamedDeclaration' && n.source)) {
      found.push(`import ${n.source?.value}`);
    } else if (n.type === 'ImportExpression' || (n.type === 'CallExpression' && n.callee?.type === 'Import')) {
      found.push('import()');
    } else if (n.type === 'CallExpression' && n.callee?.type === 'Identifier' && n.callee.name === 'require') {
      found.push('require()');
    } else if (n.type === 'MetaProperty' && n.meta?.name === 'import') {
      found.push('import.meta');
    }
    for (const [key, value] of Object.entries(node)) if (key !== 'loc' && key !== 'start' && key !== 'end') visit(value);
  };
  visit(parse(code, { sourceType, createImportExpressions: true }).program);
  return found;
}

describe('the ./task-group entry depends on nothing', () => {
  it('dist/task-group.mjs has no import, dynamic import or import.meta', () => {
    expect(dependencies(distFile('task-group.mjs').code, 'module')).toEqual([]);
  });

  it('dist/task-group.cjs has no require or dynamic import', () => {
    expect(dependencies(distFile('task-group.cjs').code, 'script')).toEqual([]);
  });

  it('the dependency scan does find imports and requires (control)', () => {
    expect(dependencies("import a from 'a'; export * from 'b'; import('c'); import.meta.url;", 'module')).toEqual([
      'import a',
      'import b',
      'import()',
      'import.meta',
    ]);
    expect(dependencies("const fs = require('node:fs');", 'script')).toEqual(['require()']);
  });

  it('runs in a bare vm context with only standard globals (no process, require or module system)', async () => {
    const { code } = distFile('task-group.cjs');
    const exports: Record<string, unknown> = {};
    const context = createContext({
      module: { exports },
      exports,
      AbortController,
      AbortSignal,
      DOMException,
      setTimeout,
      clearTimeout,
      queueMicrotask,
      console,
    });
    new Script(code, { filename: 'task-group.cjs' }).runInContext(context);
    const runtime = (context.module as { exports: Record<string, unknown> }).exports;
    expect(Object.keys(runtime).sort()).toEqual(['TaskGroup', 'background', 'taskStats']);
    // The scenario runs inside the context, with its own Promise.
    const result = new Script(`
      (async () => {
        const { TaskGroup, taskStats } = module.exports;
        const values = await TaskGroup.all([() => 1, async (signal) => signal.aborted, Promise.resolve('p')]);
        const error = await TaskGroup.all([
          (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
          () => Promise.reject(new Error('boom')),
        ]).catch((e) => e.message);
        const timeout = await TaskGroup.run((g) => { g.spawn((s) => new Promise((_, r) => s.addEventListener('abort', () => r(s.reason)))); }, { timeout: 1 }).catch((e) => e.name);
        return { values, error, timeout, stats: taskStats() };
      })()
    `).runInContext(context) as Promise<{ values: unknown[]; error: string; timeout: string; stats: { active: number } }>;
    const { values, error, timeout, stats } = await result;
    expect(values).toEqual([1, false, 'p']);
    expect(error).toBe('boom');
    expect(timeout).toBe('TimeoutError');
    expect(stats.active).toBe(0);
  });
});
