import type { TSESTree } from '@typescript-eslint/utils';
import { type Node, isCall, memberPropertyName, unwrap } from '../ast';
import type { CombinatorSite } from '../combinator-sites';
import { isTypeScriptFile } from '../parse-settings';
import { placementAt, planEdits } from '../signal-placement';
import { signalInScope } from '../signal-scope';
import { describeSignal, importClause, listOf } from './describe';
import { replaceRange, type TextEdit } from './edits';
import { planHelperImport } from './imports';
import { freshSignalName } from './names';
import type { PlanFile, RewritePlan } from './plan';
import { SignalFlowPlanner, type SignalFlow } from './signal-flow';
import { isTaskableElement, mapperEdits, taskBody, taskEdits, taskParameters } from './tasks';

/** `items.map(fn)` with an inline function: the mapper. */
function inlineMapper(argument: Node): TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | undefined {
  if (!isCall(argument) || memberPropertyName(unwrap(argument.callee)) !== 'map') return undefined;
  const mapper = unwrap(argument.arguments[0]);
  return mapper?.type === 'ArrowFunctionExpression' || mapper?.type === 'FunctionExpression' ? mapper : undefined;
}

interface ArgumentRewrite {
  edits: TextEdit[];
  flows: SignalFlow[];
  /** What becomes tasks, for the message: "its call", "its 2 calls", "the .map() callback's results". */
  tasks?: string;
  /** What stays as it was, for the message ("2 elements that are not calls") and the summary (`left`). */
  kept?: { what: string; reason: string };
}

const KEPT = '(joined, not cancellable)';

/** "the 2 elements that are not calls" is plural; "the argument", "the element that is not a call" are not. */
function plural(kept: { what: string }): boolean {
  return kept.what.endsWith('s');
}

/**
 * The rewrite of a `no-unscoped-promise-combinator` site: `Promise.X(arg)` becomes
 * `TaskGroup.X(arg')`. Calls in an array literal become tasks, an inline `.map()` callback
 * returns tasks; each task takes the signal only when something in it takes it (the known
 * APIs, nested groups, functions of the module threaded for it). The group takes the signal
 * in scope, if any. Anything else in the argument is kept (plain promises are joined). When
 * all of it is kept (`Promise.all(started)`) and no signal is in scope, the plan has no edits: the site is still
 * reported, with no suggestion, and `taskgroup migrate` lists it as left (`left`).
 */
export function planCombinatorRewrite(file: PlanFile, site: CombinatorSite): RewritePlan {
  const imported = planHelperImport(file, 'TaskGroup', site.call);
  const replacement = `${imported.local}.${site.combinator}`;
  const argument = site.call.arguments[0];
  const planner = new SignalFlowPlanner(file.index, file.source, isTypeScriptFile(file.filename), new Set(argument ? [argument] : []));
  const rewrite = rewriteArgument(file, site.call, planner, freshSignalName(file.index, site.call));
  const edits: TextEdit[] = [replaceRange(site.callee.range, replacement), ...rewrite.edits];

  // The group takes the signal in scope: a nested group is cancelled with what encloses it.
  const scoped = site.call.arguments.length < 2 ? signalInScope(site.call, file.index) : undefined;
  // Promises started before the join, nothing becomes a task and no signal bounds the join:
  // `TaskGroup.X(list)` would behave as `Promise.X(list)` does. Written, it would look migrated.
  if (!rewrite.tasks && rewrite.kept && !scoped) {
    return { edits: [], description: '', reachesSignal: false, left: `Promise.${site.combinator}: not rewritten, ${rewrite.kept.what} ${plural(rewrite.kept) ? 'hold' : 'holds'} promises already started (\`${replacement}\` would only join them): start the work as tasks of a group to cancel it` };
  }
  if (scoped) edits.push(...planEdits(placementAt(site.call, 1, scoped.expression), file.source));

  const threading = planner.threading();
  const reachesSignal = rewrite.flows.some((flow) => flow.edits.length > 0);
  const parts = [`Replace \`Promise.${site.combinator}\` with \`${replacement}\`${importClause(imported, file.helperModule, 'TaskGroup')}`];
  if (rewrite.tasks) {
    parts.push(
      reachesSignal
        ? `run ${rewrite.tasks} as tasks, ${describeSignal([...rewrite.flows, threading], "each task's")}`
        : `run ${rewrite.tasks} as tasks (nothing in them takes a signal, so they can be cancelled only at the task boundary)`,
    );
  }
  if (scoped) parts.push(`give the group the enclosing \`${scoped.expression}\``);
  if (rewrite.kept) parts.push(`keep ${rewrite.kept.what} as ${plural(rewrite.kept) ? 'they are' : 'it is'} ${KEPT}`);
  return {
    // The import first: at one offset (a site at the top of the file), it goes before the site's text.
    edits: [...imported.edits, ...edits, ...threading.edits],
    description: `${listOf(parts)}.`,
    reachesSignal,
    ...(rewrite.kept ? { left: `Promise.${site.combinator}: ${rewrite.kept.reason}` } : {}),
  };
}

function rewriteArgument(file: PlanFile, call: TSESTree.CallExpression, planner: SignalFlowPlanner, signal: string): ArgumentRewrite {
  const first = call.arguments[0];
  if (!first) return { edits: [], flows: [] };
  if (first.type === 'SpreadElement') return { edits: [], flows: [], kept: { what: 'the spread argument', reason: `argument is a spread: kept as is ${KEPT}` } };
  const argument = unwrap(first);
  const annotate = isTypeScriptFile(file.filename);
  if (argument.type === 'ArrayExpression') {
    const edits: TextEdit[] = [];
    const flows: SignalFlow[] = [];
    let tasks = 0;
    let plain = 0;
    for (const element of argument.elements) {
      if (!isTaskableElement(element)) {
        if (element) plain += 1;
        continue;
      }
      const flow = planner.pass(taskBody(element), signal);
      flows.push(flow);
      tasks += 1;
      edits.push(...taskEdits(element, taskParameters(flow.edits.length > 0 ? signal : undefined, annotate), file.source), ...flow.edits);
    }
    return {
      edits,
      flows,
      ...(tasks > 0 ? { tasks: tasks === 1 ? 'its call' : `its ${tasks} calls` } : {}),
      ...(plain > 0
        ? {
            kept: {
              what: plain === 1 ? 'the element that is not a call' : `the ${plain} elements that are not calls`,
              reason: `array element is not a call: kept as a plain promise ${KEPT}`,
            },
          }
        : {}),
    };
  }
  const mapper = inlineMapper(argument);
  if (mapper) {
    const flow = planner.pass(mapper.body, signal);
    const edits = mapperEdits(mapper, taskParameters(flow.edits.length > 0 ? signal : undefined, annotate), file.source);
    if (!edits) return { edits: [], flows: [], kept: { what: 'the generator .map() callback', reason: `map callback is a generator: kept as is ${KEPT}` } };
    return { edits: [...edits, ...flow.edits], flows: [flow], tasks: "the .map() callback's results" };
  }
  return {
    edits: [],
    flows: [],
    kept: { what: 'the argument', reason: `argument is not an array literal or an inline .map() callback: kept as is ${KEPT}` },
  };
}
