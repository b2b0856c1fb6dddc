import type { TSESTree } from '@typescript-eslint/utils';
import type { Node } from './ast';
import type { ProgramAnalysis } from './background';
import { type Combinator, COMBINATORS, combinatorOf } from './combinators';
import type { BackgroundContext, BackgroundOptions } from './contexts';
import { moduleRole } from './module-role';
import { isParallelReads } from './parallel-reads';

export interface CombinatorOptions extends BackgroundOptions {
  /** Report combinators in every function, not only in background handlers. */
  everywhere?: boolean;
  /** Which combinators to report (default: all four). */
  combinators?: readonly Combinator[];
}

/** A combinator call `no-unscoped-promise-combinator` reports. */
export interface CombinatorSite {
  /** The `Promise.x(...)` call. */
  call: TSESTree.CallExpression;
  /** Its `Promise.x` member expression (where the report points). */
  callee: TSESTree.MemberExpression;
  combinator: Combinator;
  /** The background handler it sits in or is passed to; `undefined` only with `everywhere`. */
  context: BackgroundContext | undefined;
}

/**
 * Decides one call: is it a reported combinator site? `undefined` when it is not a call of
 * the global `Promise`'s combinators, not one of `options.combinators`, or (without
 * `everywhere`) in no background context, in browser/UI or test code, or a few parallel
 * reads (`const [a, b] = await Promise.all([getA(), findB()])`, see `isParallelReads`).
 */
export function combinatorSiteAt(analysis: ProgramAnalysis, call: Node, options: CombinatorOptions = {}): CombinatorSite | undefined {
  if (call.type !== 'CallExpression') return undefined;
  const shape = combinatorOf(call, analysis.index);
  if (!shape) return undefined;
  if (!(options.combinators ?? COMBINATORS).includes(shape.combinator)) return undefined;
  // Browser/UI code and tests (see moduleRole) are no server's background work: only `everywhere` reports there.
  const role = moduleRole(analysis.index);
  const passed = analysis.passedToBackgroundApi(call);
  const context = role === 'client' || role === 'test' || role === 'tooling' ? undefined : (passed ?? analysis.backgroundContextOf(call));
  if (!options.everywhere) {
    if (!context) return undefined;
    // A few parallel reads whose results the function goes on with: nothing to scope (see isParallelReads).
    if (!passed && shape.combinator === 'all' && isParallelReads(call, analysis.index)) return undefined;
  }
  return { call, callee: shape.callee, combinator: shape.combinator, context };
}

/** Every site of the file, in source order: exactly what the rule reports (the codemod rewrites these). */
export function findCombinatorSites(analysis: ProgramAnalysis, options: CombinatorOptions = {}): CombinatorSite[] {
  const sites: CombinatorSite[] = [];
  for (const node of analysis.index.nodes) {
    const site = combinatorSiteAt(analysis, node, options);
    if (site) sites.push(site);
  }
  return sites;
}
