import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import ts from 'typescript';
import tseslint from 'typescript-eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { readOptions } from '../../src/codemods/lib/options';
import { runSteps } from '../../src/codemods/lib/run';
import { FLOATING_PROMISES, PROMISE_COMBINATORS } from '../../src/codemods/lib/steps';
import { temporaryDir } from '../cli/helpers';
import { fixtures, read } from './run-codemod';

// Migrated TypeScript is code a team keeps: it type-checks under `--strict --noUnusedLocals
// --noUnusedParameters` and typescript-eslint's `recommendedTypeChecked` reports nothing new
// (no unused `signal`, no floating `spawn`, no unsafe call). Checked on every TypeScript
// codemod fixture, before and after, and on a migrated copy of examples/zombie-tasks/before.

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const COMPILER_OPTIONS = {
  strict: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  target: 'ES2022',
  lib: ['ES2023', 'DOM', 'ESNext.Disposable'],
  module: 'preserve',
  moduleResolution: 'bundler',
  moduleDetection: 'force',
  jsx: 'preserve',
  experimentalDecorators: true,
  types: ['node'],
  typeRoots: [path.join(ROOT, 'node_modules', '@types')],
  skipLibCheck: true,
  noEmit: true,
  paths: { 'eslint-plugin-taskgroup/task-group': [path.join(ROOT, 'src', 'runtime', 'index.ts')] },
};

/** What the fixtures import from packages this repository does not install, and the globals they assume. */
const STUBS = `
declare module 'next/server' { export function after(task: () => unknown): void; }
declare module '@vercel/functions' { export function waitUntil(promise: Promise<unknown>): void; }
declare module 'bullmq' { export class Worker<T = any> { constructor(name: string, processor: (job: { data: T }) => unknown); } }
declare module '@nestjs/common' { export function Injectable(): ClassDecorator; }
declare module '@nestjs/schedule' { export function Cron(expression: string): MethodDecorator; export const CronExpression: { EVERY_HOUR: string }; }
declare module '@nestjs/event-emitter' { export function OnEvent(event: string): MethodDecorator; }
declare module 'react' { export function useEffect(effect: () => void | (() => void), deps: unknown[]): void; }
declare namespace JSX { interface IntrinsicElements { [name: string]: unknown } }
interface Env { A: string; B: string; AUDIT_URL: string; QUEUE: { send(message: unknown): Promise<void> }; cache: { put(key: string, value: string): Promise<void> } }
interface ExecutionContext { waitUntil(promise: Promise<unknown>): void }
interface ScheduledEvent { scheduledTime: number }
`;

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

function writeProject(dir: string, files: Record<string, string>, include: string[], extra: Record<string, unknown> = {}): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { ...COMPILER_OPTIONS, ...extra }, include }, null, 2));
}

/** `file: code message` for every diagnostic of the project, per file (positions left out: edits move them). */
function typeErrors(dir: string): Map<string, string[]> {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(dir, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const program = ts.createProgram(config.fileNames, config.options);
  const errors = new Map<string, string[]>();
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file ? path.relative(dir, diagnostic.file.fileName) : '';
    errors.set(file, [...(errors.get(file) ?? []), `TS${diagnostic.code} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`]);
  }
  return errors;
}

/** `rule: message` for every report of typescript-eslint's `recommendedTypeChecked`, per file. */
async function lintReports(dir: string, patterns: string[]): Promise<Map<string, string[]>> {
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts', '**/*.tsx'] },
      ...(tseslint.configs.recommendedTypeChecked as Linter.Config[]),
      { languageOptions: { parserOptions: { project: path.join(dir, 'tsconfig.json'), tsconfigRootDir: dir } } },
    ],
  });
  const reports = new Map<string, string[]>();
  for (const result of await eslint.lintFiles(patterns)) {
    reports.set(path.relative(dir, result.filePath), result.messages.map((message) => `${message.ruleId ?? 'fatal'}: ${message.message}`));
  }
  return reports;
}

/** What `after` has that `before` has not (a multiset difference). */
function added(before: readonly string[] = [], after: readonly string[] = []): string[] {
  const left = [...before];
  return after.filter((item) => {
    const i = left.indexOf(item);
    if (i === -1) return true;
    left.splice(i, 1);
    return false;
  });
}

function migrate(file: string, source: string, options: Record<string, unknown> = {}): string {
  return runSteps([PROMISE_COMBINATORS, FLOATING_PROMISES], file, source, readOptions(options), () => {});
}

describe('migrated TypeScript type-checks and lints as before', () => {
  const cases = fixtures().filter(({ input }) => /\.[mc]?tsx?$/.test(input));

  it('every TypeScript codemod fixture: no new tsc --strict --noUnused* error, no new recommendedTypeChecked report', { timeout: 300_000 }, async () => {
    const dir = temporaryDir(path.join(ROOT, '.tmp'), 'migrated-fixtures-');
    temporary.push(dir);
    const files: Record<string, string> = { 'stubs.d.ts': STUBS, 'before/db.ts': 'export const db = { log: async (...values: unknown[]) => values.length };\n', 'after/db.ts': 'export const db = { log: async (...values: unknown[]) => values.length };\n' };
    for (const { codemod, name, input, options } of cases) {
      const source = read(input);
      const file = `${codemod}-${name.replace('.input', '')}`;
      files[`before/${file}`] = source;
      files[`after/${file}`] = migrate(input, source, options);
    }
    writeProject(dir, files, ['stubs.d.ts', 'before', 'after']);
    const errors = typeErrors(dir);
    const reports = await lintReports(dir, ['before', 'after']);
    const introduced: string[] = [];
    let changed = 0;
    for (const name of Object.keys(files).filter((file) => file.startsWith('after/') && !file.endsWith('db.ts'))) {
      const original = name.replace(/^after\//, 'before/');
      if (files[name] !== files[original]) changed += 1;
      for (const error of added(errors.get(original), errors.get(name))) introduced.push(`${name}: ${error}`);
      for (const report of added(reports.get(original), reports.get(name))) introduced.push(`${name}: ${report}`);
    }
    expect(introduced).toEqual([]);
    expect(changed).toBeGreaterThanOrEqual(cases.length - 2);
    // The check is live: the inputs do get reports (floating promises, unused parameters...).
    expect([...reports.values()].flat().length).toBeGreaterThan(0);
  });

  it('a migrated copy of examples/zombie-tasks/before: type-checks, and no new recommendedTypeChecked report', { timeout: 300_000 }, async () => {
    const dir = temporaryDir(path.join(ROOT, '.tmp'), 'migrated-example-');
    temporary.push(dir);
    const example = path.join(ROOT, 'examples', 'zombie-tasks');
    // `original/` as it is, `before/` migrated (it imports ../shared as the example does).
    cpSync(path.join(example, 'before'), path.join(dir, 'original'), { recursive: true });
    cpSync(path.join(example, 'before'), path.join(dir, 'before'), { recursive: true });
    cpSync(path.join(example, 'shared'), path.join(dir, 'shared'), { recursive: true });
    let rewritten = 0;
    for (const name of readdirSync(path.join(dir, 'before'))) {
      const file = path.join(dir, 'before', name);
      const source = readFileSync(file, 'utf8');
      const output = migrate(file, source);
      if (output !== source) rewritten += 1;
      writeFileSync(file, output);
    }
    expect(rewritten).toBe(1);
    writeProject(dir, {}, ['original', 'before', 'shared'], { module: 'nodenext', moduleResolution: 'nodenext', noUncheckedIndexedAccess: true, esModuleInterop: true });
    expect([...typeErrors(dir)].map(([file, errors]) => `${file}: ${errors.join('; ')}`)).toEqual([]);
    const reports = await lintReports(dir, ['original', 'before']);
    const introduced = [...reports].filter(([file]) => file.startsWith('before/')).flatMap(([file, messages]) => added(reports.get(file.replace(/^before\//, 'original/')), messages).map((message) => `${file}: ${message}`));
    expect(introduced).toEqual([]);
    const app = readFileSync(path.join(dir, 'before', 'app.ts'), 'utf8');
    expect(app).toContain("import { TaskGroup, background } from 'eslint-plugin-taskgroup/task-group';");
    expect(app).toContain('void background.spawn((signal) => gatherPages(urls, job, signal));');
  });
});
