import type { AnyNode } from '../../analysis/ast.js';
import { isCallNode, isFunctionNode, nodeRange, unwrap } from '../../analysis/ast.js';
import { planEdits, type SignalPlan } from '../../analysis/signal-placement.js';
import { insertAt, type TextEdit } from './edits.js';

/** Finds how to give a call the signal named `signalName` (the analysis' `signalPlacement`), or undefined. */
export type SignalEditFinder = (call: AnyNode, signalName: string) => SignalPlan | undefined;

const SKIPPED_KEYS = new Set(['loc', 'extra', 'leadingComments', 'trailingComments', 'innerComments', 'typeAnnotation', 'returnType', 'typeParameters']);

/** The start of a node including the parentheses around it (Babel records them in `extra`). */
export function outerStart(node: AnyNode): number {
  const extra = node.extra as { parenthesized?: boolean; parenStart?: number } | undefined;
  return extra?.parenthesized && typeof extra.parenStart === 'number' ? extra.parenStart : nodeRange(node)[0];
}

/**
 * The edits that pass the signal to every known signal-accepting call inside `root` (the
 * call itself included), except inside nested functions that declare their own `signalName`,
 * and except calls already handled (`done`, shared by the sites of a file: an inner site's
 * task gives its calls its own signal).
 */
export function signalEditsIn(root: AnyNode, signalName: string, source: string, find: SignalEditFinder, done: Set<AnyNode>): TextEdit[] {
  const edits: TextEdit[] = [];
  const visit = (node: AnyNode): void => {
    if (isFunctionNode(node) && node.params.some((param) => (param as { name?: string }).name === signalName)) return;
    if ((isCallNode(node) || node.type === 'NewExpression') && !done.has(node)) {
      const plan = find(node, signalName);
      if (plan) {
        done.add(node);
        edits.push(...planEdits(plan, source));
      }
    }
    for (const [key, value] of Object.entries(node)) {
      if (SKIPPED_KEYS.has(key) || !value || typeof value !== 'object') continue;
      if (Array.isArray(value)) {
        for (const item of value) if (item && typeof item === 'object' && typeof (item as AnyNode).type === 'string') visit(item as AnyNode);
      } else if (typeof (value as AnyNode).type === 'string') {
        visit(value as AnyNode);
      }
    }
  };
  visit(root);
  return edits;
}

/** Whether an array element can become a task: a call, or an awaited call. */
export function isTaskableElement(element: AnyNode | null | undefined): element is AnyNode {
  if (!element || element.type === 'SpreadElement') return false;
  const inner = element.type === 'AwaitExpression' ? unwrap(element.argument as AnyNode) : unwrap(element);
  return isCallNode(inner) || inner.type === 'OptionalCallExpression' || inner.type === 'NewExpression';
}

/**
 * The task's parameter list: `(signal)`, or `(signal: AbortSignal)` in TypeScript, where
 * a task inside an array literal gets no contextual type from the combinator's tuple
 * overloads (strict mode would call it an implicit `any`).
 */
export function taskParameter(signalName: string, typescript: boolean): string {
  return typescript ? `(${signalName}: AbortSignal)` : `(${signalName})`;
}

/** `call` → `(signal) => call`; `await call` → `(signal) => call` (the task is awaited by the group). */
export function taskEdits(element: AnyNode, parameter: string): TextEdit[] {
  const arrow = `${parameter} => `;
  if (element.type === 'AwaitExpression') {
    return [{ range: [outerStart(element), outerStart(element.argument as AnyNode)], text: arrow }];
  }
  return [insertAt(outerStart(element), arrow)];
}

/** The range of a leading `async` keyword and the blanks after it, if the function has one. */
function asyncKeyword(fn: AnyNode, source: string): [number, number] | undefined {
  if (!fn.async) return undefined;
  const start = nodeRange(fn)[0];
  const match = /^async\s*/.exec(source.slice(start, start + 40));
  return match ? [start, start + match[0].length] : undefined;
}

type FunctionLike = AnyNode & { params: AnyNode[]; body: AnyNode; async?: boolean; generator?: boolean };

/**
 * Turns a mapper into a task factory: `(x) => expr` → `(x) => (signal) => expr`,
 * `async (x) => { ... }` → `(x) => async (signal) => { ... }`, `function (x) { ... }` →
 * `function (x) { return (signal) => { ... }; }`. Undefined for shapes it cannot rewrite
 * (generators, `async function` / method shorthands it cannot find the keyword of).
 */
export function mapperEdits(mapper: FunctionLike, parameter: string, source: string): TextEdit[] | undefined {
  if (mapper.generator) return undefined;
  const keyword = asyncKeyword(mapper, source);
  if (mapper.async && !keyword) return undefined;
  const task = `${mapper.async ? 'async ' : ''}${parameter} => `;
  const edits: TextEdit[] = keyword ? [{ range: keyword, text: '' }] : [];
  if (mapper.type === 'ArrowFunctionExpression') {
    edits.push(insertAt(outerStart(mapper.body), task));
    return edits;
  }
  const [bodyStart, bodyEnd] = nodeRange(mapper.body);
  edits.push(insertAt(bodyStart + 1, ` return ${task}{`), insertAt(bodyEnd - 1, '}; '));
  return edits;
}
