import { type AnyNode, type FunctionNode, isCallNode, isFunctionNode, isIdentifier, memberPropertyName, nodeRange, propertyKeyName, stringValue, unwrap } from './ast';
import type { ProgramIndex } from './program';
import { taskSignalParameter, unwrapParam } from './task-group';

/**
 * The `AbortSignal` in scope at a node: the expression to pass (`signal`, `options.signal`
 * is not guessed; `group.signal` for a `TaskGroup.run` body) and the identifier that binds it.
 */
export interface ScopedSignal {
  expression: string;
  binding: AnyNode;
}

/** With types, a parameter identifier whose type is `AbortSignal` (not annotated as such). */
export type IsAbortSignal = (identifier: AnyNode) => boolean;

/**
 * The innermost signal visible at `node` (`cache` keeps what each function brings, for a
 * caller that asks about many nodes of one file): a parameter named `signal` or annotated
 * `AbortSignal`, a destructured `{ signal }` (parameter or `const`), a `const signal = ...`,
 * a TaskGroup task's signal parameter, or the group of a `TaskGroup.run` body.
 */
export function signalInScope(
  node: AnyNode,
  index: ProgramIndex,
  isAbortSignal?: IsAbortSignal,
  cache: Map<AnyNode, ScopedSignal | null> = new Map(),
): ScopedSignal | undefined {
  const [start] = nodeRange(node);
  for (const ancestor of index.ancestors(node)) {
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

/** Signals a function's parameters bring (`index.scopeOf` caches the scope; this is per call). */
function signalOfFunction(fn: FunctionNode, index: ProgramIndex, isAbortSignal?: IsAbortSignal): ScopedSignal | undefined {
  const task = taskSignalParameter(fn, index);
  if (task !== undefined) {
    const param = unwrapParam(fn.params[task === 'group' ? 0 : task]);
    if (isIdentifier(param)) return { expression: task === 'group' ? `${param.name}.signal` : param.name, binding: param };
  }
  const byName = !isProcessSignalListener(fn, index);
  for (const raw of fn.params) {
    const param = unwrapParam(raw);
    if (isIdentifier(param) && ((byName && param.name === 'signal') || isAnnotatedAbortSignal(param) || isAbortSignal?.(param))) {
      return { expression: param.name, binding: param };
    }
    const destructured = destructuredSignal(param);
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
function isProcessSignalListener(fn: FunctionNode, index: ProgramIndex): boolean {
  const call = index.parentOf(fn);
  if (!isCallNode(call) || !call.arguments.includes(fn)) return false;
  const method = memberPropertyName(unwrap(call.callee));
  const event = stringValue(unwrap(call.arguments[0]));
  return method !== undefined && LISTENER_METHODS.has(method) && event !== undefined && PROCESS_SIGNAL_EVENTS.test(event);
}

/** `const signal = ...`, `const { signal } = options` in a block, declared before `position`. */
function signalDeclaredIn(scopeNode: AnyNode, index: ProgramIndex, position: number): ScopedSignal | undefined {
  if (scopeNode.type !== 'BlockStatement' && scopeNode.type !== 'Program' && scopeNode.type !== 'StaticBlock') return undefined;
  const binding = index.scopeOf(scopeNode).get('signal');
  if (binding?.kind !== 'local' || binding.declaration.type !== 'VariableDeclarator') return undefined;
  if (nodeRange(binding.declaration)[1] > position) return undefined;
  const id = binding.declaration.id as AnyNode;
  // `const signal = 'SIGTERM'` names a process signal, not an AbortSignal.
  if (isIdentifier(id, 'signal')) return stringValue(unwrap(binding.init)) === undefined ? { expression: 'signal', binding: id } : undefined;
  return destructuredSignal(id);
}

function destructuredSignal(pattern: AnyNode | undefined): ScopedSignal | undefined {
  if (pattern?.type !== 'ObjectPattern') return undefined;
  for (const property of pattern.properties as AnyNode[]) {
    if (property.type === 'RestElement') continue;
    if (propertyKeyName(property.key as AnyNode, property.computed as boolean) !== 'signal') continue;
    const value = unwrapParam(property.value as AnyNode);
    if (isIdentifier(value)) return { expression: value.name, binding: value };
  }
  return undefined;
}

/** `signal: AbortSignal` (also `AbortSignal | undefined`) written on the parameter. */
function isAnnotatedAbortSignal(param: AnyNode): boolean {
  const annotation = (param.typeAnnotation as AnyNode | undefined)?.typeAnnotation as AnyNode | undefined;
  return mentionsAbortSignal(annotation);
}

function mentionsAbortSignal(type: AnyNode | undefined): boolean {
  if (!type) return false;
  if (type.type === 'TSTypeReference') return isIdentifier(unwrap(type.typeName as AnyNode), 'AbortSignal');
  if (type.type === 'TSUnionType') return (type.types as AnyNode[]).some(mentionsAbortSignal);
  return false;
}
