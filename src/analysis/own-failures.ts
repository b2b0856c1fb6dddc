import type { TSESTree } from '@typescript-eslint/utils';
import { type FunctionNode, type Node, isFunctionNode } from './ast';
import { isSuspension } from './functions';
import type { ProgramIndex } from './program';

/**
 * An `async` function that takes its own failures in hand: every `await` (`for await`) and
 * every `throw` in its own body sits in the block of a `try` whose `catch` does something and
 * throws nothing on, and it returns no call's promise unawaited (`return send(x)` passes a
 * rejection on, even inside a `try`). Its promise does not reject for what it
 * awaits, so a caller that lets it float loses no error (`async function onConnect(socket) {
 * try { await validate(socket) } catch (e) { socket.emit('invalid') ; return } … }`).
 */
export function catchesOwnFailures(fn: FunctionNode, index: ProgramIndex): boolean {
  if (!fn.async || fn.body.type !== 'BlockStatement') return false;
  let handled = true;
  let guarded = false;
  index.walk(fn.body, (node) => {
    if (!handled || (node !== fn.body && isFunctionNode(node))) return false;
    if (returnsPromise(node) || ((isSuspension(node) || node.type === 'ThrowStatement') && !insideHandlingTry(node, fn, index))) handled = false;
    if (isSuspension(node)) guarded = true;
    return true;
  });
  // With nothing awaited the function is synchronous, which `OwnedBy` 'synchronous' decides.
  return handled && guarded;
}

/** `return send(x)`: the function's promise follows the call's, whatever encloses the `return`. */
function returnsPromise(node: Node): boolean {
  return node.type === 'ReturnStatement' && (node.argument?.type === 'CallExpression' || node.argument?.type === 'NewExpression');
}

/** In the block of a `try`, inside `fn`, whose `catch` is not empty and throws nothing. */
function insideHandlingTry(node: Node, fn: FunctionNode, index: ProgramIndex): boolean {
  let child = node;
  for (const ancestor of index.ancestors(node)) {
    if (ancestor === fn) return false;
    if (ancestor.type === 'TryStatement' && ancestor.block === child && handles(ancestor.handler, index)) return true;
    child = ancestor;
  }
  return false;
}

function handles(handler: TSESTree.CatchClause | null, index: ProgramIndex): boolean {
  if (!handler || handler.body.body.length === 0) return false;
  let rethrows = false;
  index.walk(handler.body, (node) => {
    if (rethrows || isFunctionNode(node)) return false;
    if (node.type === 'ThrowStatement') rethrows = true;
    return true;
  });
  return !rethrows;
}
