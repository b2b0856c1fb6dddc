import type { ParserServices, TSESTree } from '@typescript-eslint/utils';

/**
 * With type information: does `Promise` in `Promise.x` resolve to a declaration of the
 * user's or a library's own (a `Promise` class or `PromiseLike` wrapper that is not the
 * global one)? Without type information: `false` (scope analysis already ruled out local
 * bindings).
 */
export function isUserDefinedPromise(services: Partial<ParserServices> | undefined, callee: TSESTree.MemberExpression): boolean {
  const program = services?.program;
  const map = services?.esTreeNodeToTSNodeMap;
  if (!program || !map) return false;
  let object: TSESTree.Node = callee.object;
  if (object.type === 'MemberExpression') object = object.property;
  if (object.type !== 'Identifier' || object.name !== 'Promise') return false;
  const symbol = program.getTypeChecker().getSymbolAtLocation(map.get(object));
  const declarations = symbol?.getDeclarations() ?? [];
  return declarations.length > 0 && declarations.every((declaration) => !program.isSourceFileDefaultLibrary(declaration.getSourceFile()));
}
