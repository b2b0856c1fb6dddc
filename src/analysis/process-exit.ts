import type { TSESTree } from '@typescript-eslint/utils';
import { type FunctionNode, type Node, isCall, isIdentifier, isMember, memberPropertyName, stringValue, unwrap } from './ast';

/** Events of `process` whose listeners run while the process ends. */
const PROCESS_EXIT_EVENTS = new Set(['SIGTERM', 'SIGINT', 'SIGQUIT', 'SIGHUP', 'SIGUSR2', 'exit', 'beforeExit', 'uncaughtException', 'unhandledRejection']);
const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener']);

/**
 * `process.on('SIGTERM' | 'exit' | 'uncaughtException' | …, fn)` (also `once`, `addListener`;
 * an event from a variable counts: `['SIGTERM', 'SIGINT'].forEach((signal) => process.on(signal, …))`):
 * a listener of the process's end. Work it starts has nothing left to outlive.
 */
export function isProcessExitRegistration(node: Node): node is TSESTree.CallExpression {
  if (!isCall(node)) return false;
  const callee = unwrap(node.callee);
  if (!isMember(callee) || !isIdentifier(unwrap(callee.object), 'process') || !LISTENER_METHODS.has(memberPropertyName(callee) ?? '')) return false;
  const event = unwrap(node.arguments[0]);
  const name = stringValue(event);
  return name === undefined ? isIdentifier(event) : PROCESS_EXIT_EVENTS.has(name);
}

/**
 * A function whose last step ends the process: the last statement of its body, or of a `try`
 * block that is its last statement, is `process.exit(…)` (a relaunch, an installer's hand-over,
 * a shutdown). Work it does is the process's last; nothing is left for it to outlive.
 */
export function endsProcess(fn: FunctionNode): boolean {
  if (fn.body.type !== 'BlockStatement') return false;
  let last: TSESTree.Statement | undefined = fn.body.body.at(-1);
  if (last?.type === 'TryStatement') last = last.block.body.at(-1);
  if (last?.type !== 'ExpressionStatement') return false;
  const call = unwrap(last.expression);
  if (!isCall(call)) return false;
  const callee = unwrap(call.callee);
  return isMember(callee) && isIdentifier(unwrap(callee.object), 'process') && memberPropertyName(callee) === 'exit';
}
