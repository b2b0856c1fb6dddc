import { type AnyNode, isCallNode, isIdentifier, isMemberNode, memberPropertyName, unwrap } from './ast';
import type { ProgramIndex } from './program';

export type Combinator = 'all' | 'allSettled' | 'race' | 'any';

export const COMBINATORS: readonly Combinator[] = ['all', 'allSettled', 'race', 'any'];

/** Objects whose `Promise` property is the global one: `globalThis.Promise.all(...)`. */
const GLOBAL_OBJECTS = new Set(['globalThis', 'global', 'window', 'self']);

/** A call that looks like `Promise.x(...)` or `globalThis.Promise.x(...)`, before any scope check. */
export interface CombinatorShape {
  combinator: Combinator;
  /** The `Promise.x` member expression (what rules report on). */
  callee: AnyNode;
  /** The identifier that must be an unshadowed global: `Promise`, or `globalThis` in `globalThis.Promise`. */
  root: AnyNode;
}

/**
 * The cheap, purely syntactic check: is `node` a call of `Promise.all/allSettled/race/any`
 * (also `Promise['all']`, `globalThis.Promise.all`, `Promise?.all`)? Scope is not looked at.
 */
export function combinatorShape(node: AnyNode | undefined | null): CombinatorShape | undefined {
  if (!isCallNode(node)) return undefined;
  const callee = unwrap(node.callee);
  if (!isMemberNode(callee)) return undefined;
  const name = memberPropertyName(callee);
  if (!COMBINATORS.includes(name as Combinator)) return undefined;
  const object = unwrap(callee.object);
  if (isIdentifier(object, 'Promise')) return { combinator: name as Combinator, callee, root: object };
  if (isMemberNode(object) && memberPropertyName(object) === 'Promise') {
    const base = unwrap(object.object);
    if (isIdentifier(base) && GLOBAL_OBJECTS.has(base.name)) return { combinator: name as Combinator, callee, root: base };
  }
  return undefined;
}

/** A combinator call on the real global `Promise` (neither `Promise` nor `globalThis` declared in the file where used). */
export function combinatorOf(node: AnyNode | undefined | null, index: ProgramIndex): CombinatorShape | undefined {
  const shape = combinatorShape(node);
  return shape && index.isGlobal(shape.root) ? shape : undefined;
}
