import { type FunctionNode, type Node, isCall, isFunctionNode, isIdentifier, isMember, memberPropertyName, unwrap } from './ast';
import type { BackgroundContext } from './contexts';
import { calledFunction, functionName } from './functions';
import type { ProgramIndex } from './program';

const HANDLER_METHODS = new Set(['then', 'catch', 'finally']);

/**
 * The call whose result floats in an expression statement: `work();`, `void work();`,
 * `work().catch(log);`, `(async () => {...})().then(done, fail);`.
 */
export function floatingCall(statement: Node): Node | undefined {
  if (statement.type !== 'ExpressionStatement') return undefined;
  let expression = unwrap(statement.expression);
  if (expression.type === 'UnaryExpression' && expression.operator === 'void') expression = unwrap(expression.argument);
  while (isCall(expression)) {
    const callee = unwrap(expression.callee);
    if (!isMember(callee) || !HANDLER_METHODS.has(memberPropertyName(callee) ?? '')) break;
    expression = unwrap(callee.object);
  }
  return isCall(expression) ? expression : undefined;
}

/**
 * A same-module function started and not awaited by `statement`: an async IIFE, or a
 * function of the module that returns a promise (async, or returning one it made) called
 * in floating position. A synchronous `init();` that returns nothing is not
 * fire-and-forget: it has finished when the statement ends. Neither is a statement of the
 * module's top level (`main();`, `void bootstrap();`, a top-level async IIFE): that is a
 * script's entry point or the process's start-up, whose work the process owns.
 */
export function fireAndForget(statement: Node, index: ProgramIndex): { fn: FunctionNode; context: BackgroundContext } | undefined {
  if (isTopLevel(statement, index)) return undefined;
  const call = floatingCall(statement);
  if (!isCall(call)) return undefined;
  const fn = calledFunction(call, index);
  if (!fn) return undefined;
  if (isFunctionNode(unwrap(call.callee))) {
    return fn.async ? { fn, context: { kind: 'fire-and-forget', label: 'a fire-and-forget async IIFE' } } : undefined;
  }
  if (!mayReturnPromise(fn, index)) return undefined;
  const name = functionName(fn);
  return {
    fn,
    context: { kind: 'fire-and-forget', label: name ? `the fire-and-forget function \`${name}\`` : 'a fire-and-forget function' },
  };
}

/**
 * Async, or a synchronous function that returns a promise it made: `return fetch(...).then(...)`,
 * `return new Promise(...)`, `return Promise.all(...)` (in a `return` or an arrow's body).
 * A function returning anything else has finished when its call statement ends.
 */
function mayReturnPromise(fn: FunctionNode, index: ProgramIndex): boolean {
  if (fn.generator) return false;
  if (fn.async) return true;
  if (fn.body.type !== 'BlockStatement') return looksLikePromise(fn.body);
  let found = false;
  index.walk(fn.body, (node) => {
    if (found || isFunctionNode(node)) return false;
    if (node.type === 'ReturnStatement' && looksLikePromise(node.argument)) found = true;
    return true;
  });
  return found;
}

function looksLikePromise(expression: Node | null | undefined): boolean {
  const node = unwrap(expression);
  if (!node) return false;
  if (node.type === 'NewExpression') return isIdentifier(unwrap(node.callee), 'Promise');
  if (!isCall(node)) return false;
  const callee = unwrap(node.callee);
  if (!isMember(callee)) return false;
  return HANDLER_METHODS.has(memberPropertyName(callee) ?? '') || isIdentifier(unwrap(callee.object), 'Promise');
}

/** Not inside any function (a statement of the module, or of a block or loop at its top level). */
export function isTopLevel(node: Node, index: ProgramIndex): boolean {
  for (const ancestor of index.ancestors(node)) if (isFunctionNode(ancestor)) return false;
  return true;
}
