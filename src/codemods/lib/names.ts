import type { AnyNode } from '../../analysis/ast.js';
import type { ProgramIndex } from '../../analysis/program.js';

/** Every identifier name written anywhere in the file (bindings, references, properties, types, JSX). */
export function namesInFile(index: ProgramIndex): Set<string> {
  const names = new Set<string>();
  for (const node of index.nodes) {
    if ((node.type === 'Identifier' || node.type === 'JSXIdentifier') && typeof node.name === 'string') names.add(node.name);
  }
  return names;
}

/** `base`, else `base2`, `base3`... : the first one `taken` rejects. */
export function freshName(base: string, taken: (name: string) => boolean): string {
  if (!taken(base)) return base;
  for (let suffix = 2; ; suffix += 1) {
    const candidate = `${base}${suffix}`;
    if (!taken(candidate)) return candidate;
  }
}

/** Whether `name` is declared in a scope that encloses `node` (the analysis' scopes). */
export function isBoundAt(index: ProgramIndex, node: AnyNode, name: string): boolean {
  if (index.scopeOf(node).has(name)) return true;
  for (const ancestor of index.ancestors(node)) if (index.scopeOf(ancestor).has(name)) return true;
  return false;
}

/** Whether an identifier called `name` occurs inside `node`. */
export function occursIn(node: AnyNode, name: string): boolean {
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const current = stack.pop();
    if (Array.isArray(current)) {
      stack.push(...current);
      continue;
    }
    if (!current || typeof current !== 'object') continue;
    const candidate = current as AnyNode;
    if (typeof candidate.type !== 'string') continue;
    if (candidate.type === 'Identifier' && candidate.name === name) return true;
    for (const [key, value] of Object.entries(candidate)) {
      if (key !== 'loc' && key !== 'extra' && key !== 'leadingComments' && key !== 'trailingComments' && value && typeof value === 'object') stack.push(value);
    }
  }
  return false;
}

/**
 * A name for the task's signal parameter at `node` that shadows nothing: `signal` unless
 * one is in scope there or used inside the wrapped code, else `signal2`...
 */
export function signalNameAt(index: ProgramIndex, node: AnyNode): string {
  return freshName('signal', (name) => isBoundAt(index, node, name) || occursIn(node, name));
}
