import type { FloatingPromiseSite } from '../floating';
import { isTypeScriptFile } from '../parse-settings';
import { describeSignal, importClause } from './describe';
import { insertAt } from './edits';
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
  const imported = planHelperImport(file, 'background', site.expression);
  const planner = new SignalFlowPlanner(file.index, file.source, isTypeScriptFile(file.filename), new Set([site.expression]));
  const signal = freshSignalName(file.index, site.expression);
  const flow = planner.pass(site.expression, signal);
  const threading = planner.threading();
  const reachesSignal = flow.edits.length > 0;
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
