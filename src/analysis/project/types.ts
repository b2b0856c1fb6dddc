/**
 * The module-level facts the project index keeps for each file: what it imports, what it
 * exports and where each export is declared. Plain JSON (no Maps, no nodes), so a record can
 * be written to the disk cache and read back unchanged.
 */

import type { ModuleFacts } from './summary';

/** `[start, end)` offsets in the file's text, as typescript-estree and espree give them. */
export type Range = readonly [number, number];

/** How a module was brought in: `import`, `require(...)` or `import(...)`. */
export type ImportKind = 'import' | 'require' | 'dynamic';

/**
 * A top-level name bound to something another module exports.
 * `path` is the export path below the module object: `[]` for the module itself
 * (`import * as ns`, `const m = require(...)`), `['default']` for a default import,
 * `['a']` for `import { a }` or `const { a } = require(...)`, `['a', 'b']` for
 * `const b = require(...).a.b`.
 */
export interface ImportBinding {
  local: string;
  source: string;
  path: readonly string[];
  kind: ImportKind;
  /** `import type` / `import { type X }`: no value at run time, but still a class a field may be typed with. */
  typeOnly: boolean;
  range: Range;
}

/** Every module specifier the file names, wherever it stands (an `import()` inside a function included). */
export interface ModuleRequest {
  source: string;
  kind: ImportKind | 'export';
  typeOnly: boolean;
  /** The import declaration, `require(...)` / `import(...)` call, or `export ... from` statement. */
  range: Range;
}

/**
 * What a declaration is, as far as calls are concerned:
 * - `function`: `function f() {}` (or an anonymous `export default function () {}`);
 * - `function-variable`: an arrow or function expression bound to a name or property (`const f = () => {}`, `exports.f = function () {}`);
 * - `method`: a class method or accessor, an object method, a class field holding a function;
 * - `class`, `object` (an object literal), `value` (anything else: a call's result, a literal, an enum).
 */
export type DeclarationKind = 'function' | 'function-variable' | 'method' | 'class' | 'object' | 'value';

/** Where a name, an export or a member leads. */
export type Ref =
  /** A top-level name of the same module (a declaration or an import binding), and a member path below it (`tasks.start`). */
  | { kind: 'local'; name: string; path?: readonly string[] }
  /** Something another module exports (`export { a } from './a'`, `module.exports = require('./a')`). */
  | { kind: 'import'; source: string; path: readonly string[] }
  /** A declaration without a name of its own (`export default () => {}`, `exports.run = async () => {}`, an object's method). */
  | { kind: 'declaration'; declaration: Declaration };

export interface Member {
  name: string;
  /** A class's static member; instance members are reached through `prototype`. */
  static: boolean;
  ref: Ref;
}

/**
 * A declaration an export leads to. `range` is the range of the node that does the work:
 * the function node for functions, arrows, methods and function-valued fields (so it matches
 * the range a per-function summary gives that function), the class node, the object literal,
 * or the variable declarator for a `value`.
 */
export interface Declaration {
  kind: DeclarationKind;
  name?: string;
  range: Range;
  /** Class methods and fields holding functions; object literal properties (methods, functions, names, nested objects). */
  members?: Member[];
  /** A class's superclass, when it is a name (`class A extends Base`). */
  extends?: string;
}

export interface ExportEntry {
  name: string;
  ref: Ref;
}

/** The import/export map of one module. */
export interface ModuleRecord {
  /** Top-level declarations by name: functions, classes, variables (with what they hold). */
  declarations: Declaration[];
  imports: ImportBinding[];
  requests: ModuleRequest[];
  /** Named exports, `default` included (ESM `export`, CommonJS `exports.x =` / `module.exports.x =`). */
  exports: ExportEntry[];
  /** `export * from` sources (and `...require(...)` spread into `module.exports`). */
  stars: string[];
  /** CommonJS `module.exports = X` / TypeScript `export = X`: the module object itself. */
  moduleObject?: Ref;
  /** Functions, calls and background entries (see `Summarizer`), when the index was given a summarizer. */
  facts?: ModuleFacts;
  /** Why the file could not be read as a module (a syntax error, no parser for TypeScript): the record is then empty. */
  error?: string;
}
