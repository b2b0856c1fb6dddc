import type { TSESTree } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { type FunctionNode, type Node, isCall, isFunctionNode, isIdentifier, isMember, isNew, lastName, memberPropertyName, propertyKeyName, unwrap } from './ast';
import { analyzeProgram } from './background';
import type { BackgroundOptions, FarContextLookup } from './contexts';
import { floatingScopeOf, type FloatingScopeOptions } from './floating-scope';
import type { ProgramIndex } from './program';
import { findSignalApi, isSignalApiName, SIGNAL_API_SOURCES } from './signal-api-table';
import { receivesSignal, type SignalTypeHooks } from './signal-placement';
import type { VisitorKeys } from './walk';
import { isSuspension, someInOwnBody } from './functions';
import { isTaskGroupSpawn } from './task-group';

/**
 * A promise nobody owns: the value of an expression statement, of `void`, or of a chain
 * handled only with `.then` / `.catch` / `.finally`; also the expression body of an arrow
 * whose value nobody reads (`() => void fetch(u)`, `setInterval(() => this.flush())`).
 * - `statement`: the `ExpressionStatement`, or the arrow function whose body floats;
 * - `expression`: the floating expression, `void` left out (what a suggestion wraps):
 *   `fetch(url).catch(log)` in `void fetch(url).catch(log);`;
 * - `call`: the root call, `new` or tagged template that starts the work (`fetch(url)`,
 *   `` sql`update …` ``);
 * - `chained`: the root is followed by `.then/.catch/.finally` calls;
 * - `voided`: the expression is the operand of `void`;
 * - `held`: the initialiser of a variable only ever `.then`/`.catch`/`.finally`-ed as a
 *   statement (`const p = fetch(x); p.then(…);`): the variable keeps it, nobody owns it.
 */
export interface FloatingPromiseSite {
  statement: TSESTree.ExpressionStatement | TSESTree.ArrowFunctionExpression | TSESTree.VariableDeclarator;
  expression: Node;
  call: TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.TaggedTemplateExpression;
  chained: boolean;
  voided: boolean;
  held?: boolean;
  /**
   * `items.forEach(async (x) => …)`, or an `items.map(async …)` whose array is dropped: `call`
   * is the `forEach`/`map` call and `callback` the async function whose promise each item's
   * call throws away.
   */
  callback?: FunctionNode;
}

const CHAIN_METHODS = new Set(['then', 'catch', 'finally']);

/**
 * Every floating root call or `new` of the file, whatever its value (cheap, AST only):
 * typed rules filter these by type, `findFloatingPromiseSites` by the untyped rules.
 * Sequence (`a(), b();`), conditional and logical expressions float each operand.
 */
export function floatingCandidates(index: ProgramIndex): FloatingPromiseSite[] {
  return index.nodes.flatMap((node) => (node.type === 'VariableDeclarator' ? (heldPromiseSite(node, index) ?? []) : floatingSitesOf(node)));
}

/**
 * `const p = fetch(x); p.then(…);`: a variable initialised with a call whose every use is
 * the root of a `.then/.catch/.finally` chain in statement position (not awaited, returned,
 * stored or passed on: then someone would share or own it). The site is the initialiser.
 */
export function heldPromiseSite(declarator: TSESTree.VariableDeclarator, index: ProgramIndex): FloatingPromiseSite | undefined {
  const init = unwrap(declarator.init);
  if (!isIdentifier(declarator.id) || !(isCall(init) || init?.type === 'TaggedTemplateExpression')) return undefined;
  const variable = index.variableAt(declarator.id, declarator.id.name);
  if (!variable || variable.defs.length !== 1) return undefined;
  const uses = variable.references.filter((reference) => reference.identifier !== declarator.id);
  if (uses.length === 0 || !uses.every((reference) => isChainStatementRoot(reference.identifier as Node))) return undefined;
  return { statement: declarator, expression: declarator.init!, call: init, chained: true, voided: false, held: true };
}

/** `p` in `p.then(a).catch(b);` as a whole statement (or `void p.then(a)`). */
function isChainStatementRoot(id: Node): boolean {
  let current: Node = id;
  let chained = false;
  for (;;) {
    const member = current.parent;
    if (!isMember(member) || member.object !== current || !CHAIN_METHODS.has(memberPropertyName(member) ?? '')) break;
    const call = member.parent;
    if (!isCall(call) || call.callee !== member) return false;
    current = call;
    chained = true;
  }
  let parent = current.parent;
  if (parent?.type === 'UnaryExpression' && parent.operator === 'void') parent = parent.parent;
  return chained && parent?.type === 'ExpressionStatement';
}

/**
 * The floating root calls of one statement or arrow function: an `ExpressionStatement`, or
 * an expression-bodied arrow whose value is thrown away — its body is `void …`, or it is
 * handed to a timer, a listener or `forEach`, which ignore what it returns.
 */
export function floatingSitesOf(node: Node): FloatingPromiseSite[] {
  const sites: FloatingPromiseSite[] = [];
  if (node.type === 'ExpressionStatement' && typeof node.directive !== 'string') {
    const dropped = droppedCallbackSite(node);
    if (dropped) return [dropped];
    collect(node, node.expression, false, sites);
  }
  else if (node.type === 'ArrowFunctionExpression' && node.expression) {
    const body = unwrap(node.body);
    if ((body.type === 'UnaryExpression' && body.operator === 'void') || isDiscardingCallback(node)) collect(node, node.body, false, sites);
  }
  return sites;
}

/**
 * `items.forEach(async (x) => { await … })` or `items.map(async (x) => …);` as a statement: each
 * item's promise is thrown away (the most common zombie in real code). Not an `async` callback
 * with no `await` in it (it has finished when it returns).
 */
function droppedCallbackSite(statement: TSESTree.ExpressionStatement): FloatingPromiseSite | undefined {
  const call = unwrap(statement.expression);
  if (!isCall(call) || call.arguments.length === 0) return undefined;
  const callee = unwrap(call.callee);
  const method = isMember(callee) ? memberPropertyName(callee) : undefined;
  if (method !== 'forEach' && method !== 'map') return undefined;
  const callback = unwrap(call.arguments[0]);
  if (!isFunctionNode(callback) || !callback.async || !someInOwnBody(callback, visitorKeys as VisitorKeys, isSuspension)) return undefined;
  return { statement, expression: call, call, chained: false, voided: false, callback };
}

/** Calls whose callback's return value is ignored: timers, listeners, `forEach`. */
const DISCARDING_CALLEES = new Set(['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'nextTick', 'on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'addEventListener', 'forEach']);

function isDiscardingCallback(fn: TSESTree.ArrowFunctionExpression): boolean {
  const parent = fn.parent;
  if (!isCall(parent) || !(parent.arguments as readonly Node[]).includes(fn)) return false;
  const name = lastName(parent.callee);
  return name !== undefined && DISCARDING_CALLEES.has(name);
}

/** What a file shows before any analysis: enough to rule out most calls without resolving names. */
export interface FileHints {
  /** Names of the file's `async` functions, methods and properties holding async functions. */
  asyncNames: ReadonlySet<string>;
  /** The file quotes a module of the signal-API table (`mentionsSignalApiModule`). */
  mentionsSignalApiModule: boolean;
  /** The file quotes a module whose tagged templates run queries (`postgres`); unknown = maybe. */
  mentionsTaggedQueryModule?: boolean;
  /** Local names the file imports or requires (their callees may be `async` functions of another module). */
  importedNames?: ReadonlySet<string>;
}

/**
 * Could `isKnownPromiseCall` (or a chain) hold for this site? A syntactic over-approximation:
 * `false` means the site is certainly not reported without types, so no index is needed.
 */
export function mayBeKnownPromiseSite(site: FloatingPromiseSite, hints: FileHints): boolean {
  if (site.chained || site.voided || site.callback) return true;
  if (site.call.type === 'TaggedTemplateExpression') return hints.mentionsTaggedQueryModule ?? true;
  if (!isCall(site.call)) return false;
  if (site.call.arguments.some(isFunctionNode)) return true;
  const callee = unwrap(site.call.callee);
  if (isFunctionNode(callee)) return callee.async;
  if (isIdentifier(callee)) return callee.name === 'fetch' || hints.asyncNames.has(callee.name) || hints.mentionsSignalApiModule || !!hints.importedNames?.has(callee.name);
  if (!isMember(callee)) return false;
  const name = memberPropertyName(callee);
  if (name === undefined) return false;
  const object = unwrap(callee.object);
  if (object.type === 'ThisExpression') return hints.asyncNames.has(name);
  return name === 'fetch' || (hints.mentionsSignalApiModule && isSignalApiName(name)) || (isIdentifier(object) && !!hints.importedNames?.has(object.name));
}

function collect(statement: FloatingPromiseSite['statement'], raw: Node, voided: boolean, sites: FloatingPromiseSite[]): void {
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
      if (isCall(root) || isNew(root) || root.type === 'TaggedTemplateExpression') sites.push({ statement, expression: raw, call: root, chained, voided });
    }
  }
}

/**
 * Without types, is the root call promise-valued? Calls of same-module `async` functions
 * (declarations, `const` arrow/function expressions, `this.method()` of the enclosing class),
 * async IIFEs, the known promise-returning signal-accepting APIs and, given the project's
 * facts (`far`), `async` functions other modules of the project export
 * (`import { sendEmail } from '@acme/email'`). A `.then` chain is promise-valued whatever its
 * root (see `FloatingPromiseSite.chained`).
 */
export function isKnownPromiseCall(call: Node, index: ProgramIndex, far?: () => FarContextLookup | undefined): boolean {
  if (call.type === 'TaggedTemplateExpression') return isQueryTag(call.tag, index);
  if (!isCall(call)) return false;
  if (runsPromiseTask(call, index, far)) return true;
  const callee = unwrap(call.callee);
  if (isFunctionNode(callee)) return callee.async;
  if (isIdentifier(callee)) {
    const variable = index.variableAt(callee, callee.name);
    if (variable && index.functionOf(variable)?.async) return true;
  } else if (isMember(callee) && unwrap(callee.object).type === 'ThisExpression') {
    if (isAsyncThisMethod(callee)) return true;
  }
  if (findSignalApi(call, index)?.returnsPromise) return true;
  return far !== undefined && callsAsyncExport(callee, index, far);
}

/** `sendEmail()` / `mail.send()` where the name is imported from a module of the project that exports it as an `async` function. */
function callsAsyncExport(callee: Node, index: ProgramIndex, far: () => FarContextLookup | undefined): boolean {
  if (!isIdentifier(callee) && !isMember(callee)) return false;
  const ref = index.moduleRef(callee);
  if (!ref || ref.path.length === 0) return false;
  return far()?.exportedFunction?.(ref)?.async === true;
}

/** Modules whose client, called as a tag, runs a query and returns a promise: `const sql = postgres(url)`. */
export const TAGGED_QUERY_SOURCES = ['postgres'];

/** `` sql`…` `` (also `sql.unsafe`… no: the tag itself) where `sql` holds `postgres(…)` of `postgres`. */
function isQueryTag(tag: Node, index: ProgramIndex): boolean {
  const id = unwrap(tag);
  if (!isIdentifier(id)) return false;
  const binding = index.resolve(id);
  if (binding?.kind !== 'local' || !isCall(unwrap(binding.init))) return false;
  const factory = unwrap((unwrap(binding.init) as TSESTree.CallExpression).callee);
  return TAGGED_QUERY_SOURCES.some((source) => index.refersTo(factory, [source], 'default'));
}

/** Test-framework calls: their async callbacks are awaited by the runner. */
const TEST_CALLEES = new Set(['it', 'test', 'describe', 'before', 'after', 'beforeEach', 'afterEach', 'beforeAll', 'afterAll', 'suite', 'bench', 'onTestFinished', 'onTestFailed']);
/** Methods of queues, limiters and locks that run the task they are given and return its promise. */
const TASK_RUNNER_METHODS = new Set(['add', 'schedule', 'runExclusive', 'enqueue', 'limit']);

/**
 * A wrapper that runs a promise-returning task and returns its promise: `limiter(() =>
 * this.processBatch())` (p-limit), `queue.add(() => this.flush())` (p-queue), `limiter.schedule(…)`
 * (Bottleneck), `mutex.runExclusive(…)`. The task is the first argument: for those methods an
 * `async` function or an arrow whose body is a known promise call; for a same-module
 * identifier only such an arrow (`onTestFinished(async () => …)`, `before(async () => …)`
 * register a callback, they do not run it).
 */
function runsPromiseTask(call: TSESTree.CallExpression, index: ProgramIndex, far?: () => FarContextLookup | undefined): boolean {
  const callee = unwrap(call.callee);
  const task = unwrap(call.arguments[0]);
  if (!isFunctionNode(task)) return false;
  const returnsKnownPromise = task.body.type !== 'BlockStatement' && isKnownPromiseCall(unwrap(task.body), index, far);
  if (isIdentifier(callee)) return !TEST_CALLEES.has(callee.name) && !index.isGlobal(callee) && returnsKnownPromise;
  return isMember(callee) && TASK_RUNNER_METHODS.has(memberPropertyName(callee) ?? '') && (task.async || returnsKnownPromise);
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
export function judgeFloatingSite(site: FloatingPromiseSite, index: ProgramIndex, hooks: SignalTypeHooks = {}, far?: () => FarContextLookup | undefined): 'owned' | 'floats' | 'unknown' {
  if (site.callback) return 'floats';
  if (isTaskGroupSpawn(site.call, index) || receivesSignal(site.call, hooks)) return 'owned';
  if (site.chained || isKnownPromiseCall(site.call, index, far)) return 'floats';
  // `void call()`: the `void` says its author knows a promise is thrown away.
  return site.voided && !isSurelyNotPromiseCall(site.call, index) ? 'floats' : 'unknown';
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

/**
 * The names a module's top level binds to imports: `import { a } from`, `import b from`,
 * `import * as c from`, `const d = require(…)`, `const { e } = require(…)` (type-only imports
 * left out). A cheap look at the top-level statements.
 */
export function importedNames(program: TSESTree.Program): Set<string> {
  const names = new Set<string>();
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration' && statement.importKind !== 'type') {
      for (const specifier of statement.specifiers) if (!(specifier.type === 'ImportSpecifier' && specifier.importKind === 'type')) names.add(specifier.local.name);
    } else if (statement.type === 'VariableDeclaration') {
      for (const declarator of statement.declarations) {
        let init = unwrap(declarator.init);
        while (isMember(init)) init = unwrap(init.object);
        if (!isCall(init) || !isIdentifier(init.callee, 'require')) continue;
        if (isIdentifier(declarator.id)) names.add(declarator.id.name);
        else if (declarator.id.type === 'ObjectPattern') {
          for (const property of declarator.id.properties) {
            const value = property.type === 'Property' ? (property.value.type === 'AssignmentPattern' ? property.value.left : property.value) : undefined;
            if (isIdentifier(value)) names.add(value.name);
          }
        }
      }
    }
  }
  return names;
}

/** The hints of a file already indexed (the rules gather them during ESLint's traversal instead). */
function fileHints(index: ProgramIndex, resolvesImports: boolean): FileHints {
  const asyncNames = new Set<string>();
  for (const node of index.nodes) {
    if (isFunctionNode(node) && node.async) {
      const name = asyncFunctionName(node);
      if (name !== undefined) asyncNames.add(name);
    }
  }
  return { asyncNames, mentionsSignalApiModule: index.importsModule(...SIGNAL_API_SOURCES), mentionsTaggedQueryModule: index.importsModule(...TAGGED_QUERY_SOURCES), ...(resolvesImports ? { importedNames: importedNames(index.program) } : {}) };
}

/**
 * What `no-uncancellable-floating-promise` reports without type information: floating
 * promise-valued calls that receive no `AbortSignal` and are not a TaskGroup `spawn`, where
 * the rule's scope reports them (`FloatingScope`: server code, unless `everywhere`).
 * The rule's cheap pre-check runs first, so a file without candidates needs no scopes.
 */
export function findFloatingPromiseSites(index: ProgramIndex, options: BackgroundOptions & FloatingScopeOptions = {}): FloatingPromiseSite[] {
  const candidates = floatingCandidates(index);
  if (candidates.length === 0) return [];
  const hints = fileHints(index, !!options.farContext?.exportedFunction);
  const far = options.farContext && (() => options.farContext);
  const floating = candidates.filter((site) => !isNew(site.call) && mayBeKnownPromiseSite(site, hints) && judgeFloatingSite(site, index, {}, far) === 'floats');
  if (floating.length === 0) return [];
  const scope = floatingScopeOf(analyzeProgram(index, options), options);
  return floating.filter((site) => scope.reports(site));
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
