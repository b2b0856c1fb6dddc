import type { TSESTree } from '@typescript-eslint/utils';
import { type Node, isCall, isFunctionNode, isIdentifier, isMember, isNew, memberPropertyName, propertyKeyName, unwrap } from './ast';
import type { ProgramIndex } from './program';
import { findSignalApi, isSignalApiName, SIGNAL_API_SOURCES } from './signal-api-table';
import { receivesSignal, type SignalTypeHooks } from './signal-placement';
import { isTaskGroupSpawn } from './task-group';

/**
 * A promise nobody owns: the value of an expression statement, of `void`, or of a chain
 * handled only with `.then` / `.catch` / `.finally`.
 * - `statement`: the `ExpressionStatement`;
 * - `expression`: the floating expression, `void` left out (what a suggestion wraps):
 *   `fetch(url).catch(log)` in `void fetch(url).catch(log);`;
 * - `call`: the root call or `new` that starts the work (`fetch(url)`);
 * - `chained`: the root is followed by `.then/.catch/.finally` calls;
 * - `voided`: the expression is the operand of `void`.
 */
export interface FloatingPromiseSite {
  statement: TSESTree.ExpressionStatement;
  expression: Node;
  call: TSESTree.CallExpression | TSESTree.NewExpression;
  chained: boolean;
  voided: boolean;
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
export function floatingSitesOf(statement: Node): FloatingPromiseSite[] {
  const sites: FloatingPromiseSite[] = [];
  if (statement.type === 'ExpressionStatement' && typeof statement.directive !== 'string') collect(statement, statement.expression, false, sites);
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
  if (!isCall(site.call)) return false;
  const callee = unwrap(site.call.callee);
  if (isFunctionNode(callee)) return callee.async;
  if (isIdentifier(callee)) return callee.name === 'fetch' || hints.asyncNames.has(callee.name) || hints.mentionsSignalApiModule;
  if (!isMember(callee)) return false;
  const name = memberPropertyName(callee);
  if (name === undefined) return false;
  if (unwrap(callee.object).type === 'ThisExpression') return hints.asyncNames.has(name);
  return name === 'fetch' || (hints.mentionsSignalApiModule && isSignalApiName(name));
}

function collect(statement: TSESTree.ExpressionStatement, raw: Node, voided: boolean, sites: FloatingPromiseSite[]): void {
  const expression = unwrap(raw);
  switch (expression.type) {
    case 'UnaryExpression':
      if (expression.operator === 'void') collect(statement, expression.argument, true, sites);
      return;
    case 'SequenceExpression':
      for (const item of expression.expressions) collect(statement, item, false, sites);
      return;
    case 'ConditionalExpression':
      collect(statement, expression.consequent, false, sites);
      collect(statement, expression.alternate, false, sites);
      return;
    case 'LogicalExpression':
      collect(statement, expression.left, false, sites);
      collect(statement, expression.right, false, sites);
      return;
    default: {
      let root: Node = expression;
      let chained = false;
      for (;;) {
        const callee: Node | undefined = isCall(root) ? unwrap(root.callee) : undefined;
        if (!isMember(callee) || !CHAIN_METHODS.has(memberPropertyName(callee) ?? '')) break;
        root = unwrap(callee.object);
        chained = true;
      }
      if (isCall(root) || isNew(root)) sites.push({ statement, expression: raw, call: root, chained, voided });
    }
  }
}

/**
 * Without types, is the root call promise-valued? Calls of same-module `async` functions
 * (declarations, `const` arrow/function expressions, `this.method()` of the enclosing class),
 * async IIFEs, and the known promise-returning signal-accepting APIs. A `.then` chain is
 * promise-valued whatever its root (see `FloatingPromiseSite.chained`).
 */
export function isKnownPromiseCall(call: Node, index: ProgramIndex): boolean {
  if (!isCall(call)) return false;
  const callee = unwrap(call.callee);
  if (isFunctionNode(callee)) return callee.async;
  if (isIdentifier(callee)) {
    const variable = index.variableAt(callee, callee.name);
    if (variable && index.functionOf(variable)?.async) return true;
  } else if (isMember(callee) && unwrap(callee.object).type === 'ThisExpression') {
    if (isAsyncThisMethod(callee)) return true;
  }
  return findSignalApi(call, index)?.returnsPromise ?? false;
}

/** `this.flush()` where the enclosing class declares `async flush()` or `flush = async () => ...`. */
function isAsyncThisMethod(callee: TSESTree.MemberExpression): boolean {
  const name = memberPropertyName(callee);
  if (name === undefined) return false;
  for (let current: Node | undefined = callee.parent; current; current = current.parent) {
    if (current.type !== 'ClassBody') continue;
    return current.body.some((member) => {
      if ((member.type !== 'MethodDefinition' && member.type !== 'PropertyDefinition') || member.static) return false;
      if (propertyKeyName(member.key, member.computed) !== name) return false;
      const value = unwrap(member.value);
      return isFunctionNode(value) && value.async;
    });
  }
  return false;
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

/** The name an async function is called by: its own, its variable's, or its method's/property's key. */
export function asyncFunctionName(fn: TSESTree.FunctionLike): string | undefined {
  if (fn.id) return fn.id.name;
  const parent = fn.parent;
  if (parent?.type === 'VariableDeclarator') return parent.id.type === 'Identifier' ? parent.id.name : undefined;
  if (parent?.type === 'MethodDefinition' || parent?.type === 'PropertyDefinition' || parent?.type === 'Property') {
    return propertyKeyName(parent.key, parent.computed);
  }
  return undefined;
}

/** The hints of a file already indexed (the rules gather them during ESLint's traversal instead). */
function fileHints(index: ProgramIndex): FileHints {
  const asyncNames = new Set<string>();
  for (const node of index.nodes) {
    if (isFunctionNode(node) && node.async) {
      const name = asyncFunctionName(node);
      if (name !== undefined) asyncNames.add(name);
    }
  }
  return { asyncNames, mentionsSignalApiModule: index.importsModule(...SIGNAL_API_SOURCES) };
}

/**
 * What `no-uncancellable-floating-promise` reports without type information: floating
 * promise-valued calls that receive no `AbortSignal` and are not a TaskGroup `spawn`.
 * The rule's cheap pre-check runs first, so a file without candidates needs no scopes.
 */
export function findFloatingPromiseSites(index: ProgramIndex): FloatingPromiseSite[] {
  const candidates = floatingCandidates(index);
  if (candidates.length === 0) return [];
  const hints = fileHints(index);
  return candidates.filter((site) => isCall(site.call) && mayBeKnownPromiseSite(site, hints) && judgeFloatingSite(site, index) === 'floats');
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
export function isSurelyNotPromiseCall(call: Node, index: ProgramIndex): boolean {
  if (!isCall(call)) return false;
  const callee = unwrap(call.callee);
  let root: Node = callee;
  while (isMember(root)) root = unwrap(root.object);
  if (isIdentifier(root) && NON_PROMISE_GLOBALS.has(root.name) && index.isGlobal(root)) return true;
  if (!isIdentifier(callee)) return false;
  const variable = index.variableAt(callee, callee.name);
  const fn = variable && index.functionOf(variable);
  return !!fn && !fn.async && fn.body.type === 'BlockStatement' && !returnsValue(fn.body, index);
}

/** Does a function body contain `return <value>` (nested functions and classes left out)? */
function returnsValue(body: Node, index: ProgramIndex): boolean {
  let found = false;
  index.walk(body, (node) => {
    if (found || isFunctionNode(node) || node.type === 'ClassBody') return false;
    if (node.type === 'ReturnStatement' && node.argument) found = true;
    return true;
  });
  return found;
}
