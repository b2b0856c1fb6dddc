import type { TSESTree } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { type FunctionNode, type Node, isCall, isFunctionNode, isIdentifier, isMember, isNew, memberPropertyName, rootIdentifier, unwrap } from '../ast';
import { responseParameter } from '../after-response';
import { analyzeProgram } from '../background';
import type { BackgroundOptions } from '../contexts';
import { calledFunction, functionName, owningMember, referencedFunction } from '../functions';
import { analyzeScopes } from '../scope-analysis';
import { parseSettings } from '../parse-settings';
import { ProgramIndex } from '../program';
import type { CallEdge, EdgeTarget, EntryFact, FunctionSummary, ModuleFacts, RequestFact, Summarizer } from '../project/summary';
import { waitsOnlyOnFiles } from '../local-file';
import { settlesAtOnce } from '../owned-promises';
import { requestHandlers } from '../request-handlers';
import type { VisitorKeys } from '../walk';
import { conventionEntries } from './conventions';
import { fieldTypeTarget, hasTypedReceiver } from './fields';
import { lineOf } from '../lines';
import { moduleRole } from '../module-role';

/** The summary id of a function: its start offset (unique in a module, and stable for one text). */
export function functionId(fn: { range: readonly [number, number] }): string {
  return String(fn.range[0]);
}

/** "a BullMQ worker" → "the BullMQ worker": a handler named as the one a report points to. */
export function definiteLabel(label: string): string {
  return label.replace(/^an? /, 'the ');
}

/** The nearest summarized function around a nested one (whose calls it holds). */
function enclosingSummarized(node: Node, summarized: ReadonlyMap<FunctionNode, FunctionSummary>): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) if (isFunctionNode(current) && summarized.has(current)) return current;
  return undefined;
}

/** A declaration at the top of the module (`class A`, `export const a = ...`). */
function isTopLevel(declaration: Node): boolean {
  let current = declaration.parent;
  while (current && (current.type === 'VariableDeclaration' || current.type === 'ExportNamedDeclaration' || current.type === 'ExportDefaultDeclaration')) current = current.parent;
  return current?.type === 'Program';
}

/** What an expression that names something of another module (or a top-level name) leads to, as an edge target. */
function nameTarget(expression: Node, index: ProgramIndex): EdgeTarget | undefined {
  const ref = index.moduleRef(expression);
  if (ref) return { kind: 'module', source: ref.source, path: ref.path };
  // A top-level class or object of the module itself: `Mailer.send()`, `tasks.start()`.
  const root = rootIdentifier(expression);
  if (!root || root === unwrap(expression)) return undefined;
  const binding = index.resolve(root);
  if (binding?.kind !== 'local') return undefined;
  const declaration = binding.declaration;
  if ((declaration.type !== 'ClassDeclaration' && declaration.type !== 'VariableDeclarator') || !isTopLevel(declaration)) return undefined;
  const path: string[] = [];
  for (let current = unwrap(expression); isMember(current); current = unwrap(current.object)) {
    const name = memberPropertyName(current);
    if (name === undefined) return undefined;
    path.unshift(name);
  }
  return { kind: 'import', local: root.name, path };
}

function edgeKey(target: EdgeTarget, range: readonly [number, number]): string {
  switch (target.kind) {
    case 'local':
      return `l${target.id}`;
    case 'import':
      return `i${target.local}.${target.path.join('.')}`;
    case 'module':
      return `m${target.source}\0${target.path.join('.')}`;
    case 'call':
      return `c${range[0]}`;
  }
}

/**
 * A module's facts for cross-module propagation, from the single-file analysis: each
 * top-level function, method and background handler with the calls it makes (to functions
 * of the module, to names other modules export, to class methods through fields typed with
 * a class), which are request handlers, and the module's background entries. A browser/UI
 * module, a test and a task-runner definition have neither background entries nor request
 * handlers.
 */
export function summarizeModule(file: string, program: TSESTree.Program, text: string, tree: 'espree' | 'typescript-estree', options: BackgroundOptions): ModuleFacts {
  const { commonJS } = parseSettings(file);
  const index = new ProgramIndex({ ast: program, scopeManager: () => analyzeScopes(program, tree, commonJS), visitorKeys: visitorKeys as VisitorKeys });
  const analysis = analyzeProgram(index, options);
  const entries: EntryFact[] = [];
  const summaries = new Map<FunctionNode, FunctionSummary>();
  const boundaries = new Set<FunctionNode>();
  const add = (fn: FunctionNode) => {
    if (summaries.has(fn)) return;
    const name = qualifiedName(fn);
    summaries.set(fn, {
      id: functionId(fn),
      ...(name ? { name } : {}),
      ...(fn.async ? { async: true } : {}),
      ...(settlesAtOnce(fn, index) ? { settlesAtOnce: true } : {}),
      ...(waitsOnlyOnFiles(fn, index) ? { waitsOnlyOnFiles: true } : {}),
      range: [fn.range[0], fn.range[1]],
      calls: [],
    });
  };
  index.walk(program, (node) => {
    if (!isFunctionNode(node)) return true;
    if (responseParameter(node) && !analysis.handlers.has(node)) boundaries.add(node);
    // Top-level functions and members of top-level classes and objects (nested functions are part of them).
    if (!hasFunctionAncestor(node)) add(node);
    return true;
  });
  // Browser/UI code, tests and task-runner definitions start no server background work: their
  // handlers are no entries (the page, the test runner, the developer's build own that work).
  const role = moduleRole(index);
  const noEntries = role === 'client' || role === 'test' || role === 'tooling';
  for (const [fn, context] of analysis.handlers) {
    if (noEntries || context.kind === 'reached' || !isFunctionNode(fn)) continue;
    add(fn);
    entries.push({ id: functionId(fn), label: definiteLabel(context.label), line: lineOf(text, fn.range[0]), ...(context.processExit ? { processExit: true } : {}) });
  }
  for (const fn of boundaries) {
    add(fn);
    (summaries.get(fn) as { boundary?: boolean }).boundary = true;
  }
  const requests: RequestFact[] = [];
  for (const [fn, kind] of noEntries ? [] : requestHandlers(index)) {
    if (analysis.handlers.has(fn)) continue;
    add(fn);
    requests.push({ id: functionId(fn), line: lineOf(text, fn.range[0]), ...(kind === 'serverless' ? { serverless: true } : {}) });
  }

  for (const [fn, summary] of summaries) {
    const calls: CallEdge[] = [];
    const seen = new Set<string>();
    const push = (target: EdgeTarget | undefined, range: readonly [number, number]) => {
      if (!target) return;
      const key = edgeKey(target, range);
      if (seen.has(key)) return;
      seen.add(key);
      calls.push({ target, range: [range[0], range[1]] });
    };
    const toFunction = (target: FunctionNode | undefined, range: readonly [number, number]) => {
      if (!target || target === fn) return;
      const owner = summaries.has(target) ? target : enclosingSummarized(target, summaries);
      if (owner && owner !== fn) push({ kind: 'local', id: functionId(owner) }, range);
    };
    index.walk(fn, (node) => {
      if (node !== fn && isFunctionNode(node) && boundaries.has(node)) return false;
      if (isCall(node)) {
        const callee = unwrap(node.callee);
        const local = calledFunction(node, index);
        if (local) toFunction(local, node.range);
        else if (isFunctionNode(callee)) {
          // an IIFE: part of this function
        } else push(fieldTypeTarget(callee, index) ?? nameTarget(callee, index) ?? (hasTypedReceiver(callee, index) ? { kind: 'call' } : undefined), node.range);
      }
      if (isCall(node) || isNew(node)) {
        for (const argument of node.arguments) {
          const value = unwrap(argument);
          if (!isIdentifier(value) && !isMember(value)) continue;
          const referenced = referencedFunction(value, index);
          if (referenced) toFunction(referenced, value.range);
          else push(nameTarget(value, index), value.range);
        }
      }
      return true;
    });
    (summary as { calls: readonly CallEdge[] }).calls = calls;
  }

  const functions = [...summaries.values()];
  for (const convention of noEntries ? [] : conventionEntries(index, options, text)) {
    functions.push(convention.fn);
    entries.push(convention.entry);
  }
  return { functions, entries, ...(requests.length > 0 ? { requests } : {}) };
}

function hasFunctionAncestor(node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) if (isFunctionNode(current)) return true;
  return false;
}

/** `SendMail.execute` for a class method, the function's own name otherwise. */
function qualifiedName(fn: FunctionNode): string | undefined {
  const name = functionName(fn);
  const member = owningMember(fn);
  const classNode = member?.parent?.parent;
  if (name !== undefined && (classNode?.type === 'ClassDeclaration' || classNode?.type === 'ClassExpression') && classNode.id) return `${classNode.id.name}.${name}`;
  return name;
}

/** The summarizer the rules and the CLI give the project index: the single-file analysis with these options. */
export function backgroundSummarizer(options: BackgroundOptions): Summarizer {
  const functions = [...(options.backgroundFunctions ?? [])].sort();
  const decorators = [...(options.backgroundDecorators ?? [])].sort();
  return {
    key: `facts-9\0${functions.join(',')}\0${decorators.join(',')}`,
    summarize: (file, text, program, parser) => summarizeModule(file, program, text, parser, options),
  };
}
