import type { TSESTree } from '@typescript-eslint/utils';
import {
  type FunctionNode,
  type Node,
  decoratorExpression,
  decoratorsOf,
  isCall,
  isDirective,
  isFunctionNode,
  isIdentifier,
  isMember,
  memberPropertyName,
  stringValue,
  unwrap,
} from './ast';
import { responseParameter } from './after-response';
import { REQUEST_EVENTS, ROUTE_METHODS } from './background-apis';
import { classMembers, memberFunction, referencedFunction } from './functions';
import { modelHook } from './model-hooks';
import type { ProgramIndex } from './program';

/** Exported names of a Next.js route handler module (`app/**\/route.ts`). */
const NEXT_ROUTE_EXPORTS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
/** `@nestjs/common` decorators of a controller's request handlers. */
const NEST_ROUTE_DECORATORS = ['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Head', 'Options', 'Sse'];
const NEST_SOURCES = ['@nestjs/common'];

/**
 * The request handlers of a module: functions that answer a request, whose work the request
 * owns until the response is sent (anything they leave floating outlives it).
 * - functions with a `(req, res)`-like signature or passed to a route registration
 *   (`app.get(path, fn)`, `router.post('documents.create', auth(), fn)`, `app.use(fn)`) —
 *   Express, Fastify, Koa (`(ctx, next)`), Hono (`app.get('/', (c) => …)`);
 * - listeners of a request or a client's connection (`server.on('request', fn)`,
 *   `io.on('connection', onConnection)`: socket.io, `ws`, `net`);
 * - NestJS controller methods (`@Get()`, `@Post()`... of `@nestjs/common`);
 * - Next.js route handlers (`export async function GET`, `export const POST = withAuth(async (…) => …)`);
 * - server actions: the exported functions of a `'use server'` module, and functions whose
 *   body starts with `'use server'`;
 * - model hooks (`@AfterUpdate`, `Model.addHook('afterCreate', fn)`, `schema.post('save', fn)`,
 *   see `modelHook`): the ORM runs them inside the request's (or job's) save.
 *
 * Each with its kind: `serverless` for Next.js route handlers and server actions (the platform
 * may freeze or end the function once the response is sent, so even a short floating write
 * can be lost), `server` for the others (a long-running process).
 */
export type RequestHandlerKind = 'server' | 'serverless';

export function requestHandlers(index: ProgramIndex): Map<FunctionNode, RequestHandlerKind> {
  const found = new Map<FunctionNode, RequestHandlerKind>();
  const add = (fn: FunctionNode, kind: RequestHandlerKind) => {
    if (found.get(fn) !== 'serverless') found.set(fn, kind);
  };
  const serverActions = index.program.body.some((statement) => isDirective(statement) && statement.directive === 'use server');
  for (const node of index.nodes) {
    for (const hook of modelHook(node, index)) add(hook, 'server');
    if (isFunctionNode(node)) {
      if (hasUseServerDirective(node)) add(node, 'serverless');
      else if (responseParameter(node) || isKoaMiddleware(node)) add(node, 'server');
    } else if (isCall(node)) {
      if (isRouteRegistration(node)) for (const argument of node.arguments) if (isFunctionNode(argument)) add(argument, 'server');
      const listener = requestListener(node, index);
      if (listener) add(listener, 'server');
    } else if (node.type === 'ClassDeclaration' || node.type === 'ClassExpression') {
      for (const member of classMembers(node)) {
        const fn = memberFunction(member);
        if (fn && decoratorsOf(member).some((decorator) => NEST_ROUTE_DECORATORS.some((name) => index.refersTo(decoratorExpression(decorator), NEST_SOURCES, name)))) add(fn, 'server');
      }
    } else if (node.type === 'ExportNamedDeclaration' && node.declaration) {
      for (const [name, value] of exportedValues(node.declaration)) {
        if (serverActions || NEXT_ROUTE_EXPORTS.has(name)) for (const fn of handlerFunctions(value)) add(fn, 'serverless');
      }
    } else if (node.type === 'ExportDefaultDeclaration' && serverActions) {
      for (const fn of handlerFunctions(node.declaration)) add(fn, 'serverless');
    }
  }
  return found;
}

const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener']);

/** `server.on('request', fn)`, `io.on('connection', onConnection)`: the listener of a request or a client's connection. */
function requestListener(call: TSESTree.CallExpression, index: ProgramIndex): FunctionNode | undefined {
  const callee = unwrap(call.callee);
  if (!isMember(callee) || !LISTENER_METHODS.has(memberPropertyName(callee) ?? '')) return undefined;
  const event = stringValue(call.arguments[0]);
  if (event === undefined || !REQUEST_EVENTS.includes(event)) return undefined;
  return referencedFunction(call.arguments[1], index);
}

/** `app.get('/path', fn)`, `router.post('documents.create', auth(), fn)`, `app.use(fn)`. */
function isRouteRegistration(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  const name = memberPropertyName(callee);
  if (!isMember(callee) || name === undefined || !ROUTE_METHODS.has(name)) return false;
  if (!call.arguments.some(isFunctionNode)) return false;
  const first = call.arguments[0];
  return name === 'use' || stringValue(first) !== undefined || first?.type === 'TemplateLiteral';
}

/** Koa middleware declared apart from its registration: `async (ctx, next) => …`. */
function isKoaMiddleware(fn: FunctionNode): boolean {
  const [ctx, next] = fn.params;
  return isIdentifier(ctx, 'ctx') && isIdentifier(next, 'next');
}

function hasUseServerDirective(fn: FunctionNode): boolean {
  return fn.body.type === 'BlockStatement' && fn.body.body.some((statement) => isDirective(statement) && statement.directive === 'use server');
}

/** `export function f`, `export const f = …`: name and value. */
function exportedValues(declaration: Node): [string, Node][] {
  if (declaration.type === 'FunctionDeclaration') return declaration.id ? [[declaration.id.name, declaration]] : [];
  if (declaration.type !== 'VariableDeclaration') return [];
  return declaration.declarations.flatMap((declarator): [string, Node][] =>
    isIdentifier(declarator.id) && declarator.init ? [[declarator.id.name, declarator.init]] : [],
  );
}

/**
 * The function a handler export holds: the function itself, or the function arguments of the
 * wrapper call that makes it (`withWorkspace(async (…) => …)`, `actionClient.schema(s).action(async (…) => …)`).
 */
function handlerFunctions(value: Node): FunctionNode[] {
  const node = unwrap(value);
  if (isFunctionNode(node)) return [node];
  const found: FunctionNode[] = [];
  for (let current: Node | undefined = node; isCall(current); current = isMember(unwrap(current.callee)) ? unwrap((unwrap(current.callee) as TSESTree.MemberExpression).object) : undefined) {
    for (const argument of current.arguments) {
      const inner = unwrap(argument);
      if (isFunctionNode(inner)) found.push(inner);
      else if (isCall(inner)) found.push(...handlerFunctions(inner));
    }
  }
  return found;
}
