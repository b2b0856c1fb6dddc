import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { API, FileInfo } from 'jscodeshift';
import { type FarLookup, farLookupFor } from '../../analysis/cross/far-context.js';
import { indexFile } from '../../analysis/parse.js';
import type { ProgramIndex } from '../../analysis/program.js';
import { disabledBy } from '../../analysis/disable-directives.js';
import { applyEdits } from '../../analysis/rewrite/edits.js';
import { EditHistory } from './history.js';
import { fileSettings, helperSpecifier, outputName, readOptions, type CodemodOptions } from './options.js';
import { sendReport, type FileReport } from './report.js';
import type { CodemodStep, StepSite } from './steps.js';

/** Parses the rewritten text; a rewrite whose output does not parse leaves the file as it was. */
function reindex(filePath: string, source: string): ProgramIndex {
  try {
    return indexFile(filePath, source);
  } catch (error) {
    throw new Error(`The rewritten file would not parse; left unchanged: ${(error as Error).message}`);
  }
}

/** The sites of `step` that its rule reports in `source`: those no `eslint-disable` comment turns off. */
function reportedSites(step: CodemodStep, index: ProgramIndex, source: string, options: CodemodOptions, far: FarLookup | undefined): StepSite[] {
  const disabled = disabledBy(index.program, source);
  return step.sites(index, options, far).filter((site) => !disabled(step.rule, site.range[0]));
}

/**
 * Runs one codemod on a file: rewrites its sites one at a time with the planner the rules'
 * suggestions use, re-analysing the file after each (so the result is what applying the
 * suggestions one by one gives), until none is left. Fills `report`; returns the new text.
 */
function runStep(step: CodemodStep, filePath: string, input: string, history: EditHistory, options: CodemodOptions, report: FileReport, far: FarLookup | undefined): string {
  let source = input;
  let index = indexFile(filePath, source);
  // Sites whose plan has no edits (no rewrite would change what runs), by their start in the input.
  const unwritten = new Set<number>();
  const pending = (): StepSite[] => reportedSites(step, index, source, options, far).filter((site) => !unwritten.has(history.original(site.range[0])));
  let sites = pending();
  report.ranges = sites.map((site) => [history.original(site.range[0]), history.original(site.range[1])] as [number, number]).sort((a, b) => a[0] - b[0]);
  const helperModule = helperSpecifier(filePath, options);
  let handled = 0;
  while (sites.length > 0) {
    // Each rewrite removes its site and adds none: more steps than sites is a planning bug.
    if (handled >= report.ranges.length) throw new Error(`${step.name}: a rewrite left its site in place (line ${history.line(sites[0]!.range[0])})`);
    const site = sites[0]!;
    const plan = site.plan({ index, source, filename: filePath, helperModule });
    const line = history.line(site.range[0]);
    handled += 1;
    if (plan.left) report.left.push({ line, reason: plan.left });
    if (plan.edits.length === 0) {
      unwritten.add(history.original(site.range[0]));
      sites = pending();
      continue;
    }
    if (plan.reachesSignal) report.rewritten += 1;
    else report.boundary.push(line);
    source = applyEdits(source, plan.edits);
    history.push(plan.edits);
    index = reindex(filePath, source);
    sites = pending();
  }
  // A site that an enclosing rewrite gave a signal was migrated with it.
  report.rewritten += report.ranges.length - handled;
  report.changed = source !== input;
  return source;
}

/**
 * What background work in other modules reaches in this file (as the rules see it), for the
 * input; after each rewrite a function is found by mapping its range back to the input.
 */
function farLookupThrough(history: EditHistory, filePath: string, input: string, options: CodemodOptions): FarLookup | undefined {
  let lookup: FarLookup | undefined;
  try {
    lookup = farLookupFor(path.resolve(filePath), input, options);
  } catch {
    return undefined;
  }
  if (!lookup) return undefined;
  const inInput = lookup;
  const original = (fn: { readonly range: readonly [number, number] }) => ({ range: [history.original(fn.range[0]), history.original(fn.range[1])] as const });
  const through: FarLookup = (fn) => inInput(original(fn));
  if (inInput.requestPath) through.requestPath = (fn) => inInput.requestPath?.(original(fn));
  if (inInput.exportedFunction) through.exportedFunction = inInput.exportedFunction;
  return through;
}

/**
 * Runs codemod steps on one source, in order. Returns the source itself when there is no
 * site; throws (the file is then left alone) when the input or an output does not parse.
 * Hands one report per step to `onReport`.
 */
export function runSteps(
  steps: readonly CodemodStep[],
  filePath: string,
  input: string,
  options: CodemodOptions,
  onReport: (report: FileReport) => void,
): string {
  let source = input;
  const history = new EditHistory(input);
  const far = farLookupThrough(history, filePath, input, options);
  for (const step of steps) {
    const report: FileReport = { file: filePath, codemod: step.name, rewritten: 0, boundary: [], left: [], ranges: [], changed: false };
    try {
      source = runStep(step, filePath, source, history, options, report, far);
    } catch (error) {
      report.error = error instanceof Error ? error.message : String(error);
      throw error;
    } finally {
      onReport(report);
    }
  }
  return source;
}

type RunnerApi = Partial<Pick<API, 'report'>>;

/**
 * A jscodeshift transform over `steps`. It parses `file.source` itself (the rules' parser)
 * and returns the new text, so jscodeshift is only the runner: workers, `--cpus`, `--dry`.
 * Reports go to the CLI's report file (or `api.report`), outputs to its output folder.
 */
export function runCodemods(steps: readonly CodemodStep[], file: FileInfo, api: RunnerApi, rawOptions: Record<string, unknown>): string {
  const options = readOptions(rawOptions, fileSettings(rawOptions, file.path));
  const output = runSteps(steps, file.path, file.source, options, (report) => sendReport(report, options.reportFile, api.report));
  if (options.outputDir && output !== file.source) writeFileSync(path.join(options.outputDir, outputName(file.path)), output);
  return output;
}
