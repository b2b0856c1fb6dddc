import type { TSESTree } from '@typescript-eslint/utils';
import type { ImportKind } from './types';

/** Small readers over TSESTree nodes (espree's trees are the same shape for JavaScript). */

type Node = TSESTree.Node;

/** The expression under TypeScript-only wrappers: `x as T`, `x satisfies T`, `x!`, `<T>x`. */
export function unwrapExpression<T extends Node | null | undefined>(node: T): T | Node {
  let current: Node | null | undefined = node;
  while (
    current &&
    (current.type === 'TSAsExpression' ||
      current.type === 'TSSatisfiesExpression' ||
      current.type === 'TSNonNullExpression' ||
      current.type === 'TSTypeAssertion' ||
      current.type === 'TSInstantiationExpression')
  ) {
    current = current.expression;
  }
  return current as T | Node;
}

/** The value of a string literal or of a template literal without expressions. */
export function stringValue(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** The name a property key stands for: `a`, `'a'`, `#a`, `[`'a'`]`; `undefined` for a computed key that is not a string. */
export function keyName(key: Node, computed: boolean): string | undefined {
  if (!computed && key.type === 'Identifier') return key.name;
  if (key.type === 'PrivateIdentifier') return `#${key.name}`;
  if (key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  return stringValue(key);
}

/** The name an import/export specifier part stands for: `a` or `'a-b'` (ES2022 string names). */
export function moduleExportName(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === 'Identifier' ? node.name : node.value;
}

/** A `require('x')` or `import('x')` call with a literal specifier. */
export function moduleCall(node: Node): { source: string; kind: ImportKind } | undefined {
  if (node.type === 'ImportExpression') {
    const source = stringValue(node.source);
    return source === undefined ? undefined : { source, kind: 'dynamic' };
  }
  if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length === 1) {
    const source = stringValue(node.arguments[0]);
    return source === undefined ? undefined : { source, kind: 'require' };
  }
  return undefined;
}

/**
 * What another module's export an expression denotes: `require('./x')` (path `[]`),
 * `require('./x').a.b` (`['a', 'b']`), `await import('./x')`, `(await import('./x')).run`.
 */
export function moduleAccess(expression: Node | null | undefined): { source: string; kind: ImportKind; path: string[] } | undefined {
  const path: string[] = [];
  let current = unwrapExpression(expression);
  while (current) {
    if (current.type === 'MemberExpression') {
      const name = keyName(current.property, current.computed);
      if (name === undefined) return undefined;
      path.unshift(name);
      current = unwrapExpression(current.object);
    } else if (current.type === 'AwaitExpression') {
      current = unwrapExpression(current.argument);
    } else if (current.type === 'ChainExpression') {
      current = unwrapExpression(current.expression);
    } else {
      const call = moduleCall(current);
      return call && { ...call, path };
    }
  }
  return undefined;
}

/** `a.b.c` (a name and member names below it): `{ name: 'a', path: ['b', 'c'] }`. */
export function memberChain(expression: Node | null | undefined): { name: string; path: string[] } | undefined {
  const path: string[] = [];
  let current = unwrapExpression(expression);
  while (current?.type === 'MemberExpression') {
    const name = keyName(current.property, current.computed);
    if (name === undefined) return undefined;
    path.unshift(name);
    current = unwrapExpression(current.object);
  }
  return current?.type === 'Identifier' ? { name: current.name, path } : undefined;
}

/** `module.exports` */
export function isModuleExports(node: Node): boolean {
  return (
    node.type === 'MemberExpression' &&
    !node.computed &&
    node.object.type === 'Identifier' &&
    node.object.name === 'module' &&
    node.property.type === 'Identifier' &&
    node.property.name === 'exports'
  );
}

/**
 * `exports.a` / `module.exports.a` / `exports['a']`, and `api.a` where `api` is one of
 * `aliases`, the module's own names for its exports (`const api = module.exports;`): the
 * export name, else `undefined`.
 */
export function commonJsExportName(node: Node, aliases: ReadonlySet<string> = new Set()): string | undefined {
  if (node.type !== 'MemberExpression') return undefined;
  const object = node.object;
  if ((object.type === 'Identifier' && (object.name === 'exports' || aliases.has(object.name))) || isModuleExports(object)) return keyName(node.property, node.computed);
  return undefined;
}

/** Top-level `const api = module.exports;` / `const self = exports;`: names of the module's exports object. */
export function exportsAliases(program: TSESTree.Program): Set<string> {
  const aliases = new Set<string>();
  for (const statement of program.body) {
    if (statement.type !== 'VariableDeclaration' || statement.kind !== 'const') continue;
    for (const declarator of statement.declarations) {
      const init = declarator.init;
      if (declarator.id.type === 'Identifier' && init && ((init.type === 'Identifier' && init.name === 'exports') || isModuleExports(init))) aliases.add(declarator.id.name);
    }
  }
  return aliases;
}
