import type { TSESTree } from '@typescript-eslint/utils';
import { type FunctionNode, type Node, isCall, isFunctionNode, isNew, memberPropertyName, parameterIdentifier, propertyKeyName } from '../ast';
import { calledFunction, functionName } from '../functions';
import type { ProgramIndex } from '../program';
import { findSignalApi } from '../signal-api-table';
import { parameterPlacement, placementAt, planEdits, receivesSignal, type SignalPlan } from '../signal-placement';
import { isAnnotatedAbortSignal, signalOfFunction } from '../signal-scope';
import { taskGroupOptionsCall } from '../task-group';
import { insertAt, replaceRange, type TextEdit } from './edits';
import { freshSignalName } from './names';

/**
 * Where cancellation goes once a task has a signal: into the calls that take one.
 * - the known signal-accepting APIs (`fetch`, `node:timers/promises`, axios... the table);
 * - the runtime's own groups (`TaskGroup.all(tasks, { signal })`, `new TaskGroup({ signal })`):
 *   a nested group takes the enclosing task's signal;
 * - functions of the same module that do such I/O ("threading"): the function gets an optional
 *   `signal` parameter (added last, so its other callers are unaffected), passes it on inside,
 *   and the call in the task passes the task's signal. A function that already takes a signal
 *   (a parameter named `signal` or typed `AbortSignal`, a destructured `{ signal }` option)
 *   is simply given it.
 */

type CallLike = TSESTree.CallExpression | TSESTree.NewExpression;

/** Members only an `AbortSignal` has, among what code does with one. */
const SIGNAL_MEMBERS = new Set(['aborted', 'reason', 'throwIfAborted', 'addEventListener', 'removeEventListener', 'onabort']);

/** How a same-module function takes a signal: as parameter `index` itself, or in the options object at `index`. */
interface SignalEntry {
  index: number;
  kind: 'parameter' | 'option';
}

/** The parameters callers pass arguments to: TypeScript's `this` parameter is not one. */
function positionalParams(fn: FunctionNode): TSESTree.Parameter[] {
  const first = fn.params[0];
  return first?.type === 'Identifier' && first.name === 'this' ? fn.params.slice(1) : fn.params;
}

/** What passing a signal into some code changes. */
export interface SignalFlow {
  edits: TextEdit[];
  /** What now receives the signal: API labels (`fetch`), `TaskGroup.all`, function names (`upload`). */
  passedTo: string[];
  /** Functions of the module given a new optional `signal` parameter. */
  threaded: string[];
}

/**
 * One plan's signal flow: shared by the tasks of a site so that a function threaded for one
 * task is threaded once, and a call is given one signal.
 */
export class SignalFlowPlanner {
  private readonly done = new Set<Node>();
  private readonly needs = new Map<FunctionNode, boolean>();
  private readonly threadedEntries = new Map<FunctionNode, SignalEntry>();
  private readonly functionEdits: TextEdit[] = [];
  private readonly threadedNames: string[] = [];

  constructor(
    private readonly index: ProgramIndex,
    private readonly source: string,
    private readonly typescript: boolean,
    /** Subtrees the site rewrites itself (their calls are the tasks' business). */
    private readonly excluded: ReadonlySet<Node> = new Set(),
  ) {}

  /** Gives `signal` (a name bound around `root`) to every call inside `root` that takes one. */
  pass(root: Node, signal: string): SignalFlow {
    const edits: TextEdit[] = [];
    const passedTo: string[] = [];
    this.visitCalls(root, signal, (call, plan, label) => {
      edits.push(...planEdits(plan, this.source));
      passedTo.push(label);
      this.done.add(call);
    });
    return { edits, passedTo: [...new Set(passedTo)], threaded: [] };
  }

  /** The edits made to functions of the module (new parameters, their own calls), and their names. */
  threading(): SignalFlow {
    return { edits: this.functionEdits, passedTo: [], threaded: [...this.threadedNames] };
  }

  /**
   * Calls `found` for each call inside `root` that should receive `signal`, with how to give it.
   * Nested functions with a signal of their own, and code where `signal` means something else,
   * are left to that signal.
   */
  private visitCalls(root: Node, signal: string, found: (call: CallLike, plan: SignalPlan, label: string) => void): void {
    this.index.walk(root, (node) => {
      if (node !== root && this.excluded.has(node)) return false;
      if (node !== root && isFunctionNode(node) && signalOfFunction(node, this.index)) return false;
      if ((isCall(node) || isNew(node)) && !this.done.has(node) && !this.index.isDeclaredAt(node, signal)) {
        const target = this.target(node, signal);
        if (target) found(node, target.plan, target.label);
      }
      return true;
    });
  }

  /** How a call takes the signal, if it takes one and has none yet. */
  private target(call: CallLike, signal: string): { plan: SignalPlan; label: string } | undefined {
    if (receivesSignal(call)) return undefined;
    const api = isCall(call) ? findSignalApi(call, this.index) : undefined;
    if (api) return { plan: placementAt(call, api.optionsIndex(call.arguments), signal, api), label: api.label };
    const group = taskGroupOptionsCall(call, this.index);
    if (group) return { plan: placementAt(call, group.optionsIndex, signal), label: group.label };
    const fn = isCall(call) ? calledFunction(call, this.index) : undefined;
    if (!fn || !isCall(call) || isFunctionNode(call.callee)) return undefined;
    const entry = this.entryOf(fn);
    // A signal parameter the call already fills (`job(x, undefined)`) is the caller's choice.
    if (!entry || (entry.kind === 'parameter' && call.arguments.length > entry.index)) return undefined;
    const label = functionName(fn) ?? 'a function';
    return { plan: entry.kind === 'parameter' ? parameterPlacement(call, entry.index, signal) : placementAt(call, entry.index, signal), label };
  }

  /** `fn` already takes an `AbortSignal` (a parameter or a destructured option). */
  private takesSignal(fn: FunctionNode): boolean {
    const own = signalOfFunction(fn, this.index);
    return !!own && this.isAbortSignalBinding(own.binding);
  }

  /** How `fn` takes a signal: its own, or a new parameter when it does I/O that takes one (threaded here). */
  private entryOf(fn: FunctionNode): SignalEntry | undefined {
    const own = signalOfFunction(fn, this.index);
    if (own) {
      if (!this.isAbortSignalBinding(own.binding)) return undefined;
      const params = positionalParams(fn);
      const index = params.findIndex((param) => param === own.binding || parameterIdentifier(param) === own.binding);
      if (index >= 0) return { index, kind: 'parameter' };
      const option = params.findIndex((param) => param.range[0] <= own.binding.range[0] && own.binding.range[1] <= param.range[1]);
      return option >= 0 ? { index: option, kind: 'option' } : undefined;
    }
    const planned = this.threadedEntries.get(fn);
    if (planned) return planned;
    if (!this.canThread(fn) || !this.needsSignal(fn)) return undefined;
    return this.thread(fn);
  }

  /**
   * Is a function's `signal` an `AbortSignal`? A parameter named `signal` may be a process
   * signal name (`kill(pid, signal)`): it counts when annotated `AbortSignal`, destructured from
   * options (`{ signal }`), or used as one (`signal.aborted`, `{ signal }` passed on).
   */
  private isAbortSignalBinding(binding: TSESTree.Identifier): boolean {
    if (isAnnotatedAbortSignal(binding) || binding.parent?.type === 'Property') return true;
    const variable = this.index.variableAt(binding, binding.name);
    return (variable?.references ?? []).some((reference) => {
      const id = reference.identifier as Node;
      const parent = id.parent;
      if (parent?.type === 'Property') return propertyKeyName(parent.key, parent.computed) === 'signal' && parent.value === id;
      return parent?.type === 'MemberExpression' && parent.object === id && SIGNAL_MEMBERS.has(memberPropertyName(parent) ?? '');
    });
  }

  /**
   * Can `fn` take a new last parameter without changing what its callers see? A function of
   * the module (`function f` or `const f = …`, not overloaded), no rest parameter, no
   * `arguments`, not a generator, and every use of it in the module is a call (or an export)
   * passing no more arguments than it declares: a function handed to `map` or an emitter
   * would receive their extra arguments as its signal.
   */
  private canThread(fn: FunctionNode): boolean {
    if (fn.generator || fn.params.some((param) => param.type === 'RestElement')) return false;
    const variable = this.variableOf(fn);
    if (!variable || variable.defs.length !== 1 || this.index.functionOf(variable) !== fn) return false;
    const scope = this.index.scopeManager.acquire(fn, true);
    if ((scope?.set.get('arguments')?.references.length ?? 0) > 0) return false;
    const declared = variable.defs[0]!.name;
    return variable.references.every((reference) => {
      const id = reference.identifier as Node;
      const parent = id.parent;
      if (id === declared || parent?.type === 'ExportSpecifier' || parent?.type === 'ExportDefaultDeclaration' || parent?.type === 'TSTypeQuery') return true;
      return (
        isCall(parent) &&
        parent.callee === id &&
        parent.arguments.length <= positionalParams(fn).length &&
        !parent.arguments.some((argument) => argument.type === 'SpreadElement')
      );
    });
  }

  private variableOf(fn: FunctionNode) {
    const id = fn.type === 'FunctionDeclaration' ? fn.id : fn.parent?.type === 'VariableDeclarator' && fn.parent.id.type === 'Identifier' ? fn.parent.id : undefined;
    return id ? this.index.variableAt(id, id.name) : undefined;
  }

  /** Does `fn`, given a signal, have a call to pass it to (directly, or through functions it would thread)? */
  private needsSignal(fn: FunctionNode): boolean {
    const known = this.needs.get(fn);
    if (known !== undefined) return known;
    this.needs.set(fn, false); // a cycle adds nothing
    let needs = false;
    this.index.walk(fn.body, (node) => {
      if (needs || (node !== fn.body && this.excluded.has(node))) return false;
      if (node !== fn.body && isFunctionNode(node) && signalOfFunction(node, this.index)) return false;
      if ((isCall(node) || isNew(node)) && !this.done.has(node) && !receivesSignal(node)) {
        const api = isCall(node) && findSignalApi(node, this.index);
        const called = isCall(node) ? calledFunction(node, this.index) : undefined;
        needs =
          !!api ||
          !!taskGroupOptionsCall(node, this.index) ||
          (!!called && called !== fn && !isFunctionNode(node.callee) && (this.takesSignal(called) || (this.canThread(called) && this.needsSignal(called))));
      }
      return !needs;
    });
    this.needs.set(fn, needs);
    return needs;
  }

  /**
   * Adds the optional parameter to `fn` and passes it on inside; returns where it sits. When
   * nothing inside ends up taking it (only a recursive call of `fn` itself), `fn` is left as it
   * is: a parameter nobody uses is what the rewrite must not leave behind.
   */
  private thread(fn: FunctionNode): SignalEntry | undefined {
    const entry: SignalEntry = { index: positionalParams(fn).length, kind: 'parameter' };
    this.threadedEntries.set(fn, entry); // a recursive call inside is given the new parameter
    const name = freshSignalName(this.index, fn);
    const label = functionName(fn) ?? 'a function';
    const inner = this.pass(fn.body, name);
    if (!inner.passedTo.some((target) => target !== label)) {
      this.threadedEntries.delete(fn);
      this.needs.set(fn, false);
      return undefined;
    }
    this.functionEdits.push(...this.parameterEdits(fn, this.typescript ? `${name}?: AbortSignal` : name), ...inner.edits);
    this.threadedNames.push(label);
    return entry;
  }

  /** The edits that append `parameter` to `fn`'s parameter list. */
  private parameterEdits(fn: FunctionNode, parameter: string): TextEdit[] {
    const last = fn.params.at(-1);
    if (last) {
      // `x => …`: a lone parameter without parentheses gets them.
      const bare = fn.type === 'ArrowFunctionExpression' && fn.params.length === 1 && !/\(\s*$/.test(this.source.slice(fn.range[0], last.range[0]));
      if (bare) return [replaceRange(last.range, `(${this.source.slice(...last.range)}, ${parameter})`)];
      return [insertAt(last.range[1], `, ${parameter}`)];
    }
    // `()`: the first `(` after the name and type parameters.
    const from = fn.typeParameters?.range[1] ?? fn.id?.range[1] ?? fn.range[0];
    const open = this.source.indexOf('(', from);
    return [insertAt(open + 1, parameter)];
  }
}
