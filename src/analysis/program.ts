import type { TSESTree } from '@typescript-eslint/utils';
import {
  type FunctionNode,
  type Identifier,
  type Node,
  isCall,
  isIdentifier,
  isMember,
  memberPropertyName,
  propertyKeyName,
  stringValue,
  unwrap,
} from './ast';
import { type ScopeLike, type ScopeManagerLike, type VariableLike, scopeAt } from './scopes';
import { type VisitorKeys, walk } from './walk';

/**
 * What an identifier refers to.
 * - `import` / `require`: a binding from another module; `path` is the export path below the
 *   module object (`[]` = the module object itself, `['default']` = a default import,
 *   `['after']` = `import { after }` or `const { after } = require(...)`).
 * - `local`: declared in this file; `declaration` is the function or class declaration, the
 *   variable declarator, the function whose parameter it is, or the catch clause; `init` is a
 *   plain `const x = <init>`'s initialiser.
 * `resolve` returns `undefined` for a global (nothing in the file binds the name).
 */
export type Binding =
  | { kind: 'import' | 'require'; source: string; path: string[] }
  | { kind: 'local'; declaration: Node; init?: Node; variable: VariableLike };

/** An expression that denotes something exported by a module: `source` and the export path. */
export interface ModuleRef {
  source: string;
  path: string[];
}

/** A parsed file as the analysis takes it: the tree, its scope manager (or how to build it on first use), the tree's visitor keys. */
export interface ParsedFile {
  ast: TSESTree.Program;
  scopeManager: ScopeManagerLike | (() => ScopeManagerLike);
  visitorKeys: VisitorKeys;
}

/**
 * One file for the analysis: its nodes in source order with their parents, and name
 * resolution through the parser's scope manager (`@typescript-eslint/scope-manager` or
 * `eslint-scope`: rules pass ESLint's, codemods the one `parse.ts` builds). Built once per file.
 */
export class ProgramIndex {
  readonly program: TSESTree.Program;
  readonly visitorKeys: VisitorKeys;
  private scopes: ScopeManagerLike | (() => ScopeManagerLike);
  /** Every node in source order (depth-first, pre-order), types left out. */
  readonly nodes: Node[] = [];
  private readonly importedSources = new Set<string>();
  private commonJSSyntax = false;
  private moduleSyntax = false;
  private globalNames: Set<string> | undefined;

  constructor(file: ParsedFile) {
    this.program = file.ast;
    this.scopes = file.scopeManager;
    this.visitorKeys = file.visitorKeys;
    walk(this.program, this.visitorKeys, (node, parent) => {
      // ESLint sets parents before rules run; a tree parsed for a codemod gets them here.
      if (parent && node.parent !== parent) (node as { parent: Node }).parent = parent;
      this.nodes.push(node);
      this.noteModuleSyntax(node);
    });
  }

  private noteModuleSyntax(node: Node): void {
    switch (node.type) {
      case 'ImportDeclaration':
        if (node.importKind !== 'type') this.moduleSyntax = true;
        this.importedSources.add(node.source.value);
        break;
      case 'ExportNamedDeclaration':
      case 'ExportDefaultDeclaration':
      case 'ExportAllDeclaration':
        this.moduleSyntax = true;
        break;
      case 'ImportExpression': {
        const source = stringValue(node.source);
        if (source !== undefined) this.importedSources.add(source);
        break;
      }
      case 'TSImportEqualsDeclaration': {
        const source = node.moduleReference.type === 'TSExternalModuleReference' ? stringValue(node.moduleReference.expression) : undefined;
        if (source !== undefined) this.importedSources.add(source);
        break;
      }
      case 'CallExpression': {
        const source = requireSource(node);
        if (source !== undefined) {
          this.commonJSSyntax = true;
          this.importedSources.add(source);
        }
        break;
      }
      case 'MemberExpression':
        if (isIdentifier(node.object, 'module') && memberPropertyName(node) === 'exports') this.commonJSSyntax = true;
        break;
      default:
        break;
    }
  }

  /** The file's scope manager (a file that only needs syntax never pays for one). */
  get scopeManager(): ScopeManagerLike {
    if (typeof this.scopes === 'function') this.scopes = this.scopes();
    return this.scopes;
  }

  /** Calls `visit` on `root` and every node below it, in source order (see `walk`). */
  walk(root: Node, visit: (node: Node, parent: Node | undefined) => boolean | void): void {
    walk(root, this.visitorKeys, visit);
  }

  parentOf(node: Node): Node | undefined {
    return node.parent ?? undefined;
  }

  /** Ancestors from the parent up to the Program. */
  *ancestors(node: Node): Generator<Node> {
    for (let current = node.parent; current; current = current.parent) yield current;
  }

  /** Does the file import or require `source` (exact specifier)? */
  importsModule(...sources: string[]): boolean {
    return sources.some((source) => this.importedSources.has(source));
  }

  /** The file has `import`/`export` syntax. */
  get hasModuleSyntax(): boolean {
    return this.moduleSyntax;
  }

  /** The file uses `require` or `module.exports`. */
  get hasCommonJSSyntax(): boolean {
    return this.commonJSSyntax;
  }

  /** CommonJS by syntax alone: `require`/`module.exports` and no ESM syntax (see `moduleKind` for the file's verdict). */
  get isCommonJS(): boolean {
    return this.commonJSSyntax && !this.moduleSyntax;
  }

  /** The innermost scope at `node`. */
  scopeAt(node: Node): ScopeLike {
    return scopeAt(this.scopeManager, node);
  }

  /**
   * The value variable `name` denotes at `node`, declared in the file; `undefined` for a
   * global (a name only the environment or the configuration declares). Type-only bindings
   * (`import type`, interfaces) are looked through.
   */
  variableAt(node: Node, name: string): VariableLike | undefined {
    for (let scope: ScopeLike | null = this.scopeAt(node); scope; scope = scope.upper) {
      const variable = scope.set.get(name);
      if (!variable) continue;
      if (variable.defs.length === 0) return undefined;
      if (!isTypeOnly(variable)) return variable;
    }
    return undefined;
  }

  /** Is `name` declared (as a value or a type) in a scope that encloses `node`? */
  isDeclaredAt(node: Node, name: string): boolean {
    for (let scope: ScopeLike | null = this.scopeAt(node); scope; scope = scope.upper) {
      if ((scope.set.get(name)?.defs.length ?? 0) > 0) return true;
    }
    return false;
  }

  /** Names the file uses without declaring them (globals it reads or writes). */
  get undeclaredNames(): ReadonlySet<string> {
    this.globalNames ??= new Set(
      (this.scopeManager.globalScope?.through ?? []).map((reference) => (reference.identifier as Identifier).name),
    );
    return this.globalNames;
  }

  /** What the identifier `id` refers to at its position; `undefined` = global. */
  resolve(id: Identifier): Binding | undefined {
    const variable = this.variableAt(id, id.name);
    return variable && bindingOf(variable);
  }

  /**
   * What a name used as a type at `node` is bound to, type-only imports included: how a
   * field typed `SendMail` (`constructor(private readonly useCase: SendMail)`) leads to the class.
   */
  resolveTypeName(node: Node, name: string): Binding | undefined {
    for (let scope: ScopeLike | null = this.scopeAt(node); scope; scope = scope.upper) {
      const variable = scope.set.get(name);
      if (variable && variable.defs.length > 0) return bindingOf(variable);
    }
    return undefined;
  }

  /** Is `id` an unshadowed global (nothing in the file declares that name where it is used)? */
  isGlobal(id: Identifier): boolean {
    return this.variableAt(id, id.name) === undefined;
  }

  /**
   * What module export an expression denotes, following imports, `require`, destructuring
   * and static member access: `after` (from `import { after } from 'next/server'`) →
   * `{ source: 'next/server', path: ['after'] }`; `cron.schedule` with `import cron from
   * 'node-cron'` → `{ path: ['default', 'schedule'] }`.
   */
  moduleRef(expression: Node | null | undefined, seen = new Set<Node>()): ModuleRef | undefined {
    const node = unwrap(expression);
    if (!node || seen.has(node)) return undefined;
    seen.add(node);
    if (isIdentifier(node)) {
      const binding = this.resolve(node);
      if (!binding) return undefined;
      if (binding.kind !== 'local') return { source: binding.source, path: binding.path };
      // A plain alias `const w = imported.Worker` is followed through its initialiser.
      return binding.init ? this.moduleRef(binding.init, seen) : undefined;
    }
    if (isMember(node)) {
      const property = memberPropertyName(node);
      if (property === undefined) return undefined;
      const base = this.moduleRef(node.object, seen);
      return base && { source: base.source, path: [...base.path, property] };
    }
    const source = requireSource(node);
    return source === undefined ? undefined : { source, path: [] };
  }

  /**
   * Does `expression` denote export `name` of one of `sources`? A default import or a whole
   * `require` of a CommonJS module is its `module.exports`, so `schedule` of `node-cron`
   * matches `import { schedule }`, `import cron from` + `cron.schedule`, `import * as cron` +
   * `cron.schedule` and `require('node-cron').schedule`. `name = 'default'` asks for the
   * module's main export itself.
   */
  refersTo(expression: Node | null | undefined, sources: readonly string[], name: string): boolean {
    const ref = this.moduleRef(expression);
    if (!ref || !sources.includes(ref.source)) return false;
    const path = ref.path[0] === 'default' ? ref.path.slice(1) : ref.path;
    if (name === 'default') return path.length === 0;
    return path.length === 1 && path[0] === name;
  }

  /**
   * The same-module function a declared variable holds: `function f() {}` (the implementation
   * of an overloaded one), `const f = () => {}`; `undefined` for anything redeclared.
   */
  functionOf(variable: VariableLike): FunctionNode | undefined {
    const defs = variable.defs.filter((def) => def.node.type !== 'TSDeclareFunction');
    if (defs.length !== 1) return undefined;
    const def = defs[0]!;
    if (def.type === 'FunctionName' && def.node.type === 'FunctionDeclaration') return def.node;
    if (def.type !== 'Variable' || def.node.type !== 'VariableDeclarator' || def.node.id !== def.name) return undefined;
    // `let f = async () => …` counts when nothing assigns `f` again.
    if (def.node.parent.kind !== 'const' && variable.references.some((reference) => isReassignment(reference.identifier as Node, def.node))) return undefined;
    const init = unwrap(def.node.init);
    return init?.type === 'ArrowFunctionExpression' || init?.type === 'FunctionExpression' ? init : undefined;
  }
}

/** Is this reference a write other than the declarator's own initialisation (`f = …`, `f++`, `[f] = …`)? */
function isReassignment(id: Node, declarator: Node): boolean {
  if (id.parent === declarator) return false;
  for (let node: Node = id, parent = node.parent; parent; node = parent, parent = parent.parent) {
    if (parent.type === 'AssignmentExpression') return parent.left === node;
    if (parent.type === 'UpdateExpression') return true;
    if (parent.type === 'ForInStatement' || parent.type === 'ForOfStatement') return parent.left === node;
    if (!['ArrayPattern', 'ObjectPattern', 'Property', 'RestElement', 'AssignmentPattern'].includes(parent.type)) return false;
  }
  return false;
}

/** A binding only types can use: `interface`/`type` (scope-manager says so), `import type`, `import { type X }`. */
function isTypeOnly(variable: VariableLike): boolean {
  if (variable.isValueVariable === false) return true;
  return variable.defs.every((def) => {
    if (def.type !== 'ImportBinding') return false;
    const specifier = def.node;
    return (specifier.type === 'ImportSpecifier' && specifier.importKind === 'type') || (specifier.parent?.type === 'ImportDeclaration' && specifier.parent.importKind === 'type');
  });
}

/** `require('x')` → `'x'`. */
export function requireSource(node: Node | null | undefined): string | undefined {
  if (!isCall(node) || !isIdentifier(node.callee, 'require') || node.arguments.length !== 1) return undefined;
  return stringValue(node.arguments[0]);
}

/** `require('x')` or `require('x').a.b` → source and path. */
function requireBase(init: Node | null | undefined): ModuleRef | undefined {
  const path: string[] = [];
  let current = unwrap(init);
  while (isMember(current)) {
    const name = memberPropertyName(current);
    if (name === undefined) return undefined;
    path.unshift(name);
    current = unwrap(current.object);
  }
  const source = requireSource(current);
  return source === undefined ? undefined : { source, path };
}

/** What a declared variable is, from its first definition. */
function bindingOf(variable: VariableLike): Binding {
  const def = variable.defs[0]!;
  const local = (declaration: Node, init?: Node | null): Binding =>
    init ? { kind: 'local', declaration, init, variable } : { kind: 'local', declaration, variable };
  switch (def.type) {
    case 'ImportBinding': {
      const node = def.node;
      if (node.type === 'TSImportEqualsDeclaration') {
        const reference = node.moduleReference;
        const source = reference.type === 'TSExternalModuleReference' ? stringValue(reference.expression) : undefined;
        return source === undefined ? local(node) : { kind: 'require', source, path: [] };
      }
      const declaration = node.parent;
      if (declaration?.type !== 'ImportDeclaration') return local(node);
      const source = declaration.source.value;
      if (node.type === 'ImportNamespaceSpecifier') return { kind: 'import', source, path: [] };
      if (node.type === 'ImportDefaultSpecifier') return { kind: 'import', source, path: ['default'] };
      if (node.type === 'ImportSpecifier') return { kind: 'import', source, path: [propertyKeyName(node.imported) ?? node.local.name] };
      return local(node);
    }
    case 'Variable': {
      const declarator = def.node;
      if (declarator.type !== 'VariableDeclarator') return local(declarator);
      const base = requireBase(declarator.init);
      if (base && declarator.id === def.name) return { kind: 'require', source: base.source, path: base.path };
      if (base && declarator.id.type === 'ObjectPattern') {
        for (const property of declarator.id.properties) {
          if (property.type !== 'Property') continue;
          const value = property.value.type === 'AssignmentPattern' ? property.value.left : property.value;
          const key = propertyKeyName(property.key, property.computed);
          if (value === def.name && key !== undefined) return { kind: 'require', source: base.source, path: [...base.path, key] };
        }
      }
      return local(declarator, declarator.id === def.name ? declarator.init : undefined);
    }
    default:
      // FunctionName, ClassName, Parameter (the function), CatchClause, TS enums and namespaces.
      return local(def.node);
  }
}
