/**
 * Helpers over the one tree the analysis works on: typescript-estree's `TSESTree` (ESLint
 * rules get it from `@typescript-eslint/parser`, or an ESTree from espree, which is the same
 * shape for JavaScript; the codemods parse with the same parser, see `parse.ts`).
 * Only types are imported from typescript-eslint: nothing here needs `typescript` at run time.
 */
import type { TSESTree } from '@typescript-eslint/utils';

export type Node = TSESTree.Node;
export type Identifier = TSESTree.Identifier;

/** A function with a body: declarations, expressions and arrows (methods hold a `FunctionExpression`). */
export type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

export function isFunctionNode(node: Node | null | undefined): node is FunctionNode {
  return !!node && (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression');
}

export function isCall(node: Node | null | undefined): node is TSESTree.CallExpression {
  return node?.type === 'CallExpression';
}

export function isNew(node: Node | null | undefined): node is TSESTree.NewExpression {
  return node?.type === 'NewExpression';
}

export function isMember(node: Node | null | undefined): node is TSESTree.MemberExpression {
  return node?.type === 'MemberExpression';
}

export function isIdentifier(node: Node | null | undefined, name?: string): node is Identifier {
  return node?.type === 'Identifier' && (name === undefined || node.name === name);
}

/** A plain `key: value` property of an object literal (not a method, getter or spread). */
export function isPlainProperty(node: Node | null | undefined): node is TSESTree.Property {
  return node?.type === 'Property' && node.kind === 'init' && !node.method;
}

/** The string value of a string literal or an expression-free template literal. */
export function stringValue(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) {
    const quasi = node.quasis[0];
    return quasi?.value.cooked ?? quasi?.value.raw;
  }
  return undefined;
}

/** The static name of a property key: `a`, `'a'`, `['a']`, `#a` (as `#a`). */
export function propertyKeyName(key: Node | null | undefined, computed = false): string | undefined {
  if (!key) return undefined;
  if (!computed && key.type === 'Identifier') return key.name;
  if (key.type === 'PrivateIdentifier') return `#${key.name}`;
  return stringValue(key);
}

/** `x.name` or `x['name']` → `'name'`. */
export function memberPropertyName(node: Node | null | undefined): string | undefined {
  return isMember(node) ? propertyKeyName(node.property, node.computed) : undefined;
}

/** The name an identifier or a static member ends in: `send` of `mailer.send`, `fetch` of `fetch`. */
export function lastName(node: Node | null | undefined): string | undefined {
  const value = unwrap(node);
  return isIdentifier(value) ? value.name : memberPropertyName(value);
}

/** Strip what does not change the value: TS casts, `!`, `satisfies`, instantiation, optional chains. */
export function unwrap(node: Node): Node;
export function unwrap(node: Node | null | undefined): Node | undefined;
export function unwrap(node: Node | null | undefined): Node | undefined {
  let current = node ?? undefined;
  while (current) {
    switch (current.type) {
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'TSInstantiationExpression':
      case 'ChainExpression':
        current = current.expression;
        break;
      default:
        return current;
    }
  }
  return current;
}

/**
 * The dotted name of an expression built from identifiers, `this` and static member
 * accesses: `a.b.c`, `this.queue.process`, `globalThis.Promise`; `undefined` otherwise.
 */
export function dottedName(node: Node | null | undefined): string | undefined {
  const target = unwrap(node);
  if (!target) return undefined;
  if (target.type === 'Identifier') return target.name;
  if (target.type === 'ThisExpression') return 'this';
  if (isMember(target)) {
    const object = dottedName(target.object);
    const property = memberPropertyName(target);
    return object !== undefined && property !== undefined ? `${object}.${property}` : undefined;
  }
  return undefined;
}

/** The left-most identifier of a member chain: `a` in `a.b.c()`. */
export function rootIdentifier(node: Node | null | undefined): Identifier | undefined {
  let current = unwrap(node);
  while (isMember(current)) current = unwrap(current.object);
  return isIdentifier(current) ? current : undefined;
}

/** Names bound by a declaration pattern: `a`, `{ a, b: c }`, `[d, ...e]`, `f = 1`, `private g`. */
export function patternNames(pattern: Node | null | undefined, out: Identifier[] = []): Identifier[] {
  if (!pattern) return out;
  switch (pattern.type) {
    case 'Identifier':
      out.push(pattern);
      break;
    case 'ObjectPattern':
      for (const property of pattern.properties) patternNames(property.type === 'RestElement' ? property.argument : property.value, out);
      break;
    case 'ArrayPattern':
      for (const element of pattern.elements) patternNames(element, out);
      break;
    case 'RestElement':
      patternNames(pattern.argument, out);
      break;
    case 'AssignmentPattern':
      patternNames(pattern.left, out);
      break;
    case 'TSParameterProperty':
      patternNames(pattern.parameter, out);
      break;
    default:
      break;
  }
  return out;
}

/** A parameter's identifier: `group`, `group: TaskGroup`, `group = x`, `private group` → the identifier node. */
export function parameterIdentifier(param: Node | null | undefined): Identifier | undefined {
  let current = param ?? undefined;
  if (current?.type === 'TSParameterProperty') current = current.parameter;
  if (current?.type === 'AssignmentPattern') current = current.left;
  return isIdentifier(current) ? current : undefined;
}

/** The decorators of a class or class member. */
export function decoratorsOf(node: Node | null | undefined): TSESTree.Decorator[] {
  return node && 'decorators' in node && Array.isArray(node.decorators) ? node.decorators : [];
}

/** The expression a decorator is named by: `Cron` for `@Cron('* * *')`, `schedule.Cron` for `@schedule.Cron()`. */
export function decoratorExpression(decorator: TSESTree.Decorator): Node {
  const expression = unwrap(decorator.expression);
  return isCall(expression) ? unwrap(expression.callee) : expression;
}

/** The directive prologue's statements (`'use strict'`, `'use client'`). */
export function isDirective(statement: Node): statement is TSESTree.ExpressionStatement {
  return statement.type === 'ExpressionStatement' && typeof statement.directive === 'string';
}
