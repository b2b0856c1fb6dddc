import { type AnyNode, type FunctionNode, childNodes, isCallNode, isFunctionNode, isIdentifier, isMemberNode, memberPropertyName, unwrap } from './ast';
import { REQUEST_PARAMETER_PATTERN, RESPONSE_PARAMETER_NAMES, RESPONSE_SEND_METHODS, ROUTE_METHODS } from './background-apis';
import type { ProgramIndex } from './program';

/**
 * The response parameter of a request handler: the second parameter of
 * - a function passed to a route registration (`app.get(path, (req, res) => ...)`,
 *   `router.post`, `fastify.get`, `app.use`...), whatever its name, or
 * - any function whose parameters are named like `(req, res)`: first `req`/`request`, second
 *   `res`/`response`/`reply` (handlers declared apart from their registration, Next.js API
 *   routes) — not a Node-style `(err, res)` callback.
 */
export function responseParameter(fn: FunctionNode, index: ProgramIndex): (AnyNode & { name: string }) | undefined {
  const param = fn.params[1] ? unwrap(fn.params[1]) : undefined;
  if (!isIdentifier(param)) return undefined;
  const request = fn.params[0] ? unwrap(fn.params[0]) : undefined;
  if (RESPONSE_PARAMETER_NAMES.has(param.name) && isIdentifier(request) && REQUEST_PARAMETER_PATTERN.test(request.name)) return param;
  const parent = index.parentOf(fn);
  if (isCallNode(parent) && parent.arguments.includes(fn)) {
    const callee = unwrap(parent.callee);
    if (isMemberNode(callee) && ROUTE_METHODS.has(memberPropertyName(callee) ?? '')) return param;
  }
  return undefined;
}

/**
 * Statements of `fn` that run after the response was sent: those following
 * `res.send|json|end|sendStatus|redirect|render(...)` (also `res.status(200).json(...)`,
 * `await reply.send(...)`) in the same block, where `res` is `fn`'s response parameter.
 */
export function statementsAfterResponse(fn: FunctionNode, response: AnyNode & { name: string }, index: ProgramIndex): AnyNode[] {
  const after: AnyNode[] = [];
  const stack: AnyNode[] = [fn.body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const list = statementList(node);
    if (list) {
      const sent = list.findIndex((statement) => sendsResponse(statement, response, fn, index));
      if (sent >= 0) after.push(...list.slice(sent + 1));
    }
    for (const child of childNodes(node)) if (!isFunctionNode(child)) stack.push(child);
  }
  return after;
}

function statementList(node: AnyNode): AnyNode[] | undefined {
  if (node.type === 'BlockStatement') return node.body as AnyNode[];
  if (node.type === 'SwitchCase') return node.consequent as AnyNode[];
  return undefined;
}

function sendsResponse(statement: AnyNode, response: AnyNode & { name: string }, fn: FunctionNode, index: ProgramIndex): boolean {
  if (statement.type !== 'ExpressionStatement') return false;
  let expression = unwrap(statement.expression as AnyNode);
  if (expression.type === 'AwaitExpression') expression = unwrap(expression.argument as AnyNode);
  if (!isCallNode(expression)) return false;
  const callee = unwrap(expression.callee);
  if (!RESPONSE_SEND_METHODS.has(memberPropertyName(callee) ?? '')) return false;
  const root = chainRoot(callee);
  if (!root || root.name !== response.name) return false;
  const binding = index.resolve(root);
  return binding?.kind === 'local' && binding.declaration === fn;
}

/** The identifier a chain of member accesses and calls starts from: `res` in `res.status(500).json`. */
function chainRoot(node: AnyNode): (AnyNode & { name: string }) | undefined {
  let current: AnyNode | undefined = unwrap(node);
  while (current && (isMemberNode(current) || isCallNode(current))) {
    current = unwrap(isMemberNode(current) ? current.object : current.callee);
  }
  return isIdentifier(current) ? current : undefined;
}
