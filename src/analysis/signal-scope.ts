import type { TSESTree } from '@typescript-eslint/utils';
import { type FunctionNode, type Identifier, type Node, isCall, isFunctionNode, isIdentifier, memberPropertyName, parameterIdentifier, propertyKeyName, stringValue, unwrap } from './ast';
import type { ProgramIndex } from './program';
import { taskSignalParameter } from './task-group';

/**
 * The `AbortSignal` in scope at a node: the expression to pass (`signal`; `group.signal` for a
 * `TaskGroup.run` body) and the identifier that binds it.
 */
export interface ScopedSignal {
  expression: string;
  binding: Identifier;
}

/** With types, a parameter identifier whose type is `AbortSignal` (not annotated as such). */
export type IsAbortSignal = (identifier: Node) => boolean;

/**
 * The innermost signal visible at `node` (`cache` keeps what each function brings, for a
 * caller that asks about many nodes of one file): a parameter named `signal` or annotated
 * `AbortSignal`, a destructured `{ signal }` (parameter or `const`), a `const signal = ...`,
 * a TaskGroup task's signal parameter, or the group of a `TaskGroup.run` body.
 */
export function signalInScope(
  node: Node,
  index: ProgramIndex,
  isAbortSignal?: IsAbortSignal,
  cache: Map<Node, ScopedSignal | null> = new Map(),
): ScopedSignal | undefined {
  const start = node.range[0];
  for (let ancestor = node.parent; ancestor; ancestor = ancestor.parent) {
    let found: ScopedSignal | null | undefined;
    if (isFunctionNode(ancestor)) {
      found = cache.get(ancestor);
      if (found === undefined) {
        found = signalOfFunction(ancestor, index, isAbortSignal) ?? null;
        cache.set(ancestor, found);
      }
    } else {
      found = signalDeclaredIn(ancestor, index, start);
    }
    if (found) return found;
  }
  return undefined;
}

/** Signals a function's parameters bring. */
export function signalOfFunction(fn: FunctionNode, index: ProgramIndex, isAbortSignal?: IsAbortSignal): ScopedSignal | undefined {
  const task = taskSignalParameter(fn, index);
  if (task !== undefined) {
    const param = parameterIdentifier(fn.params[task === 'group' ? 0 : task]);
    if (param) return { expression: task === 'group' ? `${param.name}.signal` : param.name, binding: param };
  }
  const byName = !isProcessSignalListener(fn);
  for (const raw of fn.params) {
    const param = parameterIdentifier(raw);
    if (param && ((byName && param.name === 'signal') || isAnnotatedAbortSignal(param) || isAbortSignal?.(param))) {
      return { expression: param.name, binding: param };
    }
    const destructured = destructuredSignal(raw.type === 'AssignmentPattern' ? raw.left : raw);
    if (destructured) return destructured;
  }
  return undefined;
}

const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
const PROCESS_SIGNAL_EVENTS = /^(?:exit|close|SIG[A-Z0-9]+)$/;

/**
 * `child.on('exit', (code, signal) => ...)`, `process.on('SIGTERM', (signal) => ...)`: there a
 * parameter named `signal` is a process signal name (`'SIGTERM'`), not an `AbortSignal`.
 */
function isProcessSignalListener(fn: FunctionNode): boolean {
  const call = fn.parent;
  if (!isCall(call) || !(call.arguments as readonly Node[]).includes(fn)) return false;
  const method = memberPropertyName(unwrap(call.callee));
  const event = stringValue(unwrap(call.arguments[0]));
  return method !== undefined && LISTENER_METHODS.has(method) && event !== undefined && PROCESS_SIGNAL_EVENTS.test(event);
}

/** `const signal = ...`, `const { signal } = options` in a block, declared before `position`. */
function signalDeclaredIn(scopeNode: Node, index: ProgramIndex, position: number): ScopedSignal | undefined {
  if (scopeNode.type !== 'BlockStatement' && scopeNode.type !== 'Program' && scopeNode.type !== 'StaticBlock') return undefined;
  // A function's body block shares the function's scope.
  const owner = isFunctionNode(scopeNode.parent) && scopeNode.parent.body === scopeNode ? scopeNode.parent : scopeNode;
  const scope = index.scopeManager.acquire(owner, true);
  const def = scope?.set.get('signal')?.defs[0];
  if (def?.type !== 'Variable' || def.node.type !== 'VariableDeclarator') return undefined;
  const declarator = def.node;
  if (declarator.range[1] > position) return undefined;
  // `const signal = 'SIGTERM'` names a process signal, not an AbortSignal.
  if (isIdentifier(declarator.id, 'signal')) return stringValue(unwrap(declarator.init)) === undefined ? { expression: 'signal', binding: declarator.id } : undefined;
  return destructuredSignal(declarator.id);
}

function destructuredSignal(pattern: Node | undefined): ScopedSignal | undefined {
  if (pattern?.type !== 'ObjectPattern') return undefined;
  for (const property of pattern.properties) {
    if (property.type === 'RestElement' || propertyKeyName(property.key, property.computed) !== 'signal') continue;
    const value = parameterIdentifier(property.value);
    if (value) return { expression: value.name, binding: value };
  }
  return undefined;
}

/** `signal: AbortSignal` (also `AbortSignal | undefined`) written on the parameter. */
export function isAnnotatedAbortSignal(param: Identifier): boolean {
  return mentionsAbortSignal(param.typeAnnotation?.typeAnnotation);
}

function mentionsAbortSignal(type: TSESTree.TypeNode | undefined): boolean {
  if (!type) return false;
  if (type.type === 'TSTypeReference') return isIdentifier(type.typeName, 'AbortSignal');
  if (type.type === 'TSUnionType') return type.types.some(mentionsAbortSignal);
  return false;
}
