import { type FunctionNode, type Node, isCall, isFunctionNode, isNew, unwrap } from './ast';
import { AFTER_RESPONSE_LABEL } from './background-apis';
import { responseParameter, statementsAfterResponse } from './after-response';
import { matchBackgroundCall } from './callbacks';
import { cloudflareHandlers } from './cloudflare';
import { combinatorOf } from './combinators';
import type { BackgroundContext, BackgroundOptions } from './contexts';
import { decoratedHandlers } from './decorators';
import { fireAndForget } from './fire-and-forget';
import { jobClassHandlers } from './job-classes';
import { callbackFunction } from './functions';
import type { ProgramIndex } from './program';
import { isProcessExitRegistration } from './process-exit';
import { addReachedFunctions } from './reachability';

export type { BackgroundContext, BackgroundKind, BackgroundOptions } from './contexts';

/** The background decisions for one file. Built once per file (see {@link analyzeProgram}). */
export interface ProgramAnalysis {
  readonly index: ProgramIndex;
  readonly options: BackgroundOptions;
  /** Every background handler function of the file and why it is one. */
  readonly handlers: ReadonlyMap<Node, BackgroundContext>;
  /** The background context `node` sits in (nearest enclosing handler or after-the-response statement), or `undefined`. */
  backgroundContextOf(node: Node): BackgroundContext | undefined;
  /** When `node` is passed straight to a background API (`ctx.waitUntil(Promise.all(...))`), that API's context. */
  passedToBackgroundApi(node: Node): BackgroundContext | undefined;
}

/**
 * Finds the background handlers of a file: callbacks of background APIs, decorated
 * methods, the run methods of job classes, Cloudflare `scheduled`/`queue`, fire-and-forget functions, what runs after a
 * response is sent, and what all of those reach in the same module.
 */
export function analyzeProgram(index: ProgramIndex, options: BackgroundOptions = {}): ProgramAnalysis {
  const handlers = new Map<Node, BackgroundContext>();
  const afterResponse = new Map<Node, BackgroundContext>();
  const passed = new Map<Node, BackgroundContext>();
  const requestHandlers = new Set<Node>();
  const mark = (fn: FunctionNode | undefined, context: BackgroundContext) => {
    if (fn && !handlers.has(fn)) handlers.set(fn, context);
  };

  for (const node of index.nodes) {
    if (isCall(node) || isNew(node)) {
      const call = matchBackgroundCall(node, index, options);
      const context = call && isProcessExitRegistration(node) ? { ...call.context, processExit: true } : call?.context;
      for (const argument of call?.callbacks ?? []) {
        if (combinatorOf(argument, index)) passed.set(unwrap(argument), context!);
        mark(callbackFunction(argument, index), context!);
      }
    } else if (node.type === 'ClassDeclaration' || node.type === 'ClassExpression') {
      for (const { fn, context } of decoratedHandlers(node, index, options)) mark(fn, context);
      for (const { fn, context } of jobClassHandlers(node)) mark(fn, context);
    } else if (node.type === 'ExportDefaultDeclaration') {
      for (const { fn, context } of cloudflareHandlers(node, index)) mark(fn, context);
    } else if (node.type === 'ExpressionStatement') {
      const started = fireAndForget(node, index);
      if (started) mark(started.fn, started.context);
    }
    if (isFunctionNode(node)) {
      const response = responseParameter(node);
      if (response) {
        requestHandlers.add(node);
        for (const statement of statementsAfterResponse(node, response, index)) {
          afterResponse.set(statement, { kind: 'after-response', label: AFTER_RESPONSE_LABEL });
        }
      }
    }
  }
  // A callback of a background API is background even with a `(req, reply)` signature
  // (Fastify hooks); other request handlers bound what reachability enters.
  for (const fn of handlers.keys()) requestHandlers.delete(fn);
  addReachedFunctions(handlers, [...handlers, ...afterResponse], requestHandlers, index);

  return {
    index,
    options,
    handlers,
    backgroundContextOf(node) {
      for (let current: Node | undefined = node; current; current = current.parent) {
        const context = afterResponse.get(current) ?? handlers.get(current) ?? (isFunctionNode(current) ? options.farContext?.(current) : undefined);
        if (context) return context;
        if (requestHandlers.has(current)) return undefined;
      }
      return undefined;
    },
    passedToBackgroundApi(node) {
      return passed.get(node);
    },
  };
}
