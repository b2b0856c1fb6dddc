import type { TSESTree } from '@typescript-eslint/utils';
import { type FunctionNode, type Node, isCall, isFunctionNode, isIdentifier, isMember, isNew, lastName, memberPropertyName, unwrap } from './ast';
import type { FloatingPromiseSite } from './floating';
import { combinatorOf } from './combinators';
import { calledFunction, isSuspension, someInOwnBody } from './functions';
import type { ProgramIndex } from './program';
import { taskGroupStatic } from './task-group';
import type { VariableLike } from './scopes';

/**
 * Why a floating promise already has an owner, seen from syntax alone:
 * - `executor`: piped into the enclosing `new Promise((resolve, reject) => …)` (the chain
 *   calls or passes its `resolve`/`reject`): whoever awaits that promise owns the work;
 * - `callback`: a promise-to-callback adapter, `p.then((v) => done(null, v), done)`: the
 *   chain hands its outcome to a callback parameter of the enclosing function;
 * - `stream`: an IIFE or local helper that fills a stream or streamable an enclosing function
 *   returns or hands on (`ctx.body = stream`, `return { value: streamable.value }`, `stream.pipe(res)`);
 * - `synchronous`: a same-module `async` function with no `await` in it: it has run to the
 *   end when the call returns;
 * - `response`: given the request handler's response (`res`, `reply`, Koa's `ctx`): it writes
 *   the response (`helpers.formatApiResponse(500, res, e)`, `streamZipResponse(ctx, name, fill)`),
 *   which the framework keeps open until it is done;
 * - `deadline`: `Promise.race([work, timer])` where one contender is a timer (`sleep(ms)`,
 *   `setTimeout` of `timers/promises`, a `new Promise` whose executor starts a `setTimeout`):
 *   the author bounded the wait already.
 */
export type OwnedBy = 'executor' | 'callback' | 'stream' | 'synchronous' | 'response' | 'deadline';

/** Parameter names of the response a request handler writes. */
const RESPONSE_NAMES = new Set(['res', 'response', 'reply', 'ctx']);

export function ownerOf(site: FloatingPromiseSite, index: ProgramIndex): OwnedBy | undefined {
  if (pipedIntoExecutor(site, index)) return 'executor';
  if (writesResponse(site, index)) return 'response';
  if (site.chained && handsToCallback(site, index)) return 'callback';
  if (fillsReturnedStream(site, index)) return 'stream';
  if (runsSynchronously(site.call, index)) return 'synchronous';
  if (racesATimer(site.call, index)) return 'deadline';
  return undefined;
}

/** Names of promise-returning sleeps (`sleep(ms)`, `delay(ms)`, `setTimeout(ms)` of `timers/promises`, `wait(ms)`, `timeout(ms)`). */
const SLEEP_NAMES = /^(sleep|delay|wait|timeout|setTimeout)$/i;

/**
 * `Promise.race([...])` with a timer among its contenders; `TaskGroup.race` too, which is what
 * `taskgroup migrate` makes of the first before it looks for floating promises.
 */
function racesATimer(call: Node, index: ProgramIndex): boolean {
  if (!isCall(call)) return false;
  if (combinatorOf(call, index)?.combinator !== 'race' && taskGroupStatic(call, index) !== 'race') return false;
  const list = unwrap(call.arguments[0]);
  return list?.type === 'ArrayExpression' && list.elements.some((element) => !!element && element.type !== 'SpreadElement' && isTimer(element, index));
}

/** A promise that settles after a delay: a sleep call, a `new Promise` starting a `setTimeout`, a `const` holding one. */
function isTimer(expression: Node, index: ProgramIndex): boolean {
  const node = unwrap(expression);
  if (isIdentifier(node)) {
    const def = index.variableAt(node, node.name)?.defs[0];
    return def?.node.type === 'VariableDeclarator' && def.node.id === def.name && !!def.node.init && unwrap(def.node.init) !== node && isTimer(def.node.init, index);
  }
  if (isCall(node)) {
    const name = lastName(node.callee);
    return name !== undefined && SLEEP_NAMES.test(name) && node.arguments.length > 0;
  }
  if (isNew(node) && isIdentifier(unwrap(node.callee), 'Promise')) {
    const executor = unwrap(node.arguments[0]);
    return isFunctionNode(executor) && mentions(executor.body, index, (id) => id.name === 'setTimeout' && isCallee(id));
  }
  return false;
}

/** The variable an identifier refers to, if it is a parameter of a function enclosing `site` (not of `inside`). */
function enclosingParameter(id: TSESTree.Identifier, site: Node, index: ProgramIndex): VariableLike | undefined {
  const variable = index.variableAt(id, id.name);
  const def = variable?.defs[0];
  if (!def || def.type !== 'Parameter' || !isFunctionNode(def.node)) return undefined;
  for (const ancestor of index.ancestors(site)) if (ancestor === def.node) return variable;
  return undefined;
}

/** The root call is given a response parameter of an enclosing function. */
function writesResponse(site: FloatingPromiseSite, index: ProgramIndex): boolean {
  if (!isCall(site.call)) return false;
  return site.call.arguments.some((argument) => {
    const value = unwrap(argument);
    return isIdentifier(value) && RESPONSE_NAMES.has(value.name) && !!enclosingParameter(value, site.call, index);
  });
}

/** `resolve`/`reject` of an enclosing `new Promise` executor appear in the floating expression. */
function pipedIntoExecutor(site: FloatingPromiseSite, index: ProgramIndex): boolean {
  for (const ancestor of index.ancestors(site.call)) {
    if (!isFunctionNode(ancestor)) continue;
    const parent = ancestor.parent;
    if (!isNew(parent) || !isIdentifier(unwrap(parent.callee), 'Promise') || parent.arguments[0] !== ancestor) continue;
    const names = new Set(ancestor.params.flatMap((param) => (isIdentifier(param) ? [param.name] : [])));
    return mentions(site.expression, index, (id) => names.has(id.name) && index.variableAt(id, id.name)?.defs[0]?.node === ancestor);
  }
  return false;
}

/** The `.then/.catch/.finally` handlers of a chain call or pass a callback parameter of an enclosing function. */
function handsToCallback(site: FloatingPromiseSite, index: ProgramIndex): boolean {
  for (let current: Node = unwrap(site.expression); isCall(current) && current !== site.call; ) {
    for (const argument of current.arguments) {
      const value = unwrap(argument);
      if (isIdentifier(value) && enclosingParameter(value, site.call, index)) return true;
      if (isFunctionNode(value) && mentions(value.body, index, (id) => isCallee(id) && !!enclosingParameter(id, site.call, index))) return true;
    }
    const callee = unwrap(current.callee);
    if (!isMember(callee)) break;
    current = unwrap(callee.object);
  }
  return false;
}

function isCallee(id: TSESTree.Identifier): boolean {
  return isCall(id.parent) && unwrap(id.parent.callee) === id;
}

const STREAM_WRITES = new Set(['write', 'end', 'push', 'update', 'done', 'append', 'close', 'error', 'enqueue']);

/**
 * The call runs a function of the module (an IIFE, or a local helper such as the `fail` of an
 * `onError` callback) that writes to a stream variable of an enclosing function, and that
 * function returns, assigns or pipes the stream.
 */
function fillsReturnedStream(site: FloatingPromiseSite, index: ProgramIndex): boolean {
  const callee = calledFunction(site.call, index);
  if (!callee) return false;
  const written = new Map<VariableLike, FunctionNode>();
  index.walk(callee.body, (node) => {
    if (isCall(node) && isMember(unwrap(node.callee))) {
      const member = unwrap(node.callee) as TSESTree.MemberExpression;
      const object = unwrap(member.object);
      if (isIdentifier(object) && STREAM_WRITES.has(memberPropertyName(member) ?? '')) {
        const variable = index.variableAt(object, object.name);
        const declaring = variable && variable.defs[0]?.node.type === 'VariableDeclarator' ? enclosingFunction(variable.defs[0].node, index) : undefined;
        if (variable && declaring && encloses(declaring, callee)) written.set(variable, declaring);
      }
    }
  });
  for (const [variable, declaring] of written) if (handsOn(declaring, variable, callee, index)) return true;
  return false;
}

function encloses(outer: Node, inner: Node): boolean {
  for (let current = inner.parent; current; current = current.parent) if (current === outer) return true;
  return false;
}

/** Does `outer` return, assign or pipe the stream `variable` (outside the function `filler` that fills it)? */
function handsOn(outer: FunctionNode, variable: VariableLike, filler: FunctionNode, index: ProgramIndex): boolean {
  const isStream = (id: TSESTree.Identifier) => index.variableAt(id, id.name) === variable;
  if (outer.body.type !== 'BlockStatement') return mentions(outer.body, index, isStream);
  let handedOn = false;
  index.walk(outer.body, (node) => {
    if (handedOn || node === filler) return false;
    const value = node.type === 'ReturnStatement' ? node.argument : node.type === 'AssignmentExpression' ? node.right : isCall(node) && memberPropertyName(unwrap(node.callee)) === 'pipe' ? node.callee : undefined;
    if (value && mentions(value, index, isStream)) handedOn = true;
    return true;
  });
  return handedOn;
}

function enclosingFunction(node: Node, index: ProgramIndex): FunctionNode | undefined {
  for (const ancestor of index.ancestors(node)) if (isFunctionNode(ancestor)) return ancestor;
  return undefined;
}

/** A call of a same-module `async` function that settles at once (`settlesAtOnce`). */
function runsSynchronously(call: Node, index: ProgramIndex): boolean {
  const fn = isCall(call) ? calledFunction(call, index) : undefined;
  return fn !== undefined && settlesAtOnce(fn, index);
}

/**
 * An `async` function whose own body never awaits and returns no call's value: it has run to
 * the end when its call returns (across modules too, through its summary).
 */
export function settlesAtOnce(fn: FunctionNode, index: ProgramIndex): boolean {
  if (!fn.async || fn.body.type !== 'BlockStatement') return false;
  return !someInOwnBody(fn, index.visitorKeys, (node) => isSuspension(node) || (node.type === 'ReturnStatement' && !!node.argument && !isPlainValue(node.argument)));
}

/** A literal, an object or array of those, a synchronous `.map` to them: nothing that can be a pending promise. */
export function isPlainValue(node: Node): boolean {
  const value = unwrap(node);
  if (value.type === 'Literal' || value.type === 'TemplateLiteral') return true;
  // `uids.map(() => false)`: a synchronous mapper of plain values gives an array of them.
  if (isCall(value) && memberPropertyName(unwrap(value.callee)) === 'map') {
    const mapper = unwrap(value.arguments[0]);
    return isFunctionNode(mapper) && !mapper.async && mapper.body.type !== 'BlockStatement' && isPlainValue(mapper.body);
  }
  if (value.type === 'ObjectExpression') return value.properties.every((property) => property.type === 'Property' && isPlainValue(property.value));
  if (value.type === 'ArrayExpression') return value.elements.every((element) => !element || (element.type !== 'SpreadElement' && isPlainValue(element)));
  return false;
}

/** Does an identifier under `root` satisfy `test`? */
function mentions(root: Node, index: ProgramIndex, test: (id: TSESTree.Identifier) => boolean): boolean {
  let found = false;
  index.walk(root, (node) => {
    if (found) return false;
    if (isIdentifier(node) && !(isMember(node.parent) && node.parent.property === node && !node.parent.computed) && test(node)) found = true;
    return true;
  });
  return found;
}
