import { type FunctionNode, type Node, isCall, isFunctionNode, isIdentifier, isMember, lastName, memberPropertyName, unwrap } from './ast';
import type { ProgramAnalysis } from './background';
import { matchBackgroundCall } from './callbacks';
import type { BackgroundContext } from './contexts';
import { floatingCall, isTopLevel } from './fire-and-forget';
import { calledFunction, referencedFunction } from './functions';
import type { ProgramIndex } from './program';
import type { FloatingPromiseSite } from './floating';
import { declaresServerOnly, moduleRole } from './module-role';
import { type OwnedBy, ownerOf, settlesAtOnce } from './owned-promises';
import { endsProcess } from './process-exit';
import { isLocalFileCall, waitsOnlyOnFiles } from './local-file';
import { addReachedFunctions } from './reachability';
import { type RequestHandlerKind, requestHandlers } from './request-handlers';

/**
 * Why `recommended` leaves a floating promise alone (strict, `everywhere: true`, reports it):
 * - `client`: browser/UI code (see `moduleRole`): the page owns its work;
 * - `test`: a test file: the runner owns its work;
 * - `tooling`: a task-runner definition (Gruntfile, gulpfile): the developer's build;
 * - `top-level`: a statement of the module's top level, not in any function: a script's
 *   `main();`, bootstrap such as `void app.prepare().then(…)` — the process owns that work;
 * - `script`: anywhere in a script, a module that exports nothing and whose top level starts
 *   one of its own functions (`main();`, `void main(true);`, `bootstrap().catch(…)`): its work
 *   ends with the process;
 * - `process-exit`: in a listener of the process's end (`process.on('SIGTERM' | 'exit' |
 *   'uncaughtException', …)`), or a call of a function of the module whose last step is
 *   `process.exit()` (a relaunch, a shutdown): the process is going away, nothing is left to
 *   outlive it;
 * - `not-server`: in a function that is neither a background handler, a request handler, nor
 *   reached from one in the module, nor a call of a background handler, in a module that does not declare itself server-only
 *   (`'use server'`, `import 'server-only'`: there every function counts);
 * - `deliberate`: in the request path of a long-running server (Express, Koa, Fastify, Hono,
 *   NestJS controllers, socket connections, and what they reach), outside any background
 *   handler, a call marked as a fire-and-forget on purpose: `void call()` (typescript-eslint's
 *   `no-floating-promises` honours it the same way, `ignoreVoid`; a rejection still surfaces as
 *   an unhandled one), or `.catch(handler)` with a handler that does something (logs,
 *   reports). An empty `.catch(() => {})` is no such mark: it makes failures vanish. Not in
 *   Next.js route handlers and server actions, where the platform may freeze the function once
 *   the response is sent, nor in background handlers, where nothing owns the work at shutdown.
 *   A bare `void` of a function of the module itself (`void gatherPages(urls)`, an async IIFE)
 *   is no such mark: that is how the module starts its own background work (a fire-and-forget
 *   handler), while `.catch(log)` at the call says the caller took its outcome in hand;
 * - `local-file`: a call of the file system (`fs.unlink(tmp)`, `fs/promises`, `fs-extra`), or of
 *   an `async` function that waits on nothing else (`file.delete(tmp)`, see `waitsOnlyOnFiles`):
 *   local work that ends in milliseconds, with nothing to cancel;
 * - `start-up`: in the constructor of a class the module instantiates at its top level
 *   (`export default new Environment()`), directly or in a one-shot deferral there
 *   (`process.nextTick(() => void validate(this))`): work of the process's start;
 * - `owned:<how>`: the promise already has an owner or a bound (see `OwnedBy`).
 */
export type FloatingExclusion = 'client' | 'test' | 'tooling' | 'top-level' | 'script' | 'process-exit' | 'not-server' | 'deliberate' | 'local-file' | 'start-up' | `owned:${OwnedBy}`;

export interface FloatingScopeOptions {
  /** Report floating promises everywhere (the strict config): no exclusion applies. */
  everywhere?: boolean;
}

const REQUEST_CONTEXT: BackgroundContext = { kind: 'reached', label: 'a request handler' };

/**
 * The one decision of where `no-uncancellable-floating-promise` reports (and `taskgroup
 * migrate` rewrites): in `recommended`, where work outlives its owner on a server — in
 * background handlers (`ProgramAnalysis.backgroundContextOf`), in request handlers (Express,
 * Fastify, Koa, Hono, NestJS controllers, Next.js route handlers, server actions) and what
 * either reaches in the module. Built once per file.
 */
export class FloatingScope {
  private requestReach: Record<RequestHandlerKind, Set<Node>> | undefined;
  private script: boolean | undefined;
  private callbacks: Set<Node> | undefined;

  constructor(
    private readonly analysis: ProgramAnalysis,
    private readonly options: FloatingScopeOptions = {},
  ) {}

  /** Why the site is not reported, or `undefined` when it is. */
  exclusionOf(site: FloatingPromiseSite): FloatingExclusion | undefined {
    if (this.options.everywhere) return undefined;
    const index = this.analysis.index;
    const role = moduleRole(index);
    if (role === 'client' || role === 'test' || role === 'tooling') return role;
    if (isTopLevel(site.call, index)) return 'top-level';
    if ((this.script ??= isScript(index))) return 'script';
    if (this.inProcessExit(site.call) || this.endsProcess(site.call)) return 'process-exit';
    const background = this.analysis.backgroundContextOf(site.call);
    const request = background ? undefined : this.requestPathOf(site.call);
    const server = !!background || !!request || this.startsBackgroundHandler(site) || declaresServerOnly(index);
    if (!server) return 'not-server';
    if (request === 'server' && !declaresServerOnly(index) && (handlesRejection(site) || (site.voided && !calledFunction(site.call, index)))) return 'deliberate';
    if (isLocalFileCall(site.call, index) || this.callsFunctionThat(site.call, waitsOnlyOnFiles, 'waitsOnlyOnFiles')) return 'local-file';
    if (runsAtStartUp(site.call, index)) return 'start-up';
    const owner = ownerOf(site, index) ?? (this.callsFunctionThat(site.call, settlesAtOnce, 'settlesAtOnce') ? 'synchronous' : undefined);
    return owner ? `owned:${owner}` : undefined;
  }

  /**
   * A call of a function that `holds` in the module, or, for another module's export, whose
   * summary has `fact` (the same test, run when that module was summarized).
   */
  private callsFunctionThat(call: Node, holds: (fn: FunctionNode, index: ProgramIndex) => boolean, fact: 'settlesAtOnce' | 'waitsOnlyOnFiles'): boolean {
    if (!isCall(call)) return false;
    const index = this.analysis.index;
    const fn = calledFunction(call, index);
    if (fn) return holds(fn, index);
    const exported = this.analysis.options.farContext?.exportedFunction;
    const ref = exported && index.moduleRef(unwrap(call.callee));
    return ref !== undefined && ref.path.length > 0 && exported!(ref)?.[fact] === true;
  }

  reports(site: FloatingPromiseSite): boolean {
    return this.exclusionOf(site) === undefined;
  }

  /**
   * The call starts a function that is itself a background handler of the module (given to a
   * timer, a listener, a queue): `check(); setInterval(check, DAY)` starts the same background
   * work once more, with nothing to own it.
   */
  private startsBackgroundHandler(site: FloatingPromiseSite): boolean {
    const fn = isCall(site.call) ? calledFunction(site.call, this.analysis.index) : undefined;
    if (!fn) return false;
    this.callbacks ??= backgroundCallbacks(this.analysis);
    return this.callbacks.has(fn);
  }

  /** A call of a function of the module whose last step ends the process (`launch()` that relaunches and exits). */
  private endsProcess(call: Node): boolean {
    const fn = isCall(call) ? calledFunction(call, this.analysis.index) : undefined;
    return fn !== undefined && endsProcess(fn);
  }

  /** In a listener of the process's end, or in a function only such a listener reaches (in the module or from another one). */
  private inProcessExit(node: Node): boolean {
    const far = this.analysis.options.farContext;
    for (const ancestor of this.analysis.index.ancestors(node)) {
      if (isFunctionNode(ancestor) && (this.analysis.handlers.get(ancestor)?.processExit || far?.(ancestor)?.processExit)) return true;
    }
    return false;
  }

  /**
   * The request path `node` is on: in a request handler of the module or a function one
   * reaches (`serverless` when a Next.js route handler or server action reaches it, even if
   * a long-running server's handler does too), or in a function a request handler of another
   * module reaches (`crossModuleDepth`); `undefined` when none.
   */
  private requestPathOf(node: Node): RequestHandlerKind | undefined {
    if (!this.requestReach) {
      const index = this.analysis.index;
      const handlers = requestHandlers(index);
      const reachOf = (kind: RequestHandlerKind): Set<Node> => {
        const reached = new Map<Node, BackgroundContext>();
        const roots = [...handlers].flatMap(([fn, handlerKind]): [Node, BackgroundContext][] => (handlerKind === kind ? [[fn, REQUEST_CONTEXT]] : []));
        for (const [fn] of roots) reached.set(fn, REQUEST_CONTEXT);
        addReachedFunctions(reached, roots, new Set(), index);
        return new Set(reached.keys());
      };
      this.requestReach = { serverless: reachOf('serverless'), server: reachOf('server') };
    }
    const far = this.analysis.options.farContext?.requestPath;
    for (const ancestor of this.analysis.index.ancestors(node)) {
      if (this.requestReach.serverless.has(ancestor)) return 'serverless';
      if (this.requestReach.server.has(ancestor)) return 'server';
      const reached = far && isFunctionNode(ancestor) ? far(ancestor) : undefined;
      if (reached) return reached;
    }
    return undefined;
  }
}

const scopes = new WeakMap<ProgramAnalysis, { everywhere?: FloatingScope; recommended?: FloatingScope }>();

/** The scope of a file's analysis for these options (built once per analysis). */
export function floatingScopeOf(analysis: ProgramAnalysis, options: FloatingScopeOptions = {}): FloatingScope {
  let byMode = scopes.get(analysis);
  if (!byMode) {
    byMode = {};
    scopes.set(analysis, byMode);
  }
  const mode = options.everywhere ? 'everywhere' : 'recommended';
  return (byMode[mode] ??= new FloatingScope(analysis, { everywhere: options.everywhere }));
}

/**
 * A script: a module that exports nothing and whose top level starts one of its own functions
 * (`main();`, `void run(true);`, `bootstrap().catch(exit);`). A module with exports is a
 * library or a server module even when it starts something at load.
 */
function isScript(index: ProgramIndex): boolean {
  if (index.nodes.some(isExport)) return false;
  return index.nodes.some((node) => {
    if (node.type !== 'ExpressionStatement' || !isTopLevel(node, index)) return false;
    const call = floatingCall(node);
    return isCall(call) && !isFunctionNode(unwrap(call.callee)) && calledFunction(call, index) !== undefined;
  });
}

/** One-shot deferrals: their callback runs once, soon after the code that schedules it. */
const ONE_SHOT = new Set(['nextTick', 'setImmediate', 'setTimeout', 'queueMicrotask', 'then']);

/**
 * In the constructor of a class the module instantiates at its top level, directly or through
 * one-shot deferrals (`process.nextTick(() => …)`, `.then(() => …)`): start-up work. A timer
 * that repeats or a listener set up there runs for the process's life and is not this.
 */
function runsAtStartUp(node: Node, index: ProgramIndex): boolean {
  for (const ancestor of index.ancestors(node)) {
    if (!isFunctionNode(ancestor)) continue;
    const member = ancestor.parent;
    if (member?.type === 'MethodDefinition' && member.kind === 'constructor') return instantiatedAtTopLevel(member.parent.parent, index);
    const call = ancestor.parent;
    if (!isCall(call) || !(call.arguments as readonly Node[]).includes(ancestor)) return false;
    const callee = unwrap(call.callee);
    const name = lastName(callee);
    if (name === undefined || !ONE_SHOT.has(name)) return false;
  }
  return false;
}

/** `export default new X()`, `const x = new X()`, `module.exports = new X()` at the module's top level. */
function instantiatedAtTopLevel(classNode: Node | undefined, index: ProgramIndex): boolean {
  const name = (classNode?.type === 'ClassDeclaration' || classNode?.type === 'ClassExpression') && classNode.id ? classNode.id.name : undefined;
  if (name === undefined) return false;
  return index.program.body.some((statement) => {
    let found = false;
    index.walk(statement, (node) => {
      if (found || isFunctionNode(node)) return false;
      if (node.type === 'NewExpression' && isIdentifier(unwrap(node.callee), name)) found = true;
      return true;
    });
    return found;
  });
}

/** The chain hands a rejection to a handler that does something: `.catch(log)`, `.catch((e) => report(e))`, `.then(ok, fail)`. */
function handlesRejection(site: FloatingPromiseSite): boolean {
  if (!site.chained) return false;
  for (let current = unwrap(site.expression); isCall(current) && current !== site.call; ) {
    const callee = unwrap(current.callee);
    if (!isMember(callee)) break;
    const method = memberPropertyName(callee);
    const handler = method === 'catch' ? current.arguments[0] : method === 'then' ? current.arguments[1] : undefined;
    if (handler && doesSomething(handler)) return true;
    current = unwrap(callee.object);
  }
  return false;
}

/** A handler that is a reference (`log`, `this.onError`) or a function whose body is not empty. */
function doesSomething(handler: Node): boolean {
  const value = unwrap(handler);
  if (isIdentifier(value) || isMember(value)) return !isIdentifier(value, 'undefined');
  if (!isFunctionNode(value)) return false;
  const body = value.body;
  if (body.type === 'BlockStatement') return body.body.length > 0;
  const expression = unwrap(body);
  return expression.type !== 'Literal' && !isIdentifier(expression, 'undefined');
}

/** Functions of the module given to a background API: `setInterval(check, DAY)`, `queue.process(work)`. */
function backgroundCallbacks(analysis: ProgramAnalysis): Set<Node> {
  const found = new Set<Node>();
  const index = analysis.index;
  for (const node of index.nodes) {
    if (!isCall(node) && node.type !== 'NewExpression') continue;
    for (const argument of matchBackgroundCall(node, index, analysis.options)?.callbacks ?? []) {
      const fn = referencedFunction(argument, index);
      if (fn) found.add(fn);
    }
  }
  return found;
}

/** `export …`, `module.exports`, `exports.x`. */
function isExport(node: Node): boolean {
  if (node.type === 'ExportNamedDeclaration' || node.type === 'ExportDefaultDeclaration' || node.type === 'ExportAllDeclaration') return true;
  if (!isMember(node)) return false;
  const object = unwrap(node.object);
  return (isIdentifier(object, 'module') && memberPropertyName(node) === 'exports') || (isIdentifier(object, 'exports') && node.parent?.type === 'AssignmentExpression' && node.parent.left === node);
}
