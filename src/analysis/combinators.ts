import type { TSESTree } from '@typescript-eslint/utils';
import { type Identifier, type Node, isCall, isIdentifier, isMember, memberPropertyName, unwrap } from './ast';
import type { ProgramIndex } from './program';

export type Combinator = 'all' | 'allSettled' | 'race' | 'any';

/** The one list of the `Promise` combinators the rules report and the codemods rewrite. */
export const COMBINATORS: readonly Combinator[] = ['all', 'allSettled', 'race', 'any'];

/** Objects whose `Promise` property is the global one: `globalThis.Promise.all(...)`. */
const GLOBAL_OBJECTS = new Set(['globalThis', 'global', 'window', 'self']);

/** A call that looks like `Promise.x(...)` or `globalThis.Promise.x(...)`, before any scope check. */
export interface CombinatorShape {
  combinator: Combinator;
  call: TSESTree.CallExpression;
  /** The `Promise.x` member expression (what rules report on, what the rewrite replaces). */
  callee: TSESTree.MemberExpression;
  /** The identifier that must be an unshadowed global: `Promise`, or `globalThis` in `globalThis.Promise`. */
  root: Identifier;
}

export function isCombinator(name: string | undefined): name is Combinator {
  return COMBINATORS.includes(name as Combinator);
}

/**
 * The cheap, purely syntactic check: is `node` a call of `Promise.all/allSettled/race/any`
 * (also `Promise['all']`, `globalThis.Promise.all`, `Promise?.all`)? Scope is not looked at.
 */
export function combinatorShape(node: Node | null | undefined): CombinatorShape | undefined {
  const call = unwrap(node);
  if (!isCall(call)) return undefined;
  const callee = unwrap(call.callee);
  if (!isMember(callee)) return undefined;
  const name = memberPropertyName(callee);
  if (!isCombinator(name)) return undefined;
  const object = unwrap(callee.object);
  if (isIdentifier(object, 'Promise')) return { combinator: name, call, callee, root: object };
  if (isMember(object) && memberPropertyName(object) === 'Promise') {
    const base = unwrap(object.object);
    if (isIdentifier(base) && GLOBAL_OBJECTS.has(base.name)) return { combinator: name, call, callee, root: base };
  }
  return undefined;
}

/** A combinator call on the real global `Promise` (neither `Promise` nor `globalThis` declared in the file where used). */
export function combinatorOf(node: Node | null | undefined, index: ProgramIndex): CombinatorShape | undefined {
  const shape = combinatorShape(node);
  return shape && index.isGlobal(shape.root) ? shape : undefined;
}
