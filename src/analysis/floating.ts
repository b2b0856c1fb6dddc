import {
  type AnyNode,
  childNodes,
  isCallNode,
  isFunctionNode,
  isIdentifier,
  isMemberNode,
  isMethodNode,
  isNewNode,
  memberPropertyName,
  propertyKeyName,
  unwrap,
} from './ast';
import type { ProgramIndex } from './program';
import { findSignalApi, isSignalApiName } from './signal-api-table';
import { receivesSignal, type SignalTypeHooks } from './signal-placement';
import { isTaskGroupSpawn } from './task-group';

/**
 * A promise nobody owns: the value of an expression statement, of `void`, or of a chain
 * handled only with `.then` / `.catch` / `.finally`.
 * - `statement`: the `ExpressionStatement`;
 * - `expression`: the floating expression, `void` left out (what a suggestion wraps):
 *   `fetch(url).catch(log)` in `void fetch(url).catch(log);`;
 * - `call`: the root call or `new` that starts the work (`fetch(url)`);
 * - `chained`: the root is followed by `.then/.catch/.finally` calls.
 */
export interface FloatingPromiseSite {
  statement: AnyNode;
  expression: AnyNode;
  call: AnyNode;
  chained: boolean;
}

const CHAIN_METHODS = new Set(['then', 'catch', 'finally']);

/**
 * Every floating root call or `new` of the file, whatever its value (cheap, AST only):
 * typed rules filter these by type, `findFloatingPromiseSites` by the untyped rules.
 * Sequence (`a(), b();`), conditional and logical expressions float each operand.
 */
export function floatingCandidates(index: ProgramIndex): FloatingPromiseSite[] {
  return index.nodes.flatMap(floatingSitesOf);
}

/** The floating root calls of one statement (none unless it is an `ExpressionStatement`). */
export function floatingSitesOf(statement: AnyNode): FloatingPromiseSite[] {
  const sites: FloatingPromiseSite[] = [];
  if (statement.type === 'ExpressionStatement' && !statement.directive) collect(statement, statement.expression as AnyNode, sites);
  return sites;
}

/** What a file shows before any analysis: enough to rule out most calls without resolving names. */
export interface FileHints {
  /** Names of the file's `async` functions, methods and properties holding async functions. */
  asyncNames: ReadonlySet<string>;
  /** The file quotes a module of the signal-API table (`mentionsSignalApiModule`). */
  mentionsSignalApiModule: boolean;
}

/**
 * Could `isKnownPromiseCall` (or a chain) hold for this site? A syntactic over-approximation:
 * `false` means the site is certainly not reported without types, so no index is needed.
 */
export function mayBeKnownPromiseSite(site: FloatingPromiseSite, hints: FileHints): boolean {
  if (site.chained) return true;
  if (!isCallNode(site.call)) return false;
  const callee = unwrap(site.call.callee);
  if (isFunctionNode(callee)) return callee.async === true;
  if (isIdentifier(callee)) return callee.name === 'fetch' || hints.asyncNames.has(callee.name) || hints.mentionsSignalApiModule;
  if (!isMemberNode(callee)) return false;
  const name = memberPropertyName(callee);
  if (name === undefined) return false;
  if (unwrap(callee.object).type === 'ThisExpression') return hints.asyncNames.has(name);
  return name === 'fetch' || (hints.mentionsSignalApiModule && isSignalApiName(name));
}

function collect(statement: AnyNode, raw: AnyNode, sites: FloatingPromiseSite[]): void {
  const expression = unwrap(raw);
  switch (expression.type) {
    case 'UnaryExpression':
      if (expression.operator === 'void') collect(statement, expression.argument as AnyNode, sites);
      return;
    case 'SequenceExpression':
      for (const item of expression.expressions as AnyNode[]) collect(statement, item, sites);
      return;
    case 'ConditionalExpression':
      collect(statement, expression.consequent as AnyNode, sites);
      collect(statement, expression.alternate as AnyNode, sites);
      return;
    case 'LogicalExpression':
      collect(statement, expression.left as AnyNode, sites);
      collect(statement, expression.right as AnyNode, sites);
      return;
    default: {
      let root = expression;
      let chained = false;
      while (isCallNode(root) && isMemberNode(unwrap(root.callee)) && CHAIN_METHODS.has(memberPropertyName(unwrap(root.callee)) ?? '')) {
        root = unwrap((unwrap(root.callee) as AnyNode).object as AnyNode);
        chained = true;
      }
      if (isCallNode(root) || isNewNode(root)) sites.push({ statement, expression: raw, call: root, chained });
    }
  }
}

/**
 * Without types, is the root call promise-valued? Calls of same-module `async` functions
 * (declarations, `const` arrow/function expressions, `this.method()` of the enclosing class),
 * async IIFEs, and the known promise-returning signal-accepting APIs. A `.then` chain is
 * promise-valued whatever its root (see `FloatingPromiseSite.chained`).
 */
export function isKnownPromiseCall(call: AnyNode, index: ProgramIndex): boolean {
  if (!isCallNode(call)) return false;
  const callee = unwrap(call.callee);
  if (isFunctionNode(callee)) return callee.async === true;
  if (isIdentifier(callee)) {
    const binding = index.resolve(callee);
    if (binding?.kind === 'local' && isAsyncDeclaration(binding.declaration, binding.init, index)) return true;
  } else if (isMemberNode(callee) && unwrap(callee.object).type === 'ThisExpression') {
    if (isAsyncThisMethod(callee, index)) return true;
  }
  return findSignalApi(call, index)?.returnsPromise ?? false;
}

function isAsyncDeclaration(declaration: AnyNode, init: AnyNode | undefined, index: ProgramIndex): boolean {
  if (declaration.type === 'FunctionDeclaration') return declaration.async === true;
  if (declaration.type !== 'VariableDeclarator' || index.parentOf(declaration)?.kind !== 'const') return false;
  const value = unwrap(init);
  return isFunctionNode(value) && value.async === true;
}

/** `this.flush()` where the enclosing class declares `async flush()` or `flush = async () => ...`. */
function isAsyncThisMethod(callee: AnyNode, index: ProgramIndex): boolean {
  const name = memberPropertyName(callee);
  if (name === undefined) return false;
  for (const ancestor of index.ancestors(callee)) {
    if (ancestor.type !== 'ClassBody') continue;
    return (ancestor.body as AnyNode[]).some((member) => {
      if (propertyKeyName(member.key as AnyNode, member.computed as boolean) !== name || member.static) return false;
      const value = isMethodNode(member) && !isFunctionNode(member) ? (member.value as AnyNode) : isFunctionNode(member) ? member : unwrap(member.value as AnyNode);
      return isFunctionNode(value) && value.async === true;
    });
  }
  return false;
}

/** Type hooks for `receivesSignal`; other keys (the shared analysis options) are accepted and unused. */
export interface FloatingOptions extends SignalTypeHooks {
  [option: string]: unknown;
}

/**
 * The verdict on one floating candidate from syntax alone: `owned` (a TaskGroup `spawn`, or
 * given an `AbortSignal`), `floats` (known to be promise-valued: a `.then/.catch/.finally`
 * chain or a known promise call), `unknown` (only types can tell whether it is a promise).
 */
export function judgeFloatingSite(site: FloatingPromiseSite, index: ProgramIndex, hooks: SignalTypeHooks = {}): 'owned' | 'floats' | 'unknown' {
  if (isTaskGroupSpawn(site.call, index) || receivesSignal(site.call, hooks)) return 'owned';
  return site.chained || isKnownPromiseCall(site.call, index) ? 'floats' : 'unknown';
}

/**
 * What `no-uncancellable-floating-promise` reports without type information: floating
 * promise-valued calls that receive no `AbortSignal` and are not a TaskGroup `spawn`.
 */
export function findFloatingPromiseSites(index: ProgramIndex, hooks: FloatingOptions = {}): FloatingPromiseSite[] {
  return floatingCandidates(index).filter((site) => isCallNode(site.call) && judgeFloatingSite(site, index, hooks) === 'floats');
}

/** Global objects and functions whose calls never return a thenable. */
const NON_PROMISE_GLOBALS = new Set([
  'console', 'Object', 'Array', 'JSON', 'Math', 'Number', 'String', 'Symbol', 'Reflect', 'Buffer', 'Error',
  'require', 'process', 'setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval',
  'clearImmediate', 'queueMicrotask', 'structuredClone', 'parseInt', 'parseFloat', 'isNaN', 'isFinite',
]);

/**
 * Without asking the type checker: is the call surely not promise-valued? Calls of the
 * built-in globals above (unshadowed), and of same-file functions that are neither `async`
 * nor return a value (`function log(x) { console.log(x); }`). Typed rules skip these before
 * any type lookup.
 */
export function isSurelyNotPromiseCall(call: AnyNode, index: ProgramIndex): boolean {
  if (!isCallNode(call)) return false;
  const callee = unwrap(call.callee);
  let root = callee;
  while (isMemberNode(root)) root = unwrap(root.object);
  if (isIdentifier(root) && NON_PROMISE_GLOBALS.has(root.name) && index.isGlobal(root)) return true;
  if (!isIdentifier(callee)) return false;
  const binding = index.resolve(callee);
  if (binding?.kind !== 'local') return false;
  const fn = binding.declaration.type === 'FunctionDeclaration' ? binding.declaration : binding.declaration.type === 'VariableDeclarator' && index.parentOf(binding.declaration)?.kind === 'const' ? unwrap(binding.init) : undefined;
  return isFunctionNode(fn) && !fn.async && fn.body.type === 'BlockStatement' && !returnsValue(fn.body);
}

/** Does a function body contain `return <value>` (nested functions left out)? */
function returnsValue(body: AnyNode): boolean {
  const stack = [body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'ReturnStatement' && node.argument) return true;
    for (const child of childNodes(node)) if (!isFunctionNode(child) && child.type !== 'ClassBody') stack.push(child);
  }
  return false;
}
