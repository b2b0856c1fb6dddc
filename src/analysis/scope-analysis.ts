import { analyze } from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/utils';
// Named imports: the plugin's CommonJS build then needs no namespace interop helper.
import { analyze as analyzeEslintScope } from 'eslint-scope';
import type { ScopeManagerLike } from './scopes';

/**
 * The scope manager of a tree, as ESLint builds it for its parser: eslint-scope for espree's
 * tree, `@typescript-eslint/scope-manager` for typescript-estree's (it expects `decorators`
 * on every parameter, which espree's tree lacks). Shared by the codemods' parser and the
 * project index's module facts.
 */
export function analyzeScopes(ast: TSESTree.Program, tree: 'espree' | 'typescript-estree', commonJS: boolean): ScopeManagerLike {
  if (tree === 'espree') return analyzeEslintScope(ast as never, { ecmaVersion: 2022, sourceType: commonJS ? 'commonjs' : 'module' }) as unknown as ScopeManagerLike;
  return analyze(ast, { sourceType: commonJS ? 'script' : 'module', globalReturn: commonJS }) as unknown as ScopeManagerLike;
}
