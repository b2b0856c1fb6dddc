import type { TSESTree } from '@typescript-eslint/utils';
import { type FunctionNode, type Node, isCall, isNew, unwrap } from '../ast';
import { insertAt, replaceRange, type TextEdit } from './edits';

/**
 * The text of a task: `(signal) => call` when it passes its signal on, `() => call` when
 * nothing in it takes one. In TypeScript a task inside an array literal is annotated
 * `(signal: AbortSignal)`: the combinator's tuple overloads give it no contextual type.
 */
export function taskParameters(signal: string | undefined, annotate: boolean): string {
  if (signal === undefined) return '()';
  return annotate ? `(${signal}: AbortSignal)` : `(${signal})`;
}

/** Whether an array element can become a task: a call or `new`, or an awaited one. */
export function isTaskableElement(element: Node | null): element is TSESTree.Expression {
  if (!element || element.type === 'SpreadElement') return false;
  const inner = unwrap(element.type === 'AwaitExpression' ? element.argument : element);
  return isCall(inner) || isNew(inner);
}

/** The expression a task element runs: `call` for `call` and for `await call` (the group awaits it). */
export function taskBody(element: TSESTree.Expression): Node {
  return element.type === 'AwaitExpression' ? element.argument : element;
}

/** `call` → `<parameters> => call`; `await call` → `<parameters> => call`. */
export function taskEdits(element: TSESTree.Expression, parameters: string, source: string): TextEdit[] {
  const arrow = `${parameters} => `;
  if (element.type === 'AwaitExpression') {
    const keyword = /^await\s*/.exec(source.slice(element.range[0], element.argument.range[0]))!;
    return [replaceRange([element.range[0], element.range[0] + keyword[0].length], arrow)];
  }
  return [insertAt(element.range[0], arrow)];
}

/** The range of a leading `async` keyword and the blanks after it, if the function has one. */
function asyncKeyword(fn: FunctionNode, source: string): [number, number] | undefined {
  if (!fn.async) return undefined;
  const match = /^async\s*/.exec(source.slice(fn.range[0], fn.range[0] + 40));
  return match ? [fn.range[0], fn.range[0] + match[0].length] : undefined;
}

/**
 * Turns a mapper into a task factory: `(x) => expr` → `(x) => (signal) => expr`,
 * `async (x) => { ... }` → `(x) => async (signal) => { ... }`, `function (x) { ... }` →
 * `function (x) { return (signal) => { ... }; }`. `undefined` for shapes it cannot rewrite
 * (generators, an `async` keyword it cannot find).
 */
export function mapperEdits(mapper: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression, parameters: string, source: string): TextEdit[] | undefined {
  if (mapper.generator) return undefined;
  const keyword = asyncKeyword(mapper, source);
  if (mapper.async && !keyword) return undefined;
  const task = `${mapper.async ? 'async ' : ''}${parameters} => `;
  const edits: TextEdit[] = keyword ? [replaceRange(keyword, '')] : [];
  if (mapper.type === 'ArrowFunctionExpression') {
    // An object-literal body keeps its parentheses: `(x) => ({ ... })` → `(x) => (signal) => ({ ... })`.
    const bodyStart = source.lastIndexOf('=>', mapper.body.range[0]) + 2;
    const at = source.slice(bodyStart, mapper.body.range[0]).includes('(') ? bodyStart + source.slice(bodyStart).search(/\S/) : mapper.body.range[0];
    edits.push(insertAt(at, task));
    return edits;
  }
  const [bodyStart, bodyEnd] = mapper.body.range;
  edits.push(insertAt(bodyStart + 1, ` return ${task}{`), insertAt(bodyEnd - 1, '}; '));
  return edits;
}
