import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleRuntimeSource } from '../../src/cli/runtime-source';

const dir = mkdtempSync(path.join(os.tmpdir(), 'taskgroup-runtime-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function diagnostics(files: Record<string, string>): string[] {
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  const program = ts.createProgram(Object.keys(files).map((name) => path.join(dir, name)), {
    strict: true,
    noUncheckedIndexedAccess: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.esnext.disposable.d.ts'],
    types: [],
    noEmit: true,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('bundleRuntimeSource', () => {
  const source = bundleRuntimeSource(path.resolve('src/runtime'));

  it('keeps no import between the runtime modules', () => {
    expect(source).not.toMatch(/from\s+['"]\.\//);
  });

  it('is one strict TypeScript module exporting the public API with its types', () => {
    const use = [
      "import { TaskGroup, background, taskStats } from './task-group.js';",
      "export const pair: Promise<[number, string]> = TaskGroup.all([async (signal: AbortSignal) => (signal.aborted ? 0 : 1), () => 'x'] as const);",
      'export const spawned: Promise<void> = background.spawn(async (signal) => { void signal.aborted; });',
      'export const active: number = taskStats().active;',
      'export const run: Promise<number> = TaskGroup.run(async (group) => group.spawn(() => 1));',
    ].join('\n');
    expect(diagnostics({ 'task-group.ts': source, 'use.ts': use, 'package.json': '{"type":"module"}' })).toEqual([]);
  });
});
