import { parse as parseTsEstree } from '@typescript-eslint/parser';
import getParser from 'jscodeshift/src/getParser';
import type { AnyNode } from '../../src/analysis/ast';

/** The two dialects the analysis is fed: typescript-estree (ESLint) and Babel (jscodeshift). */
export const dialects = {
  'typescript-estree': (code: string): AnyNode =>
    parseTsEstree(code, { range: true, loc: true, jsx: true, sourceType: 'module' }) as unknown as AnyNode,
  babel: (code: string): AnyNode => (getParser('tsx') as { parse(code: string): AnyNode }).parse(code),
} as const;

export type Dialect = keyof typeof dialects;

/** Every node of `type` in a tree, depth-first. */
export function findAll(root: AnyNode, predicate: (node: AnyNode) => boolean): AnyNode[] {
  const found: AnyNode[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    const node = value as AnyNode;
    if (typeof node.type === 'string' && predicate(node)) found.push(node);
    for (const key in node) if (key !== 'parent' && key !== 'loc' && key !== 'tokens' && key !== 'comments') visit(node[key]);
  };
  visit(root);
  return found;
}
