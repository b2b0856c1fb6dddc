import type { Node } from '../ast';
import type { ProgramIndex } from '../program';

/** `base`, else `base2`, `base3`...: the first one `taken` does not reject. */
export function freshName(base: string, taken: (name: string) => boolean): string {
  if (!taken(base)) return base;
  for (let suffix = 2; ; suffix += 1) {
    const candidate = `${base}${suffix}`;
    if (!taken(candidate)) return candidate;
  }
}

/** Whether an identifier (or JSX name) `name` is written anywhere inside `node`. */
export function occursIn(index: ProgramIndex, node: Node, name: string): boolean {
  let found = false;
  index.walk(node, (child) => {
    if (found) return false;
    if ((child.type === 'Identifier' || child.type === 'JSXIdentifier') && child.name === name) found = true;
    return !found;
  });
  return found;
}

/**
 * A name for a new `signal` binding that wraps or enters `node` (a task's parameter, a new
 * parameter of a function): `signal` unless a binding of that name is visible at `node` or the
 * name is written inside it, else `signal2`... It then shadows nothing and captures nothing.
 */
export function freshSignalName(index: ProgramIndex, node: Node): string {
  return freshName('signal', (name) => index.isDeclaredAt(node, name) || occursIn(index, node, name));
}
