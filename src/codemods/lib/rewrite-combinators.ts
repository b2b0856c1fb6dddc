import type { AnyNode } from '../../analysis/ast.js';
import { isCallNode, isFunctionNode, memberPropertyName, nodeRange, unwrap } from '../../analysis/ast.js';
import type { TextEdit } from './edits.js';
import { signalNameAt } from './names.js';
import type { RewriteContext, RewriteResult } from './run.js';
import { combinatorSites, signalEdits } from './sites.js';
import { isTaskableElement, mapperEdits, signalEditsIn, taskEdits, taskParameter, type SignalEditFinder } from './tasks.js';

function lineOf(node: AnyNode): number {
  return (node.loc as { start: { line: number } } | undefined)?.start.line ?? 0;
}

/** `items.map(fn)` with an inline function: the mapper, else undefined. */
function inlineMapper(argument: AnyNode): (AnyNode & { params: AnyNode[]; body: AnyNode }) | undefined {
  if (!isCallNode(argument) || memberPropertyName(argument.callee) !== 'map') return undefined;
  const mapper = argument.arguments[0];
  return mapper && isFunctionNode(mapper) && mapper.type !== 'FunctionDeclaration' ? unwrap(mapper) as AnyNode & { params: AnyNode[]; body: AnyNode } : undefined;
}

interface ArgumentRewrite {
  edits: TextEdit[];
  left?: string;
}

/** The edits that turn a combinator's argument into tasks, and what had to be left. */
function rewriteArgument(call: AnyNode, signalName: string, parameter: string, source: string, find: SignalEditFinder, done: Set<AnyNode>): ArgumentRewrite {
  const first = (call.arguments as AnyNode[])[0];
  if (!first) return { edits: [], left: 'no argument' };
  if (first.type === 'SpreadElement') return { edits: [], left: 'argument is a spread' };
  const argument = unwrap(first);
  if (argument.type === 'ArrayExpression') {
    const edits: TextEdit[] = [];
    let plain = 0;
    for (const element of argument.elements as (AnyNode | null)[]) {
      if (!isTaskableElement(element)) {
        if (element) plain += 1;
        continue;
      }
      edits.push(...taskEdits(element, parameter), ...signalEditsIn(element, signalName, source, find, done));
    }
    return plain > 0
      ? { edits, left: 'array element is not a call: kept as a plain promise (joined, not cancellable)' }
      : { edits };
  }
  const mapper = inlineMapper(argument);
  if (mapper) {
    const edits = mapperEdits(mapper, parameter, source);
    if (!edits) return { edits: [], left: 'map callback is a generator: kept as is (joined, not cancellable)' };
    return { edits: [...edits, ...signalEditsIn(mapper.body, signalName, source, find, done)] };
  }
  return { edits: [], left: 'argument is not an array literal or an inline .map() callback: kept as is (joined, not cancellable)' };
}

/** The `promise-combinators` step: the sites `no-unscoped-promise-combinator` reports, rewritten. */
export function rewriteCombinators(context: RewriteContext): RewriteResult {
  const { sites, index } = combinatorSites(context.index, context.options);
  const result: RewriteResult = { edits: [], rewritten: [], left: [] };
  if (sites.length === 0) return result;
  const find = signalEdits(index);
  const done = new Set<AnyNode>();
  // Innermost first: an inner site's tasks give their calls the inner signal.
  const ordered = [...sites].sort((a, b) => nodeRange(b.call)[0] - nodeRange(a.call)[0]);
  for (const site of ordered) {
    const signalName = signalNameAt(index, site.call);
    result.edits.push({ range: nodeRange(site.callee), text: `${context.helper('TaskGroup')}.${site.combinator}` });
    const parameter = taskParameter(signalName, /\.[mc]?tsx?$/i.test(context.filePath));
    const argument = rewriteArgument(site.call, signalName, parameter, context.source, find, done);
    result.edits.push(...argument.edits);
    if (argument.left) result.left.push({ line: lineOf(site.call), reason: `Promise.${site.combinator}: ${argument.left}` });
    result.rewritten.push(nodeRange(site.callee));
  }
  result.rewritten.sort((a, b) => a[0] - b[0]);
  return result;
}
