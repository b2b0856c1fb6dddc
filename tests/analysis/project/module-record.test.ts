import { describe, expect, it } from 'vitest';
import { buildModuleRecord, type ModuleRecord } from '../../../src/analysis/project';

/** The text a range covers, so expectations read as code. */
function textAt(source: string, range: readonly [number, number]): string {
  return source.slice(range[0], range[1]);
}

function record(source: string, file = '/p/m.ts', parser: 'typescript-estree' | 'espree' = 'typescript-estree'): ModuleRecord {
  return buildModuleRecord(file, source, parser);
}

describe('imports', () => {
  it('reads named, default, namespace and type-only imports with their export paths', () => {
    const source = "import def, { a as b, type T, 'odd-name' as odd } from './a';\nimport * as ns from './ns';\nimport type { U } from './types';";
    expect(record(source).imports.map(({ local, source, path, kind, typeOnly }) => ({ local, source, path, kind, typeOnly }))).toEqual([
      { local: 'def', source: './a', path: ['default'], kind: 'import', typeOnly: false },
      { local: 'b', source: './a', path: ['a'], kind: 'import', typeOnly: false },
      { local: 'T', source: './a', path: ['T'], kind: 'import', typeOnly: true },
      { local: 'odd', source: './a', path: ['odd-name'], kind: 'import', typeOnly: false },
      { local: 'ns', source: './ns', path: [], kind: 'import', typeOnly: false },
      { local: 'U', source: './types', path: ['U'], kind: 'import', typeOnly: true },
    ]);
  });

  it('reads require, destructured require (nested, renamed, defaults), member chains, `import x = require()` and awaited import()', () => {
    const source = [
      "const m = require('./m');",
      "const { a, b: renamed, c: { d }, e = 1, ...rest } = require('./n');",
      "const deep = require('./o').x.y;",
      "import legacy = require('./legacy');",
      "const lazy = await import('./lazy');",
      "const { run } = await import('./handler');",
    ].join('\n');
    expect(record(source).imports.map(({ local, source, path, kind }) => `${local} ${kind} ${source} [${path.join('.')}]`)).toEqual([
      'm require ./m []',
      'a require ./n [a]',
      'renamed require ./n [b]',
      'd require ./n [c.d]',
      'e require ./n [e]',
      'deep require ./o [x.y]',
      'legacy require ./legacy []',
      'lazy dynamic ./lazy []',
      'run dynamic ./handler [run]',
    ]);
  });

  it('lists every module request in source order, calls inside functions included', () => {
    const source = [
      "import './side-effect';",
      "export { x } from './x';",
      "export * from './star';",
      'export async function load(name: string) {',
      "  const jobs = [() => import('./job'), () => import(`./template`), () => import(name)];",
      "  return [jobs, require('./inner'), require(name)];",
      '}',
    ].join('\n');
    const { requests } = record(source);
    expect(requests.map((request) => `${request.kind} ${request.source} ${textAt(source, request.range)}`)).toEqual([
      "import ./side-effect import './side-effect';",
      "export ./x export { x } from './x';",
      "export ./star export * from './star';",
      "dynamic ./job import('./job')",
      'dynamic ./template import(`./template`)',
      "require ./inner require('./inner')",
    ]);
  });
});

describe('exports', () => {
  const source = [
    'export function helper() {}',
    'export const run = async () => {}, limit = 3;',
    'export class Worker extends Base {',
    '  constructor(private readonly useCase: SendMail) { super(); }',
    '  async process() {}',
    '  handle = async () => {};',
    '  static create() {}',
    '  #secret() {}',
    '}',
    'const local = () => {};',
    'export { local as renamed, local };',
    "export { a as b, default as c } from './a';",
    "export * from './star';",
    "export * as space from './space';",
    'export default { start() {}, stop: () => {}, helper, nested: { deep() {} }, count: 1 };',
    'export type Alias = string;',
    'export interface Shape {}',
  ].join('\n');
  const result = record(source);

  it('maps each export name to where it leads', () => {
    expect(result.exports.map(({ name, ref }) => `${name} → ${ref.kind === 'declaration' ? `declaration ${ref.declaration.kind}` : ref.kind === 'local' ? `local ${ref.name}` : `import ${ref.source} [${ref.path.join('.')}]`}`)).toEqual([
      'helper → local helper',
      'run → local run',
      'limit → local limit',
      'Worker → local Worker',
      'renamed → local local',
      'local → local local',
      'b → import ./a [a]',
      'c → import ./a [default]',
      'space → import ./space []',
      'default → declaration object',
    ]);
    expect(result.stars).toEqual(['./star']);
    expect(result.moduleObject).toBeUndefined();
  });

  it('describes declarations: kind, the range of the node that does the work, class and object members', () => {
    const byName = Object.fromEntries(result.declarations.map((declaration) => [declaration.name ?? '', declaration]));
    expect(Object.keys(byName)).toEqual(['helper', 'run', 'limit', 'Worker', 'local']);
    expect(byName.helper!.kind).toBe('function');
    expect(textAt(source, byName.helper!.range)).toBe('function helper() {}');
    expect(byName.run!.kind).toBe('function-variable');
    expect(textAt(source, byName.run!.range)).toBe('async () => {}');
    expect(byName.limit!.kind).toBe('value');
    const worker = byName.Worker!;
    expect(worker.kind).toBe('class');
    expect(worker.extends).toBe('Base');
    expect(worker.members!.map((member) => `${member.static ? 'static ' : ''}${member.name}: ${member.ref.kind === 'declaration' ? textAt(source, member.ref.declaration.range) : '?'}`)).toEqual([
      'constructor: (private readonly useCase: SendMail) { super(); }',
      'process: () {}',
      'handle: async () => {}',
      'static create: () {}',
      '#secret: () {}',
    ]);
    const object = result.exports.find((entry) => entry.name === 'default')!.ref;
    expect(object.kind === 'declaration' && object.declaration.members!.map((member) => `${member.name}: ${member.ref.kind}`)).toEqual([
      'start: declaration',
      'stop: declaration',
      'helper: local',
      'nested: declaration',
    ]);
  });

  it('reads CommonJS exports: module.exports objects, functions and requires, exports.x, spreads of require', () => {
    const cjs = [
      'function send() {}',
      "module.exports = { send, retry: async () => send(), ...require('./helpers'), config: require('./config').value };",
      'exports.start = async function start() {};',
      'module.exports.stop = stop;',
      "exports['kebab-name'] = () => {};",
      "exports.other = require('./other').thing;",
    ].join('\n');
    const { exports, stars, moduleObject } = record(cjs, '/p/m.cjs', 'espree');
    expect(stars).toEqual(['./helpers']);
    expect(moduleObject?.kind === 'declaration' && moduleObject.declaration.members!.map((member) => `${member.name}: ${JSON.stringify(member.ref.kind === 'declaration' ? member.ref.declaration.kind : member.ref)}`)).toEqual([
      'send: {"kind":"local","name":"send"}',
      'retry: "method"',
      'config: {"kind":"import","source":"./config","path":["value"]}',
    ]);
    expect(exports.map(({ name, ref }) => `${name}: ${ref.kind === 'declaration' ? `${ref.declaration.kind} ${textAt(cjs, ref.declaration.range)}` : JSON.stringify(ref)}`)).toEqual([
      'start: function-variable async function start() {}',
      'stop: {"kind":"local","name":"stop"}',
      'kebab-name: function-variable () => {}',
      'other: {"kind":"import","source":"./other","path":["thing"]}',
    ]);
  });

  it('reads `module.exports = X` forms: a function, a name, a require, `module.exports = exports = X`, and TypeScript `export =`', () => {
    const moduleObjectOf = (text: string, file = '/p/m.js') => record(text, file, file.endsWith('.ts') ? 'typescript-estree' : 'espree').moduleObject;
    const notify = 'module.exports = async function notify() {};';
    const fn = moduleObjectOf(notify);
    expect(fn?.kind === 'declaration' && [fn.declaration.kind, textAt(notify, fn.declaration.range)]).toEqual(['function-variable', 'async function notify() {}']);
    expect(moduleObjectOf('class A {}\nmodule.exports = A;')).toEqual({ kind: 'local', name: 'A' });
    expect(moduleObjectOf("module.exports = require('./b');")).toEqual({ kind: 'import', source: './b', path: [] });
    expect(moduleObjectOf('function log() {}\nmodule.exports = exports = { log };')).toMatchObject({ kind: 'declaration', declaration: { kind: 'object', members: [{ name: 'log', ref: { kind: 'local', name: 'log' } }] } });
    expect(moduleObjectOf('function f() {}\nexport = f;', '/p/m.ts')).toEqual({ kind: 'local', name: 'f' });
  });

  it('reads anonymous default exports as declarations of their own', () => {
    const text = 'export default async function () {}';
    const [entry] = record(text).exports;
    expect(entry).toEqual({ name: 'default', ref: { kind: 'declaration', declaration: { kind: 'function', name: 'default', range: [15, text.length] } } });
    const klass = record('export default class { run() {} }').exports[0]!.ref;
    expect(klass.kind === 'declaration' && klass.declaration.members!.map((member) => member.name)).toEqual(['run']);
  });
});

describe('parsers and bad input', () => {
  it('gives the same record for JavaScript with typescript-estree and with espree', () => {
    const source = "import a from './a';\nconst { b } = require('./b');\nexport const c = () => import('./c');\nmodule.exports.d = function d() {};\nexport default class E { f() {} }";
    expect(record(source, '/p/m.js', 'espree')).toEqual(record(source, '/p/m.js', 'typescript-estree'));
  });

  it('parses JSX in .jsx/.tsx/.js files and `<T>x` casts in .ts files', () => {
    expect(record('export const view = () => <div>{1}</div>;', '/p/v.tsx').error).toBeUndefined();
    expect(record('export const view = () => <div>{1}</div>;', '/p/v.jsx', 'espree').error).toBeUndefined();
    expect(record('export const n = <number>value;', '/p/v.ts').error).toBeUndefined();
  });

  it('parses CommonJS scripts espree rejects as modules (`with`, top-level return)', () => {
    expect(record('with (a) { b(); }\nexports.x = 1;', '/p/s.js', 'espree').exports.map((entry) => entry.name)).toEqual(['x']);
    expect(record('if (a) return;\nexports.y = 1;', '/p/s.cjs', 'espree').exports.map((entry) => entry.name)).toEqual(['y']);
  });

  it('returns an empty record that says why for a syntax error, and for TypeScript without `typescript`', () => {
    expect(record('export const = 1;')).toEqual({ declarations: [], imports: [], requests: [], exports: [], stars: [], error: expect.stringMatching(/^cannot parse: .*\(1:\d+\)$/) });
    expect(record('export const a: number = 1;', '/p/a.ts', 'espree').error).toMatch(/TypeScript file, and `typescript` is not installed/);
  });
});
