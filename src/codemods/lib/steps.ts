// The one place the codemods read the shared analysis: the sites the rules report, and the
// rewrite the rules suggest for each (src/analysis/rewrite), never a second copy of either.
import { analyzeProgram } from '../../analysis/background.js';
import { findCombinatorSites } from '../../analysis/combinator-sites.js';
import { combinatorShape } from '../../analysis/combinators.js';
import { findFloatingPromiseSites } from '../../analysis/floating.js';
import type { ProgramIndex } from '../../analysis/program.js';
import { planCombinatorRewrite } from '../../analysis/rewrite/combinator-plan.js';
import { planFloatingRewrite } from '../../analysis/rewrite/floating-plan.js';
import type { PlanFile, RewritePlan } from '../../analysis/rewrite/plan.js';
import type { FarLookup } from '../../analysis/cross/far-context.js';
import type { CodemodOptions } from './options.js';

/** A site as the codemod sees it: the range its rule reports, and the rewrite its rule suggests. */
export interface StepSite {
  range: readonly [number, number];
  plan(file: PlanFile): RewritePlan;
}

/**
 * One codemod: the sites of a file in the order it rewrites them, one at a time (the file is
 * analysed again after each, as an editor user re-lints after applying a suggestion).
 */
export interface CodemodStep {
  name: 'promise-combinators' | 'floating-promises';
  /** The rule that reports the sites: its `eslint-disable` comments leave a site alone. */
  rule: `taskgroup/${string}`;
  /** `far`: the functions of the file background work in other modules reaches (as the rules see them). */
  sites(index: ProgramIndex, options: CodemodOptions, far?: FarLookup): StepSite[];
}

/**
 * `promise-combinators`: what `no-unscoped-promise-combinator` reports, innermost first (the
 * last in source order): a nested combinator becomes a group first, and the task that holds it
 * then passes it its signal.
 */
export const PROMISE_COMBINATORS: CodemodStep = {
  name: 'promise-combinators',
  rule: 'taskgroup/no-unscoped-promise-combinator',
  sites(index, options, far) {
    // The rule's cheap check first: without a `Promise.x(...)` call there is nothing to analyse.
    if (!index.nodes.some((node) => combinatorShape(node))) return [];
    const analysis = analyzeProgram(index, far ? { ...options, farContext: far } : options);
    return findCombinatorSites(analysis, options)
      .reverse()
      .map((site) => ({ range: site.callee.range, plan: (file) => planCombinatorRewrite(file, site) }));
  },
};

/**
 * `floating-promises`: what `no-uncancellable-floating-promise` reports without types, first
 * to last: an outer task passes its signal to the floating calls inside it, which are then
 * owned and no longer reported.
 */
export const FLOATING_PROMISES: CodemodStep = {
  name: 'floating-promises',
  rule: 'taskgroup/no-uncancellable-floating-promise',
  sites(index, options, far) {
    return findFloatingPromiseSites(index, far ? { ...options, farContext: far } : options).map((site) => ({ range: site.call.range, plan: (file) => planFloatingRewrite(file, site) }));
  },
};
