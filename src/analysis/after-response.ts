import type { TSESTree } from '@typescript-eslint/utils';
import { type FunctionNode, type Identifier, type Node, isCall, isFunctionNode, isIdentifier, isMember, memberPropertyName, unwrap } from './ast';
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
export function responseParameter(fn: FunctionNode): Identifier | undefined {
  const param = fn.params[1];
  if (!isIdentifier(param)) return undefined;
  const request = fn.params[0];
  if (RESPONSE_PARAMETER_NAMES.has(param.name) && isIdentifier(request) && REQUEST_PARAMETER_PATTERN.test(request.name)) return param;
  const parent = fn.parent;
  if (isCall(parent) && (parent.arguments as readonly Node[]).includes(fn)) {
    const callee = unwrap(parent.callee);
    if (isMember(callee) && ROUTE_METHODS.has(memberPropertyName(callee) ?? '')) return param;
  }
  return undefined;
}

/**
 * Statements of `fn` that run after the response was sent: those following
 * `res.send|json|end|sendStatus|redirect|render(...)` (also `res.status(200).json(...)`,
 * `await reply.send(...)`) in the same block, where `res` is `fn`'s response parameter.
 */
export function statementsAfterResponse(fn: FunctionNode, response: Identifier, index: ProgramIndex): Node[] {
  const after: Node[] = [];
  index.walk(fn.body, (node) => {
    if (node !== fn.body && isFunctionNode(node)) return false;
    const list = statementList(node);
    if (list) {
      const sent = list.findIndex((statement) => sendsResponse(statement, response, fn, index));
      if (sent >= 0) after.push(...list.slice(sent + 1));
    }
    return true;
  });
  return after;
}

function statementList(node: Node): readonly TSESTree.Statement[] | undefined {
  if (node.type === 'BlockStatement') return node.body;
  if (node.type === 'SwitchCase') return node.consequent;
  return undefined;
}

function sendsResponse(statement: Node, response: Identifier, fn: FunctionNode, index: ProgramIndex): boolean {
  if (statement.type !== 'ExpressionStatement') return false;
  let expression = unwrap(statement.expression);
  if (expression.type === 'AwaitExpression') expression = unwrap(expression.argument);
  if (!isCall(expression)) return false;
  const callee = unwrap(expression.callee);
  if (!RESPONSE_SEND_METHODS.has(memberPropertyName(callee) ?? '')) return false;
  const root = chainRoot(callee);
  if (!root || root.name !== response.name) return false;
  const binding = index.resolve(root);
  return binding?.kind === 'local' && binding.declaration === fn;
}

/** The identifier a chain of member accesses and calls starts from: `res` in `res.status(500).json`. */
function chainRoot(node: Node): Identifier | undefined {
  let current: Node | undefined = unwrap(node);
  while (current && (isMember(current) || isCall(current))) {
    current = unwrap(isMember(current) ? current.object : current.callee);
  }
  return isIdentifier(current) ? current : undefined;
}
