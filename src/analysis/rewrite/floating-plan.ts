import type { FunctionNode, Node } from '../ast';
import type { FloatingPromiseSite } from '../floating';
import { isTypeScriptFile } from '../parse-settings';
import { describeSignal, importClause } from './describe';
import { insertAt, replaceRange } from './edits';
import { planHelperImport } from './imports';
import { freshSignalName } from './names';
import type { PlanFile, RewritePlan } from './plan';
import { SignalFlowPlanner } from './signal-flow';

/**
 * The rewrite of a `no-uncancellable-floating-promise` site: the floating expression becomes
 * a task of the runtime's process-wide `background` group, `void background.spawn((signal) =>
 * <expression>)` (`.then/.catch/.finally` chains stay inside the task; `void` says the spawn's
 * promise is owned by the group). The task takes the signal only when something in it takes
 * it: the known APIs, nested groups, functions of the module threaded for it.
 */
export function planFloatingRewrite(file: PlanFile, site: FloatingPromiseSite): RewritePlan {
  if (site.callback) return planCallbackRewrite(file, site, site.callback);
  const { imported, signal, flow, threading, reachesSignal } = planTask(file, site.expression, site.expression);
  // `void` says the group owns the spawn's promise; a held promise stays in its variable.
  const spawn = `${site.voided || site.held ? '' : 'void '}${imported.local}.spawn((${reachesSignal ? signal : ''}) => `;
  const shown = `\`${spawn}…)\``;
  const what = reachesSignal ? `, ${describeSignal([flow, threading], "the task's")}` : '; nothing in it takes a signal, so it can be cancelled only at the task boundary';
  return {
    // The import first: at one offset (a site at the top of the file), it goes before the site's text.
    edits: [...imported.edits, insertAt(site.expression.range[0], spawn), ...flow.edits, insertAt(site.expression.range[1], ')'), ...threading.edits],
    description: `Run it as a task of \`${imported.local}\`${importClause(imported, file.helperModule, 'background')}: ${shown}${what}.`,
    reachesSignal,
  };
}

/** What a task of `background` running `body` needs: the import (placed for `site`), its signal's name, the signal passed on inside. */
function planTask(file: PlanFile, site: Node, body: Node) {
  const imported = planHelperImport(file, 'background', site);
  const planner = new SignalFlowPlanner(file.index, file.source, isTypeScriptFile(file.filename), new Set([body]));
  const signal = freshSignalName(file.index, body);
  const flow = planner.pass(body, signal);
  const threading = planner.threading();
  return { imported, signal, flow, threading, reachesSignal: flow.edits.length > 0 };
}

/**
 * `items.forEach(async (x) => body)` (or a dropped `items.map(async …)`): each item's call
 * becomes a task of `background` instead of a promise nobody holds,
 * `items.forEach((x) => void background.spawn(async (signal) => body))`. The callback stays
 * where it is (the same items, the same order of starts); `this` and `arguments` are the
 * callback's, as the task is an arrow inside it.
 */
function planCallbackRewrite(file: PlanFile, site: FloatingPromiseSite, callback: FunctionNode): RewritePlan {
  const { imported, signal, flow, threading, reachesSignal } = planTask(file, site.expression, callback.body);
  const task = `void ${imported.local}.spawn(async (${reachesSignal ? signal : ''}) => `;
  const asyncKeyword = /^async\s*/.exec(file.source.slice(callback.range[0], callback.range[1]))![0];
  const body = callback.body;
  const wrap =
    callback.type === 'ArrowFunctionExpression'
      ? [insertAt(body.range[0], task), insertAt(body.range[1], ')')]
      : [insertAt(body.range[0] + 1, ` ${task}{`), insertAt(body.range[1] - 1, '}); ')];
  const what = reachesSignal ? `, ${describeSignal([flow, threading], "each task's")}` : '; nothing in it takes a signal, so each can be cancelled only at the task boundary';
  return {
    edits: [...imported.edits, replaceRange([callback.range[0], callback.range[0] + asyncKeyword.length], ''), ...wrap, ...flow.edits, ...threading.edits],
    description: `Run each item's call as a task of \`${imported.local}\`${importClause(imported, file.helperModule, 'background')}: \`${task}…)\`${what}.`,
    reachesSignal,
  };
}
