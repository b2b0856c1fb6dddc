import {
  type AnyNode,
  type FunctionNode,
  dottedName,
  isArrayExpression,
  isCallNode,
  isFunctionNode,
  isIdentifier,
  isMemberNode,
  isNewNode,
  memberPropertyName,
  unwrap,
} from './ast';
import type { ProgramIndex } from './program';

/**
 * Recognising the TaskGroup runtime's own API in user code: `TaskGroup` and `background`
 * imported (or required) from `eslint-plugin-taskgroup/task-group`, a vendored copy, or a
 * module of the user's that re-exports them, and the groups made from them.
 */

/** Static `TaskGroup` methods and where each takes its options (`TaskGroupOptions`). */
export const TASK_GROUP_STATICS: Readonly<Record<string, number>> = {
  run: 1,
  all: 1,
  allSettled: 1,
  race: 1,
  any: 1,
  map: 2,
  asCompleted: 1,
};

const GROUP_NAME = /group$/i;

/** Does `expression` denote the `TaskGroup` class (imported under any name, or a class `TaskGroup` declared in the file)? */
export function isTaskGroupClass(expression: AnyNode | undefined, index: ProgramIndex): boolean {
  const node = unwrap(expression);
  if (!node) return false;
  const ref = index.moduleRef(node);
  if (ref) return ref.path.at(-1) === 'TaskGroup';
  if (!isIdentifier(node, 'TaskGroup')) return false;
  const binding = index.resolve(node);
  return binding?.kind === 'local' && binding.declaration.type === 'ClassDeclaration';
}

/** `TaskGroup.<name>(...)` → `name` when `name` is one of the static combinators/run/map. */
export function taskGroupStatic(call: AnyNode, index: ProgramIndex): string | undefined {
  if (!isCallNode(call)) return undefined;
  const callee = unwrap(call.callee);
  const name = memberPropertyName(callee);
  if (name === undefined || !(name in TASK_GROUP_STATICS) || !isMemberNode(callee)) return undefined;
  return isTaskGroupClass(callee.object, index) ? name : undefined;
}

/**
 * Is `expression` a task group: the runtime's `background`, a variable holding `new TaskGroup(...)`,
 * the group a `TaskGroup.run` body receives, or (without types) anything named `…group`?
 */
export function isTaskGroupValue(expression: AnyNode | undefined, index: ProgramIndex): boolean {
  const node = unwrap(expression);
  if (!node) return false;
  if (isNewNode(node)) return isTaskGroupClass(node.callee, index);
  const ref = index.moduleRef(node);
  if (ref?.path.at(-1) === 'background') return true;
  const name = dottedName(node);
  if (name !== undefined && GROUP_NAME.test(name)) return true;
  if (!isIdentifier(node)) return false;
  const binding = index.resolve(node);
  if (binding?.kind !== 'local') return false;
  if (binding.declaration.type === 'VariableDeclarator') return isNewNode(unwrap(binding.init)) && isTaskGroupClass((unwrap(binding.init) as AnyNode).callee as AnyNode, index);
  const fn = binding.declaration;
  return isFunctionNode(fn) && isIdentifier(unwrapParam(fn.params[0]), node.name) && isRunBody(fn, index);
}

/** A parameter's identifier: `group`, `group: TaskGroup`, `group = x` → the identifier node. */
export function unwrapParam(param: AnyNode | undefined): AnyNode | undefined {
  if (param?.type === 'AssignmentPattern') return param.left as AnyNode;
  if (param?.type === 'TSParameterProperty') return unwrapParam(param.parameter as AnyNode);
  return param;
}

/** `group.spawn(task)` / `background.spawn(task)` on a task group. */
export function isTaskGroupSpawn(call: AnyNode, index: ProgramIndex): boolean {
  if (!isCallNode(call)) return false;
  const callee = unwrap(call.callee);
  return memberPropertyName(callee) === 'spawn' && isMemberNode(callee) && isTaskGroupValue(callee.object, index);
}

/** The function is the body given to `TaskGroup.run(body)`. */
export function isRunBody(fn: FunctionNode, index: ProgramIndex): boolean {
  const parent = index.parentOf(fn);
  return !!parent && isCallNode(parent) && parent.arguments[0] === fn && taskGroupStatic(parent, index) === 'run';
}

/**
 * Where a function receives a task's `AbortSignal`, if it is a task: the parameter index of
 * the signal (`0` for `spawn` tasks and combinator array elements, `1` for the `TaskGroup.map`
 * callback), or `'group'` for a `TaskGroup.run` body (its parameter is the group).
 */
export function taskSignalParameter(fn: FunctionNode, index: ProgramIndex): number | 'group' | undefined {
  let child: AnyNode = fn;
  let parent = index.parentOf(fn);
  // `items.map((x) => (signal) => ...)` handed to a combinator: the inner function is the task.
  const outer = parent && isFunctionNode(parent) && parent.body === fn ? parent : undefined;
  if (outer) {
    const mapCall = index.parentOf(outer);
    if (isCallNode(mapCall) && memberPropertyName(unwrap(mapCall.callee)) === 'map' && mapCall.arguments[0] === outer) {
      const host = index.parentOf(mapCall);
      if (isCallNode(host) && host.arguments[0] === mapCall && isCombinator(taskGroupStatic(host, index))) return 0;
    }
    return undefined;
  }
  if (parent && isArrayExpression(parent)) {
    child = parent;
    parent = index.parentOf(parent);
    return isCallNode(parent) && parent.arguments[0] === child && isCombinator(taskGroupStatic(parent, index)) ? 0 : undefined;
  }
  if (!isCallNode(parent)) return undefined;
  if (isTaskGroupSpawn(parent, index) && parent.arguments[0] === fn) return 0;
  const method = taskGroupStatic(parent, index);
  if (method === 'run' && parent.arguments[0] === fn) return 'group';
  if (method === 'map' && parent.arguments[1] === fn) return 1;
  return undefined;
}

function isCombinator(name: string | undefined): boolean {
  return name === 'all' || name === 'allSettled' || name === 'race' || name === 'any' || name === 'asCompleted';
}
