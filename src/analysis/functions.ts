import {
  type AnyNode,
  type FunctionNode,
  isCallNode,
  isFunctionNode,
  isIdentifier,
  isMemberNode,
  memberPropertyName,
  patternNames,
  propertyKeyName,
  unwrap,
} from './ast';
import type { ProgramIndex } from './program';

/** The function a class member or object method holds (typescript-estree keeps it in `value`; Babel's node is the function). */
export function memberFunction(member: AnyNode | undefined | null): FunctionNode | undefined {
  if (!member) return undefined;
  if (isFunctionNode(member)) return member;
  const value = unwrap(member.value as AnyNode | undefined);
  return isFunctionNode(value) ? value : undefined;
}

const CLASS_MEMBER_TYPES = new Set([
  'MethodDefinition',
  'TSAbstractMethodDefinition',
  'PropertyDefinition',
  'ClassMethod',
  'ClassPrivateMethod',
  'ClassProperty',
  'ClassPrivateProperty',
]);

/** The members of a class node. */
export function classMembers(classNode: AnyNode): AnyNode[] {
  const body = classNode.body as AnyNode | undefined;
  return ((body?.body as AnyNode[] | undefined) ?? []).filter((member) => CLASS_MEMBER_TYPES.has(member.type));
}

/** The name of a class member: `flush`, `#flush`, `'flush'`. */
export function memberName(member: AnyNode): string | undefined {
  return propertyKeyName(member.key as AnyNode, member.computed as boolean);
}

/** The function of class method (or arrow-function field) `name`. */
export function classMethod(classNode: AnyNode, name: string): FunctionNode | undefined {
  for (const member of classMembers(classNode)) {
    if (memberName(member) === name) {
      const fn = memberFunction(member);
      if (fn) return fn;
    }
  }
  return undefined;
}

/** The class member node (method definition or Babel class method) that owns `fn`, if `fn` is a method. */
export function owningMember(fn: AnyNode, index: ProgramIndex): AnyNode | undefined {
  if (CLASS_MEMBER_TYPES.has(fn.type)) return fn;
  const parent = index.parentOf(fn);
  return parent && CLASS_MEMBER_TYPES.has(parent.type) ? parent : undefined;
}

/** The class whose instance `this` denotes at `node` (through arrow functions); `undefined` in plain functions. */
export function thisClass(node: AnyNode, index: ProgramIndex): AnyNode | undefined {
  for (const ancestor of index.ancestors(node)) {
    if (ancestor.type === 'ClassBody') return index.parentOf(ancestor);
    if (isFunctionNode(ancestor) && ancestor.type !== 'ArrowFunctionExpression') {
      const member = owningMember(ancestor, index);
      if (!member || member.static) return undefined;
      // The member's parent is the ClassBody: the next iteration returns the class.
    }
  }
  return undefined;
}

/** The function a same-module identifier is bound to: `function work() {}` or `const work = async () => {}`. */
export function localFunction(id: AnyNode, index: ProgramIndex): FunctionNode | undefined {
  const binding = index.resolve(id);
  if (!binding || binding.kind !== 'local') return undefined;
  const declaration = binding.declaration;
  // A parameter's binding also points at its function: only the function's own name counts.
  if (declaration.type === 'FunctionDeclaration') {
    const fn = declaration as FunctionNode;
    const isParameter = fn.params.some((param) => patternNames(param).some((name) => name.name === id.name));
    return isIdentifier(fn.id as AnyNode, id.name as string) && !isParameter ? fn : undefined;
  }
  if (declaration.type === 'VariableDeclarator' && isIdentifier(declaration.id as AnyNode, id.name as string)) {
    const init = unwrap(declaration.init as AnyNode | undefined);
    if (isFunctionNode(init)) return init;
  }
  return undefined;
}

/**
 * The same-module function an expression refers to: a function expression, a local
 * function's name, `this.method` / `this.#method` of the enclosing class, `x.bind(...)`
 * of any of those.
 */
export function referencedFunction(expression: AnyNode | undefined | null, index: ProgramIndex): FunctionNode | undefined {
  const node = unwrap(expression);
  if (!node) return undefined;
  if (isFunctionNode(node)) return node;
  if (isIdentifier(node)) return localFunction(node, index);
  if (isMemberNode(node) && unwrap(node.object).type === 'ThisExpression') {
    const name = memberPropertyName(node);
    const owner = name === undefined ? undefined : thisClass(node, index);
    return owner && name !== undefined ? classMethod(owner, name) : undefined;
  }
  if (isCallNode(node) && memberPropertyName(unwrap(node.callee)) === 'bind') {
    const callee = unwrap(node.callee);
    return isMemberNode(callee) ? referencedFunction(callee.object, index) : undefined;
  }
  return undefined;
}

/** The same-module function a call invokes: an IIFE's function, `work()`, `this.flush()`. */
export function calledFunction(call: AnyNode, index: ProgramIndex): FunctionNode | undefined {
  if (!isCallNode(call)) return undefined;
  const callee = unwrap(call.callee);
  if (isMemberNode(callee) && unwrap(callee.object).type !== 'ThisExpression') {
    // `work.call(this)` / `work.apply(...)` still run `work`.
    const name = memberPropertyName(callee);
    return name === 'call' || name === 'apply' ? referencedFunction(callee.object, index) : undefined;
  }
  return referencedFunction(callee, index);
}

/** A human name for a function: its declared name, variable, method or property name. */
export function functionName(fn: AnyNode, index: ProgramIndex): string | undefined {
  const id = fn.id as AnyNode | undefined;
  if (isIdentifier(id)) return id.name;
  const member = owningMember(fn, index);
  if (member) return memberName(member);
  const parent = index.parentOf(fn);
  if (parent?.type === 'VariableDeclarator' && isIdentifier(parent.id as AnyNode)) return (parent.id as AnyNode).name as string;
  if (parent && (parent.type === 'Property' || parent.type === 'ObjectProperty')) return propertyKeyName(parent.key as AnyNode, parent.computed as boolean);
  if (fn.type === 'ObjectMethod') return propertyKeyName(fn.key as AnyNode, fn.computed as boolean);
  return undefined;
}
