import type { TSESTree } from '@typescript-eslint/utils';
import { type FunctionNode, type Node, dottedName, isCall, isFunctionNode, isIdentifier, isMember, memberPropertyName, propertyKeyName, unwrap } from './ast';
import { assignedMemberFunction } from './member-functions';
import type { ProgramIndex } from './program';
import { type VisitorKeys, walk } from './walk';

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** Does any node of the function's own body (nested functions left out) pass `test`? */
export function someInOwnBody(fn: FunctionNode, keys: VisitorKeys, test: (node: Node) => boolean): boolean {
  let found = false;
  walk(fn.body, keys, (node) => {
    if (found || (node !== fn.body && isFunctionNode(node))) return false;
    if (test(node)) found = true;
    return true;
  });
  return found;
}

/** Where an async function waits: `await x`, `for await (…)`. */
export function isSuspension(node: Node): boolean {
  return node.type === 'AwaitExpression' || (node.type === 'ForOfStatement' && node.await);
}
type ClassMember = TSESTree.MethodDefinition | TSESTree.PropertyDefinition;

/** The function a class member holds: a method's function, or an arrow-function field's. */
export function memberFunction(member: Node | null | undefined): FunctionNode | undefined {
  if (member?.type !== 'MethodDefinition' && member?.type !== 'PropertyDefinition') return undefined;
  const value = unwrap(member.value);
  return isFunctionNode(value) ? value : undefined;
}

/** The methods and fields of a class node. */
export function classMembers(classNode: ClassNode): ClassMember[] {
  return classNode.body.body.filter((member): member is ClassMember => member.type === 'MethodDefinition' || member.type === 'PropertyDefinition');
}

/** The name of a class member: `flush`, `#flush`, `'flush'`. */
export function memberName(member: ClassMember | TSESTree.Property): string | undefined {
  return propertyKeyName(member.key, member.computed);
}

/** The function of class method (or arrow-function field) `name`. */
export function classMethod(classNode: ClassNode, name: string): FunctionNode | undefined {
  for (const member of classMembers(classNode)) {
    if (memberName(member) === name) {
      const fn = memberFunction(member);
      if (fn) return fn;
    }
  }
  return undefined;
}

/** The class member (method or field) that holds `fn`, if `fn` is a method. */
export function owningMember(fn: Node): ClassMember | undefined {
  const parent = fn.parent;
  return (parent?.type === 'MethodDefinition' || parent?.type === 'PropertyDefinition') && parent.value === fn ? parent : undefined;
}

/** The class whose instance `this` denotes at `node` (through arrow functions); `undefined` in plain functions. */
export function thisClass(node: Node): ClassNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'ClassBody') return current.parent;
    if (isFunctionNode(current) && current.type !== 'ArrowFunctionExpression') {
      const member = owningMember(current);
      if (!member || member.static) return undefined;
      // The member's parent is the ClassBody: a later step returns the class.
    }
  }
  return undefined;
}

/** The function a same-module identifier is bound to: `function work() {}` or `const work = async () => {}`. */
export function localFunction(id: TSESTree.Identifier, index: ProgramIndex): FunctionNode | undefined {
  const binding = index.resolve(id);
  if (!binding || binding.kind !== 'local') return undefined;
  const declaration = binding.declaration;
  // A parameter's binding points at its function too: only the function's own name counts.
  if (declaration.type === 'FunctionDeclaration') return binding.variable.defs[0]?.type === 'FunctionName' ? declaration : undefined;
  if (declaration.type === 'VariableDeclarator' && isIdentifier(declaration.id, id.name)) {
    const init = unwrap(declaration.init);
    if (isFunctionNode(init)) return init;
  }
  return undefined;
}

/**
 * The same-module function an expression refers to: a function expression, a local
 * function's name, `this.method` / `this.#method` of the enclosing class, `Obj.name` of a
 * function the module assigns once to its own object (`Topics.handle = async function`, see
 * `assignedMemberFunction`), `x.bind(...)` of any of those.
 */
export function referencedFunction(expression: Node | null | undefined, index: ProgramIndex): FunctionNode | undefined {
  const node = unwrap(expression);
  if (!node) return undefined;
  if (isFunctionNode(node)) return node;
  if (isIdentifier(node)) return localFunction(node, index);
  if (isMember(node) && unwrap(node.object).type === 'ThisExpression') {
    const name = memberPropertyName(node);
    const owner = name === undefined ? undefined : thisClass(node);
    return owner && name !== undefined ? classMethod(owner, name) : undefined;
  }
  if (isMember(node)) return assignedMemberFunction(node, index);
  if (isCall(node) && memberPropertyName(unwrap(node.callee)) === 'bind') {
    const callee = unwrap(node.callee);
    return isMember(callee) ? referencedFunction(callee.object, index) : undefined;
  }
  return undefined;
}

/** The same-module function a call invokes: an IIFE's function, `work()`, `this.flush()`, `Topics.handle()`. */
export function calledFunction(call: Node, index: ProgramIndex): FunctionNode | undefined {
  if (!isCall(call)) return undefined;
  const callee = unwrap(call.callee);
  if (isMember(callee) && unwrap(callee.object).type !== 'ThisExpression') {
    // `work.call(this)` / `work.apply(...)` still run `work`.
    const name = memberPropertyName(callee);
    return name === 'call' || name === 'apply' ? referencedFunction(callee.object, index) : assignedMemberFunction(callee, index);
  }
  return referencedFunction(callee, index);
}

/**
 * The function a background API is given: what `referencedFunction` or `calledFunction` finds,
 * or the function a curried wrapper wraps, `traceFunction(options)(async function (job) {…})`
 * (the wrapper returns a function that runs it).
 */
export function callbackFunction(argument: Node, index: ProgramIndex): FunctionNode | undefined {
  const node = unwrap(argument);
  const found = referencedFunction(node, index) ?? calledFunction(node, index);
  if (found || !isCall(node) || !isCall(unwrap(node.callee))) return found;
  const wrapped = unwrap(node.arguments.at(-1));
  return isFunctionNode(wrapped) ? wrapped : undefined;
}

/** A human name for a function: its declared name, variable, method or property name. */
export function functionName(fn: FunctionNode): string | undefined {
  if (fn.id) return fn.id.name;
  const member = owningMember(fn);
  if (member) return memberName(member);
  const parent = fn.parent;
  if (parent?.type === 'VariableDeclarator' && isIdentifier(parent.id)) return parent.id.name;
  if (parent?.type === 'Property') return memberName(parent);
  if (parent?.type === 'AssignmentExpression' && parent.right === fn) return dottedName(parent.left);
  return undefined;
}
