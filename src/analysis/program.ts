import {
  type AnyNode,
  childNodes,
  isFunctionNode,
  isIdentifier,
  isMemberNode,
  isCallNode,
  memberPropertyName,
  patternNames,
  stringValue,
  unwrap,
  isObjectProperty,
  propertyKeyName,
} from './ast';

/**
 * What an identifier refers to.
 * - `import` / `require`: a binding from another module; `path` is the export path
 *   below the module object (`[]` = the module object itself, `['default']` = a
 *   default import, `['after']` = `import { after }` or `const { after } = require(...)`).
 * - `local`: declared in this file (`declaration` is the function, class or
 *   variable declarator, parameter owner or catch clause that binds it).
 * `resolve` returns `undefined` for a global (nothing in the file binds the name).
 */
export type Binding =
  | { kind: 'import' | 'require'; source: string; path: string[] }
  | { kind: 'local'; declaration: AnyNode; init?: AnyNode };

/** An expression that denotes something exported by a module: `source` and the export path. */
export interface ModuleRef {
  source: string;
  path: string[];
}

type Scope = Map<string, Binding>;

const SCOPE_TYPES = new Set([
  'Program',
  'BlockStatement',
  'StaticBlock',
  'ForStatement',
  'ForInStatement',
  'ForOfStatement',
  'CatchClause',
  'SwitchStatement',
  'ClassDeclaration',
  'ClassExpression',
  'TSModuleBlock',
]);

/**
 * One pass over a file: parents, and lazily computed lexical scopes.
 * Built once per file by rules (on demand) and codemods alike.
 */
export class ProgramIndex {
  readonly program: AnyNode;
  private readonly parents = new WeakMap<AnyNode, AnyNode>();
  private readonly scopes = new WeakMap<AnyNode, Scope>();
  private readonly importedSources = new Set<string>();
  /** Every node in source order (depth-first, pre-order). */
  readonly nodes: AnyNode[] = [];
  private cjs = false;
  private esm = false;

  constructor(program: AnyNode) {
    this.program = program.type === 'File' ? (program.program as AnyNode) : program;
    this.walk(this.program);
  }

  private walk(root: AnyNode): void {
    const stack: AnyNode[] = [root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      this.nodes.push(node);
      this.noteModuleSyntax(node);
      const children = childNodes(node);
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i]!;
        this.parents.set(child, node);
        stack.push(child);
      }
    }
  }

  private noteModuleSyntax(node: AnyNode): void {
    switch (node.type) {
      case 'ImportDeclaration': {
        this.esm = true;
        const source = stringValue(node.source as AnyNode);
        if (source !== undefined) this.importedSources.add(source);
        break;
      }
      case 'ExportNamedDeclaration':
      case 'ExportDefaultDeclaration':
      case 'ExportAllDeclaration':
        this.esm = true;
        break;
      case 'ImportExpression': {
        const source = stringValue(node.source as AnyNode);
        if (source !== undefined) this.importedSources.add(source);
        break;
      }
      case 'CallExpression': {
        const source = requireSource(node);
        if (source !== undefined) {
          this.cjs = true;
          this.importedSources.add(source);
        }
        break;
      }
      case 'MemberExpression':
        if (isIdentifier(node.object as AnyNode, 'module') && memberPropertyName(node) === 'exports') this.cjs = true;
        break;
      default:
        break;
    }
  }

  parentOf(node: AnyNode): AnyNode | undefined {
    return this.parents.get(node);
  }

  /** Ancestors from the parent up to the Program. */
  *ancestors(node: AnyNode): Generator<AnyNode> {
    let current = this.parents.get(node);
    while (current) {
      yield current;
      current = this.parents.get(current);
    }
  }

  /** Does the file import or require `source` (exact specifier)? */
  importsModule(...sources: string[]): boolean {
    return sources.some((source) => this.importedSources.has(source));
  }

  /** CommonJS: uses `require`/`module.exports` and no ESM syntax. */
  get isCommonJS(): boolean {
    return this.cjs && !this.esm;
  }

  /** What the identifier `id` refers to at its position; `undefined` = global. */
  resolve(id: AnyNode & { name?: unknown }): Binding | undefined {
    const name = id.name as string;
    let child: AnyNode = id;
    for (const ancestor of this.ancestors(id)) {
      if (isFunctionNode(ancestor)) {
        // A function's own parameters are visible in its body and in later
        // parameters' defaults; its name in a function expression, in the body.
        const binding = this.scopeOf(ancestor).get(name);
        if (binding) return binding;
      } else if (SCOPE_TYPES.has(ancestor.type)) {
        // A class name is visible inside the class, not in its `extends` clause's
        // evaluation order subtleties: good enough for naming decisions.
        if (!(ancestor.type === 'ForStatement' || ancestor.type === 'ForInStatement' || ancestor.type === 'ForOfStatement') || child !== ancestor.right) {
          const binding = this.scopeOf(ancestor).get(name);
          if (binding) return binding;
        }
      }
      child = ancestor;
    }
    return undefined;
  }

  /** Is `id` an unshadowed global (nothing in the file declares that name where it is used)? */
  isGlobal(id: AnyNode): boolean {
    return this.resolve(id) === undefined;
  }

  /**
   * What module export an expression denotes, following imports, `require`,
   * destructuring and static member access: `after` (from `import { after } from
   * 'next/server'`) → `{ source: 'next/server', path: ['after'] }`; `cron.schedule`
   * with `import cron from 'node-cron'` → `{ path: ['default', 'schedule'] }`.
   */
  moduleRef(expression: AnyNode | undefined | null, seen = new Set<AnyNode>()): ModuleRef | undefined {
    const node = unwrap(expression);
    if (!node || seen.has(node)) return undefined;
    seen.add(node);
    if (isIdentifier(node)) {
      const binding = this.resolve(node);
      if (!binding) return undefined;
      if (binding.kind !== 'local') return { source: binding.source, path: binding.path };
      // `const q = require('bull')` is recorded as `require`; a plain alias
      // `const w = imported.Worker` is followed through its initialiser.
      if (binding.init && binding.declaration.type === 'VariableDeclarator' && isIdentifier(binding.declaration.id as AnyNode)) {
        return this.moduleRef(binding.init, seen);
      }
      return undefined;
    }
    if (isMemberNode(node)) {
      const property = memberPropertyName(node);
      if (property === undefined) return undefined;
      const base = this.moduleRef(node.object, seen);
      return base && { source: base.source, path: [...base.path, property] };
    }
    if (isCallNode(node)) {
      const source = requireSource(node);
      return source === undefined ? undefined : { source, path: [] };
    }
    return undefined;
  }

  /**
   * Does `expression` denote export `name` of one of `sources`? A default import or
   * a whole `require` of a CommonJS module is its `module.exports`, so `schedule` of
   * `node-cron` matches `import { schedule }`, `import cron from` + `cron.schedule`,
   * `import * as cron` + `cron.schedule` and `require('node-cron').schedule`.
   * `name = 'default'` asks for the module's main export itself.
   */
  refersTo(expression: AnyNode | undefined | null, sources: readonly string[], name: string): boolean {
    const ref = this.moduleRef(expression);
    if (!ref || !sources.includes(ref.source)) return false;
    const path = ref.path[0] === 'default' ? ref.path.slice(1) : ref.path;
    if (name === 'default') return path.length === 0;
    return path.length === 1 && path[0] === name;
  }

  /** The declarations visible directly in a scope node (hoisted `var`s included for functions and the Program). */
  scopeOf(node: AnyNode): Scope {
    let scope = this.scopes.get(node);
    if (!scope) {
      scope = new Map();
      this.scopes.set(node, scope);
      collectScope(node, scope);
    }
    return scope;
  }
}

/** `require('x')` → `'x'`. */
export function requireSource(node: AnyNode): string | undefined {
  if (!isCallNode(node) || !isIdentifier(node.callee, 'require') || node.arguments.length !== 1) return undefined;
  return stringValue(node.arguments[0]);
}

function collectScope(node: AnyNode, scope: Scope): void {
  const local = (declaration: AnyNode, init?: AnyNode) => (id: AnyNode & { name: string }) => {
    if (!scope.has(id.name)) scope.set(id.name, init ? { kind: 'local', declaration, init } : { kind: 'local', declaration });
  };
  switch (node.type) {
    case 'Program':
    case 'BlockStatement':
    case 'StaticBlock':
    case 'TSModuleBlock':
      collectStatements(node.body as AnyNode[], scope, isHoistingScope(node));
      break;
    case 'SwitchStatement':
      for (const switchCase of node.cases as AnyNode[]) collectStatements(switchCase.consequent as AnyNode[], scope, false);
      break;
    case 'ForStatement':
      if (node.init && (node.init as AnyNode).type === 'VariableDeclaration') collectStatements([node.init as AnyNode], scope, false);
      break;
    case 'ForInStatement':
    case 'ForOfStatement':
      if ((node.left as AnyNode).type === 'VariableDeclaration') collectStatements([node.left as AnyNode], scope, false);
      break;
    case 'CatchClause':
      patternNames(node.param as AnyNode).forEach(local(node));
      break;
    case 'ClassDeclaration':
    case 'ClassExpression':
      if (node.id) patternNames(node.id as AnyNode).forEach(local(node));
      break;
    default:
      if (isFunctionNode(node)) {
        for (const param of node.params) patternNames(param).forEach(local(node));
        if (node.type === 'FunctionExpression' && node.id) patternNames(node.id as AnyNode).forEach(local(node));
        if (node.type !== 'ArrowFunctionExpression') local(node)({ type: 'Identifier', name: 'arguments' });
        if ((node.body as AnyNode).type === 'BlockStatement') {
          // `var`s anywhere in the body belong to the function.
          collectVars(node.body as AnyNode, scope);
        }
      }
  }
}

function isHoistingScope(node: AnyNode): boolean {
  return node.type === 'Program' || node.type === 'TSModuleBlock';
}

function collectStatements(statements: AnyNode[], scope: Scope, hoistVars: boolean): void {
  for (const raw of statements) {
    const statement =
      (raw.type === 'ExportNamedDeclaration' || raw.type === 'ExportDefaultDeclaration') && raw.declaration
        ? (raw.declaration as AnyNode)
        : raw;
    declareStatement(statement, scope);
  }
  if (hoistVars) for (const statement of statements) collectVars(statement, scope);
}

function declareStatement(statement: AnyNode, scope: Scope): void {
  const set = (id: AnyNode & { name: string }, binding: Binding) => {
    if (!scope.has(id.name)) scope.set(id.name, binding);
  };
  switch (statement.type) {
    case 'ImportDeclaration': {
      if (statement.importKind === 'type') return;
      const source = stringValue(statement.source as AnyNode)!;
      for (const specifier of statement.specifiers as AnyNode[]) {
        if (specifier.importKind === 'type') continue;
        const local = specifier.local as AnyNode & { name: string };
        if (specifier.type === 'ImportNamespaceSpecifier') set(local, { kind: 'import', source, path: [] });
        else if (specifier.type === 'ImportDefaultSpecifier') set(local, { kind: 'import', source, path: ['default'] });
        else set(local, { kind: 'import', source, path: [propertyKeyName(specifier.imported as AnyNode) ?? local.name] });
      }
      return;
    }
    case 'VariableDeclaration':
      if (statement.kind === 'var') return; // collected by collectVars
      for (const declarator of statement.declarations as AnyNode[]) declareDeclarator(declarator, scope);
      return;
    case 'FunctionDeclaration':
    case 'ClassDeclaration':
    case 'TSEnumDeclaration':
    case 'TSModuleDeclaration':
      if (isIdentifier(statement.id as AnyNode)) set(statement.id as AnyNode & { name: string }, { kind: 'local', declaration: statement });
      return;
    case 'TSImportEqualsDeclaration': {
      const reference = statement.moduleReference as AnyNode;
      const source = reference.type === 'TSExternalModuleReference' ? stringValue(reference.expression as AnyNode) : undefined;
      if (source !== undefined) set(statement.id as AnyNode & { name: string }, { kind: 'require', source, path: [] });
      return;
    }
    default:
      return;
  }
}

/** A declarator: `require` destructuring becomes a `require` binding, anything else `local`. */
function declareDeclarator(declarator: AnyNode, scope: Scope): void {
  const id = declarator.id as AnyNode;
  const init = unwrap(declarator.init as AnyNode | undefined);
  const base = init ? requireBase(init) : undefined;
  if (base && isIdentifier(id)) {
    if (!scope.has(id.name)) scope.set(id.name, { kind: 'require', source: base.source, path: base.path });
    return;
  }
  if (base && id.type === 'ObjectPattern') {
    for (const property of id.properties as AnyNode[]) {
      if (isObjectProperty(property) || property.type === 'Property') {
        const key = propertyKeyName(property.key as AnyNode, property.computed as boolean);
        const value = unwrap(property.value as AnyNode);
        const target = value?.type === 'AssignmentPattern' ? (value.left as AnyNode) : value;
        if (key !== undefined && isIdentifier(target) && !scope.has(target.name)) {
          scope.set(target.name, { kind: 'require', source: base.source, path: [...base.path, key] });
          continue;
        }
      }
      for (const id2 of patternNames(property.type === 'RestElement' ? (property.argument as AnyNode) : (property.value as AnyNode))) {
        if (!scope.has(id2.name)) scope.set(id2.name, { kind: 'local', declaration: declarator });
      }
    }
    return;
  }
  for (const name of patternNames(id)) {
    if (!scope.has(name.name)) {
      scope.set(name.name, init && isIdentifier(id) ? { kind: 'local', declaration: declarator, init } : { kind: 'local', declaration: declarator });
    }
  }
}

/** `require('x')` or `require('x').a.b` → source and path. */
function requireBase(init: AnyNode): ModuleRef | undefined {
  const path: string[] = [];
  let current: AnyNode | undefined = init;
  while (isMemberNode(current)) {
    const name = memberPropertyName(current);
    if (name === undefined) return undefined;
    path.unshift(name);
    current = unwrap(current.object);
  }
  const source = current && requireSource(current);
  return source === undefined ? undefined : { source, path };
}

/** `var` declarations and function declarations hoisted to the enclosing function or Program. */
function collectVars(root: AnyNode, scope: Scope): void {
  const stack: AnyNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node !== root && isFunctionNode(node)) continue;
    if (node.type === 'VariableDeclaration' && node.kind === 'var') {
      for (const declarator of node.declarations as AnyNode[]) declareDeclarator(declarator, scope);
    }
    if (node.type === 'ClassDeclaration' || node.type === 'ClassExpression' || (node !== root && isExpressionOnly(node))) continue;
    for (const child of childNodes(node)) stack.push(child);
  }
}

function isExpressionOnly(node: AnyNode): boolean {
  return node.type.endsWith('Expression') || node.type.endsWith('Literal');
}
