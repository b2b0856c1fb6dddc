import type { Identifier, Node } from './ast';

/**
 * The part of a scope manager the analysis reads. `@typescript-eslint/scope-manager` (what
 * `@typescript-eslint/parser` gives ESLint, and what the codemods run) and `eslint-scope`
 * (what ESLint builds for espree) both have this shape; nothing else is assumed of them.
 */
export interface ScopeManagerLike {
  readonly globalScope: ScopeLike | null;
  acquire(node: Node, inner?: boolean): ScopeLike | null;
}

export interface ScopeLike {
  readonly type: string;
  readonly set: ReadonlyMap<string, VariableLike>;
  readonly upper: ScopeLike | null;
  readonly childScopes: readonly ScopeLike[];
  readonly through: readonly ReferenceLike[];
  readonly block: Node;
}

export interface VariableLike {
  readonly name: string;
  readonly defs: readonly DefinitionLike[];
  readonly references: readonly ReferenceLike[];
  /** `@typescript-eslint/scope-manager` only: `false` for a type-only binding (`import type`, `interface`). */
  readonly isValueVariable?: boolean;
}

export interface DefinitionLike {
  /** `ImportBinding`, `Variable`, `FunctionName`, `ClassName`, `Parameter`, `CatchClause`... */
  readonly type: string;
  readonly name: Identifier | Node;
  readonly node: Node;
  readonly parent?: Node | null;
}

export interface ReferenceLike {
  readonly identifier: Identifier | Node;
  readonly resolved: VariableLike | null;
}

/**
 * The innermost scope that contains `node`, as ESLint's `sourceCode.getScope(node)` finds it:
 * the first ancestor that owns a scope (a function's name scope stands for the function's).
 */
export function scopeAt(manager: ScopeManagerLike, node: Node): ScopeLike {
  const inner = node.type !== 'Program';
  for (let current: Node | undefined = node; current; current = current.parent) {
    const scope = manager.acquire(current, inner);
    if (scope) return scope.type === 'function-expression-name' ? scope.childScopes[0]! : scope;
  }
  return manager.globalScope!;
}
