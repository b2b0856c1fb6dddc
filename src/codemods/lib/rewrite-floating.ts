import { nodeRange } from '../../analysis/ast.js';
import { insertAt } from './edits.js';
import { signalNameAt } from './names.js';
import type { RewriteContext, RewriteResult } from './run.js';
import { floatingSites, signalEdits } from './sites.js';
import { outerStart, signalEditsIn } from './tasks.js';

/**
 * The `floating-promises` step: each floating promise `no-uncancellable-floating-promise`
 * reports becomes `background.spawn((signal) => <expression>)`: `.then/.catch/.finally`
 * chains stay inside the task, `void` stays outside, the signal goes to the known calls.
 */
export function rewriteFloating(context: RewriteContext): RewriteResult {
  const { sites, index } = floatingSites(context.index);
  const result: RewriteResult = { edits: [], rewritten: [], left: [] };
  if (sites.length === 0) return result;
  const find = signalEdits(index);
  const done = new Set<import('../../analysis/ast.js').AnyNode>();
  for (const site of sites) {
    const signalName = signalNameAt(index, site.expression);
    const [, end] = nodeRange(site.expression);
    result.edits.push(
      insertAt(outerStart(site.expression), `${context.helper('background')}.spawn((${signalName}) => `),
      ...signalEditsIn(site.expression, signalName, context.source, find, done),
      insertAt(end, ')'),
    );
    result.rewritten.push(nodeRange(site.call));
  }
  result.rewritten.sort((a, b) => a[0] - b[0]);
  return result;
}
