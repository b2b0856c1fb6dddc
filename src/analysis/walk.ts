import type { Node } from './ast';

/** Child keys per node type: ESLint's `sourceCode.visitorKeys`, or `@typescript-eslint/visitor-keys`. */
export type VisitorKeys = Readonly<Record<string, readonly string[] | undefined>>;

/** Keys that hold only types: the analysis never looks below them. */
const TYPE_KEYS = new Set(['typeAnnotation', 'returnType', 'typeParameters', 'typeArguments', 'superTypeArguments', 'implements']);

/** Declarations that hold only types (overload signatures included). */
const TYPE_ONLY_NODES = new Set(['TSInterfaceDeclaration', 'TSTypeAliasDeclaration', 'TSDeclareFunction']);

/** Keys of a node type the table does not know (a parser's extension): every own key holding nodes. */
function ownKeys(node: Node): string[] {
  return Object.keys(node).filter((key) => key !== 'parent' && key !== 'loc' && key !== 'range');
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/**
 * The one walk over a tree: calls `visit` on every node below `root` (`root` included) in
 * source order (depth-first, pre-order) with its parent, types left out. `visit` returning
 * `false` skips the node's children.
 */
export function walk(root: Node, keys: VisitorKeys, visit: (node: Node, parent: Node | undefined) => boolean | void): void {
  // Two parallel stacks, children pushed last to first: pre-order without a tuple or an array per node.
  const nodes: Node[] = [root];
  const parents: (Node | undefined)[] = [root.parent];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const parent = parents.pop();
    if (visit(node, parent) === false) continue;
    const childKeys = keys[node.type] ?? ownKeys(node);
    for (let k = childKeys.length - 1; k >= 0; k--) {
      const key = childKeys[k]!;
      if (TYPE_KEYS.has(key)) continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) {
          const item: unknown = value[i];
          if (isNode(item) && !TYPE_ONLY_NODES.has(item.type)) {
            nodes.push(item);
            parents.push(node);
          }
        }
      } else if (isNode(value) && !TYPE_ONLY_NODES.has(value.type)) {
        nodes.push(value);
        parents.push(node);
      }
    }
  }
}

/** The nodes below `root` (itself included) that `predicate` accepts, in source order. */
export function findNodes<T extends Node>(root: Node, keys: VisitorKeys, predicate: (node: Node) => node is T): T[] {
  const found: T[] = [];
  walk(root, keys, (node) => {
    if (predicate(node)) found.push(node);
  });
  return found;
}
