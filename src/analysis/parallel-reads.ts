import type { TSESTree } from '@typescript-eslint/utils';
import { type Node, isCall, isFunctionNode, isIdentifier, isMember, memberPropertyName, unwrap } from './ast';

/**
 * Verbs that name a read: `getUser`, `findAll`, `isActive`, `hasAccess`, `countDocuments`,
 * `readFile`, `loadConfig`, `listKeys`, `file.walk`, `exists`, `stat`. Bare `fetch` is not
 * one: it goes over the network, where a deadline matters.
 */
const READ_VERB = /^(get|find|is|has|can|count|read|load|list|walk|exists|stat|lookup|search|select)(?![a-z])/;

/** Most elements a tuple of parallel reads has (`const [a, b, c] = await Promise.all([…])`). */
const MOST_READS = 4;

/**
 * `await Promise.all([getA(), findB()])`: a few reads run side by side, whose results the
 * function goes on with. If one fails, what the others cost is a result thrown away: nothing
 * keeps running long enough to matter, and no maintainer would scope them. A fan-out over a
 * collection (`ids.map(…)`), a write among the elements, or anything not awaited here is no
 * such tuple.
 */
export function isParallelReads(call: TSESTree.CallExpression): boolean {
  if (call.parent?.type !== 'AwaitExpression') return false;
  const list = unwrap(call.arguments[0]);
  if (list?.type !== 'ArrayExpression' || list.elements.length < 2 || list.elements.length > MOST_READS) return false;
  return list.elements.every((element) => !!element && element.type !== 'SpreadElement' && isReadCall(element));
}

function isReadCall(element: Node): boolean {
  let value = unwrap(element);
  if (value.type === 'AwaitExpression') value = unwrap(value.argument);
  if (!isCall(value) || isFunctionNode(unwrap(value.callee))) return false;
  const callee = unwrap(value.callee);
  const name = isIdentifier(callee) ? callee.name : isMember(callee) ? memberPropertyName(callee) : undefined;
  return name !== undefined && READ_VERB.test(name);
}
