import { type FunctionNode, type Node, dottedName, isCall, isFunctionNode, isIdentifier, isMember, isNew, memberPropertyName, parameterIdentifier, unwrap } from './ast';
import { isCombinator } from './combinators';
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
export function isTaskGroupClass(expression: Node | null | undefined, index: ProgramIndex): boolean {
  const node = unwrap(expression);
  if (!node) return false;
  const ref = index.moduleRef(node);
  if (ref) return ref.path.at(-1) === 'TaskGroup';
  if (!isIdentifier(node, 'TaskGroup')) return false;
  const binding = index.resolve(node);
  return binding?.kind === 'local' && binding.declaration.type === 'ClassDeclaration';
}

/** `TaskGroup.<name>(...)` → `name` when `name` is one of the static combinators/run/map. */
export function taskGroupStatic(call: Node | null | undefined, index: ProgramIndex): string | undefined {
  if (!isCall(call)) return undefined;
  const callee = unwrap(call.callee);
  const name = memberPropertyName(callee);
  if (name === undefined || !Object.hasOwn(TASK_GROUP_STATICS, name) || !isMember(callee)) return undefined;
  return isTaskGroupClass(callee.object, index) ? name : undefined;
}

/**
 * A call of the runtime that takes `TaskGroupOptions` (a parent `signal`, a `timeout`): `new
 * TaskGroup(options)`, `TaskGroup.all(tasks, options)`...: what to call it and where the options go.
 */
export function taskGroupOptionsCall(call: Node, index: ProgramIndex): { label: string; optionsIndex: number } | undefined {
  if (isNew(call)) return isTaskGroupClass(call.callee, index) ? { label: 'new TaskGroup', optionsIndex: 0 } : undefined;
  const method = taskGroupStatic(call, index);
  return method === undefined ? undefined : { label: `TaskGroup.${method}`, optionsIndex: TASK_GROUP_STATICS[method]! };
}

/**
 * Is `expression` a task group: the runtime's `background`, a variable holding `new TaskGroup(...)`,
 * the group a `TaskGroup.run` body receives, or (without types) anything named `…group`?
 */
export function isTaskGroupValue(expression: Node | null | undefined, index: ProgramIndex): boolean {
  const node = unwrap(expression);
  if (!node) return false;
  if (isNew(node)) return isTaskGroupClass(node.callee, index);
  const ref = index.moduleRef(node);
  if (ref?.path.at(-1) === 'background') return true;
  const name = dottedName(node);
  if (name !== undefined && GROUP_NAME.test(name)) return true;
  if (!isIdentifier(node)) return false;
  const binding = index.resolve(node);
  if (binding?.kind !== 'local') return false;
  if (binding.declaration.type === 'VariableDeclarator') {
    const init = unwrap(binding.init);
    return isNew(init) && isTaskGroupClass(init.callee, index);
  }
  const fn = binding.declaration;
  return isFunctionNode(fn) && parameterIdentifier(fn.params[0])?.name === node.name && isRunBody(fn, index);
}

/** `group.spawn(task)` / `background.spawn(task)` on a task group. */
export function isTaskGroupSpawn(call: Node, index: ProgramIndex): boolean {
  if (!isCall(call)) return false;
  const callee = unwrap(call.callee);
  return isMember(callee) && memberPropertyName(callee) === 'spawn' && isTaskGroupValue(callee.object, index);
}

/** The function is the body given to `TaskGroup.run(body)`. */
export function isRunBody(fn: FunctionNode, index: ProgramIndex): boolean {
  const parent = fn.parent;
  return isCall(parent) && parent.arguments[0] === fn && taskGroupStatic(parent, index) === 'run';
}

/**
 * Where a function receives a task's `AbortSignal`, if it is a task: the parameter index of
 * the signal (`0` for `spawn` tasks and combinator array elements, `1` for the `TaskGroup.map`
 * callback), or `'group'` for a `TaskGroup.run` body (its parameter is the group).
 */
export function taskSignalParameter(fn: FunctionNode, index: ProgramIndex): number | 'group' | undefined {
  const parent = fn.parent;
  // `items.map((x) => (signal) => ...)` handed to a combinator: the inner function is the task.
  if (isFunctionNode(parent) && parent.body === fn) {
    const mapCall = parent.parent;
    if (isCall(mapCall) && memberPropertyName(unwrap(mapCall.callee)) === 'map' && mapCall.arguments[0] === parent) {
      const host = mapCall.parent;
      if (isCall(host) && host.arguments[0] === mapCall && isTaskCombinator(taskGroupStatic(host, index))) return 0;
    }
    return undefined;
  }
  if (parent?.type === 'ArrayExpression') {
    const host = parent.parent;
    return isCall(host) && host.arguments[0] === parent && isTaskCombinator(taskGroupStatic(host, index)) ? 0 : undefined;
  }
  if (!isCall(parent)) return undefined;
  if (isTaskGroupSpawn(parent, index) && parent.arguments[0] === fn) return 0;
  const method = taskGroupStatic(parent, index);
  if (method === 'run' && parent.arguments[0] === fn) return 'group';
  if (method === 'map' && parent.arguments[1] === fn) return 1;
  return undefined;
}

function isTaskCombinator(name: string | undefined): boolean {
  return isCombinator(name) || name === 'asCompleted';
}
