import type { TSESTree } from '@typescript-eslint/utils';
import { keyName, memberChain, moduleAccess, unwrapExpression } from './syntax';
import type { Declaration, Member, Ref } from './types';

type Node = TSESTree.Node;

/**
 * What an expression (a variable's initialiser, an exported value, an object property)
 * leads to: a name of the module, another module's export, or a declaration of its own.
 * `name` is the name the value is bound to; `range` the node a `value` is reported at.
 */
export function refOf(node: Node, name?: string, range?: TSESTree.Range): Ref {
  const expression = unwrapExpression(node);
  const access = moduleAccess(expression);
  if (access) return { kind: 'import', source: access.source, path: access.path };
  const chain = memberChain(expression);
  // `module` and `exports` are the module object itself, not names of the module.
  if (chain && chain.name !== 'module' && chain.name !== 'exports') return chain.path.length === 0 ? { kind: 'local', name: chain.name } : { kind: 'local', ...chain };
  return { kind: 'declaration', declaration: describeExpression(expression, name, range) };
}

/** A declaration for an expression: a function, a class, an object literal or a plain value. */
export function describeExpression(node: Node, name?: string, range: TSESTree.Range = node.range): Declaration {
  const expression = unwrapExpression(node);
  const named = name === undefined ? {} : { name };
  switch (expression.type) {
    case 'ArrowFunctionExpression':
    case 'FunctionExpression':
      return { kind: 'function-variable', ...named, range: expression.range };
    case 'ClassExpression':
      return describeClass(expression, name ?? expression.id?.name);
    case 'ObjectExpression':
      return { kind: 'object', ...named, range: expression.range, members: objectMembers(expression) };
    default:
      return { kind: 'value', ...named, range };
  }
}

/** A class with its methods and function-valued fields; instance members are reached through `prototype`. */
export function describeClass(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression, name?: string): Declaration {
  const members: Member[] = [];
  for (const element of node.body.body) {
    if (element.type !== 'MethodDefinition' && element.type !== 'PropertyDefinition') continue;
    const memberName = keyName(element.key, element.computed);
    if (memberName === undefined) continue;
    const value = element.value && unwrapExpression(element.value);
    if (!value || (value.type !== 'FunctionExpression' && value.type !== 'ArrowFunctionExpression')) continue;
    members.push({ name: memberName, static: element.static, ref: { kind: 'declaration', declaration: { kind: 'method', name: memberName, range: value.range } } });
  }
  const superClass = node.superClass && unwrapExpression(node.superClass);
  return {
    kind: 'class',
    ...(name === undefined ? {} : { name }),
    range: node.range,
    members,
    ...(superClass?.type === 'Identifier' ? { extends: superClass.name } : {}),
  };
}

/** An object literal's properties: methods and functions, names (`{ run }`), nested objects, other modules' exports. */
function objectMembers(node: TSESTree.ObjectExpression): Member[] {
  const members: Member[] = [];
  for (const property of node.properties) {
    if (property.type !== 'Property' || property.kind !== 'init') continue;
    const name = keyName(property.key, property.computed);
    if (name === undefined) continue;
    const value = unwrapExpression(property.value);
    const ref: Ref =
      value.type === 'FunctionExpression' || value.type === 'ArrowFunctionExpression'
        ? { kind: 'declaration', declaration: { kind: 'method', name, range: value.range } }
        : refOf(value, name);
    // Literals and calls hold nothing to follow.
    if (ref.kind === 'declaration' && ref.declaration.kind === 'value') continue;
    members.push({ name, static: true, ref });
  }
  return members;
}

/** The names a binding pattern declares (`a`, `{ a, b: [c] }`, `...rest`). */
export function patternNames(pattern: Node): string[] {
  switch (pattern.type) {
    case 'Identifier':
      return [pattern.name];
    case 'ObjectPattern':
      return pattern.properties.flatMap((property) => patternNames(property.type === 'Property' ? property.value : property.argument));
    case 'ArrayPattern':
      return pattern.elements.flatMap((element) => (element ? patternNames(element) : []));
    case 'AssignmentPattern':
      return patternNames(pattern.left);
    case 'RestElement':
      return patternNames(pattern.argument);
    default:
      return [];
  }
}

/** Top-level declarations of the program by name (the import bindings excepted: `const x = require(...)` is an import). */
export function topLevelDeclarations(program: TSESTree.Program): Declaration[] {
  const declarations: Declaration[] = [];
  for (const statement of program.body) {
    const node: Node | null =
      statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement;
    if (!node) continue;
    switch (node.type) {
      case 'FunctionDeclaration':
        if (node.id && node.body) declarations.push({ kind: 'function', name: node.id.name, range: node.range });
        break;
      case 'ClassDeclaration':
        if (node.id) declarations.push(describeClass(node, node.id.name));
        break;
      case 'VariableDeclaration':
        for (const declarator of node.declarations) {
          if (declarator.id.type === 'Identifier') {
            if (declarator.init && moduleAccess(declarator.init)) continue;
            declarations.push(
              declarator.init
                ? describeExpression(declarator.init, declarator.id.name, declarator.range)
                : { kind: 'value', name: declarator.id.name, range: declarator.range },
            );
          } else if (!(declarator.init && moduleAccess(declarator.init))) {
            for (const name of patternNames(declarator.id)) declarations.push({ kind: 'value', name, range: declarator.range });
          }
        }
        break;
      case 'TSEnumDeclaration':
        declarations.push({ kind: 'value', name: node.id.name, range: node.range });
        break;
      case 'TSModuleDeclaration':
        if (node.id.type === 'Identifier' && node.body) declarations.push({ kind: 'value', name: node.id.name, range: node.range });
        break;
      default:
        break;
    }
  }
  return declarations;
}
