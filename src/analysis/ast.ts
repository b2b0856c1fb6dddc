/**
 * Dialect-neutral helpers over ESTree-shaped nodes.
 *
 * The analysis is fed by two parsers: typescript-estree (ESLint rules) and Babel
 * through jscodeshift (codemods). They agree on most node types; where they differ
 * (`Literal` vs `StringLiteral`, `Property` vs `ObjectProperty`, `MethodDefinition`
 * vs `ClassMethod`, `ChainExpression` vs `OptionalCallExpression`, `range` vs
 * `start`/`end`) the helpers here accept both, so nothing above this file needs to
 * know which parser produced a tree.
 */

export interface AnyNode {
  type: string;
  [key: string]: unknown;
}

/** Keys that never lead to child nodes worth visiting (positions, comments, types). */
const SKIPPED_KEYS = new Set([
  'parent',
  'loc',
  'range',
  'start',
  'end',
  'extra',
  'comments',
  'leadingComments',
  'trailingComments',
  'innerComments',
  'tokens',
  'typeAnnotation',
  'returnType',
  'typeParameters',
  'typeArguments',
  'superTypeParameters',
  'superTypeArguments',
  'implements',
  'predicate',
]);

/** Declarations that hold only types. */
const TYPE_ONLY_NODES = new Set([
  'TSInterfaceDeclaration',
  'TSTypeAliasDeclaration',
  'TSDeclareFunction',
  'TSImportEqualsDeclaration',
  'DeclareFunction',
  'TypeAlias',
  'InterfaceDeclaration',
]);

export function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as AnyNode).type === 'string';
}

/** The child nodes of `node`, in source order of their keys, type annotations left out. */
export function childNodes(node: AnyNode): AnyNode[] {
  const children: AnyNode[] = [];
  for (const key in node) {
    if (SKIPPED_KEYS.has(key)) continue;
    const value = node[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item) && !TYPE_ONLY_NODES.has(item.type)) children.push(item);
    } else if (isNode(value) && !TYPE_ONLY_NODES.has(value.type)) {
      children.push(value);
    }
  }
  return children;
}

/** `[start, end)` offsets in the source text, for either dialect. */
export function nodeRange(node: AnyNode): [number, number] {
  const range = node.range as [number, number] | undefined;
  if (range) return range;
  return [node.start as number, node.end as number];
}

export type FunctionNode = AnyNode & { params: AnyNode[]; body: AnyNode; async?: boolean };

const FUNCTION_TYPES = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'ClassMethod',
  'ClassPrivateMethod',
  'ObjectMethod',
]);

export function isFunctionNode(node: AnyNode | undefined | null): node is FunctionNode {
  return !!node && FUNCTION_TYPES.has(node.type);
}

/** Class and object methods, in both dialects: the node that carries `key`, `kind`, `static`, `decorators`. */
export function isMethodNode(node: AnyNode | undefined | null): boolean {
  return (
    !!node &&
    (node.type === 'MethodDefinition' ||
      node.type === 'TSAbstractMethodDefinition' ||
      node.type === 'ClassMethod' ||
      node.type === 'ClassPrivateMethod' ||
      node.type === 'ObjectMethod')
  );
}

export function isCallNode(node: AnyNode | undefined | null): node is AnyNode & { callee: AnyNode; arguments: AnyNode[] } {
  return !!node && (node.type === 'CallExpression' || node.type === 'OptionalCallExpression');
}

export function isNewNode(node: AnyNode | undefined | null): node is AnyNode & { callee: AnyNode; arguments: AnyNode[] } {
  return !!node && node.type === 'NewExpression';
}

export function isMemberNode(
  node: AnyNode | undefined | null,
): node is AnyNode & { object: AnyNode; property: AnyNode; computed: boolean } {
  return !!node && (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression');
}

export function isIdentifier(node: AnyNode | undefined | null, name?: string): node is AnyNode & { name: string } {
  return !!node && node.type === 'Identifier' && (name === undefined || node.name === name);
}

export function isObjectExpression(node: AnyNode | undefined | null): node is AnyNode & { properties: AnyNode[] } {
  return !!node && node.type === 'ObjectExpression';
}

export function isArrayExpression(node: AnyNode | undefined | null): node is AnyNode & { elements: (AnyNode | null)[] } {
  return !!node && node.type === 'ArrayExpression';
}

/** A plain object property (not a method, not a spread) in either dialect. */
export function isObjectProperty(node: AnyNode | undefined | null): node is AnyNode & { key: AnyNode; value: AnyNode } {
  return !!node && (node.type === 'ObjectProperty' || (node.type === 'Property' && node.kind === 'init' && !node.method));
}

export function isSpreadNode(node: AnyNode | undefined | null): node is AnyNode & { argument: AnyNode } {
  return !!node && (node.type === 'SpreadElement' || node.type === 'SpreadProperty');
}

/** The string value of a string literal or an expression-free template literal. */
export function stringValue(node: AnyNode | undefined | null): string | undefined {
  if (!node) return undefined;
  if (node.type === 'StringLiteral') return node.value as string;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && (node.expressions as AnyNode[]).length === 0) {
    const quasi = (node.quasis as AnyNode[])[0];
    const value = quasi?.value as { cooked?: string; raw: string } | undefined;
    return value?.cooked ?? value?.raw;
  }
  return undefined;
}

/** The static name of a property key: `a`, `'a'`, `[‘a’]`, `#a` (as `#a`). */
export function propertyKeyName(key: AnyNode | undefined | null, computed = false): string | undefined {
  if (!key) return undefined;
  if (!computed && key.type === 'Identifier') return key.name as string;
  if (key.type === 'PrivateIdentifier' || key.type === 'PrivateName') {
    const id = key.id as AnyNode | undefined;
    return `#${(id?.name ?? key.name) as string}`;
  }
  return stringValue(key);
}

/** `x.name` or `x['name']` → `'name'`. */
export function memberPropertyName(node: AnyNode | undefined | null): string | undefined {
  if (!isMemberNode(node)) return undefined;
  return propertyKeyName(node.property, node.computed);
}

/** Strip what does not change the value: parentheses, TS casts, `!`, optional chains. */
export function unwrap(node: AnyNode): AnyNode;
export function unwrap(node: AnyNode | undefined | null): AnyNode | undefined;
export function unwrap(node: AnyNode | undefined | null): AnyNode | undefined {
  let current = node ?? undefined;
  while (current) {
    switch (current.type) {
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'TSInstantiationExpression':
      case 'TypeCastExpression':
      case 'ParenthesizedExpression':
      case 'ChainExpression':
        current = current.expression as AnyNode;
        break;
      default:
        return current;
    }
  }
  return current;
}

/**
 * The dotted name of an expression built from identifiers, `this` and static
 * member accesses: `a.b.c`, `this.queue.process`, `globalThis.Promise`;
 * `undefined` for anything else.
 */
export function dottedName(node: AnyNode | undefined | null): string | undefined {
  const target = unwrap(node);
  if (!target) return undefined;
  if (target.type === 'Identifier') return target.name as string;
  if (target.type === 'ThisExpression') return 'this';
  if (isMemberNode(target)) {
    const object = dottedName(target.object);
    const property = memberPropertyName(target);
    return object !== undefined && property !== undefined ? `${object}.${property}` : undefined;
  }
  return undefined;
}

/** The left-most identifier of a member chain: `a` in `a.b.c()`. */
export function rootIdentifier(node: AnyNode | undefined | null): (AnyNode & { name: string }) | undefined {
  let current = unwrap(node);
  while (isMemberNode(current)) current = unwrap(current.object);
  return isIdentifier(current) ? current : undefined;
}

/** Names bound by a declaration pattern: `a`, `{ a, b: c }`, `[d, ...e]`, `f = 1`. */
export function patternNames(pattern: AnyNode | undefined | null, out: (AnyNode & { name: string })[] = []): (AnyNode & { name: string })[] {
  if (!pattern) return out;
  switch (pattern.type) {
    case 'Identifier':
      out.push(pattern as AnyNode & { name: string });
      break;
    case 'ObjectPattern':
      for (const property of pattern.properties as AnyNode[]) {
        patternNames(property.type === 'RestElement' ? (property.argument as AnyNode) : (property.value as AnyNode), out);
      }
      break;
    case 'ArrayPattern':
      for (const element of pattern.elements as (AnyNode | null)[]) patternNames(element, out);
      break;
    case 'RestElement':
      patternNames(pattern.argument as AnyNode, out);
      break;
    case 'AssignmentPattern':
      patternNames(pattern.left as AnyNode, out);
      break;
    case 'TSParameterProperty':
      patternNames(pattern.parameter as AnyNode, out);
      break;
    default:
      break;
  }
  return out;
}

/** The decorators of a class member or class, in either dialect. */
export function decoratorsOf(node: AnyNode | undefined | null): AnyNode[] {
  return ((node?.decorators as AnyNode[] | undefined) ?? []).filter(isNode);
}

/** The name a decorator is called by: `Cron` for `@Cron('* * *')`, `schedule.Cron` for `@schedule.Cron()`. */
export function decoratorExpression(decorator: AnyNode): AnyNode {
  const expression = unwrap(decorator.expression as AnyNode);
  return isCallNode(expression) ? unwrap(expression.callee) : expression;
}
