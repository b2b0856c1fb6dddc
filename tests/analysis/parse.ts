import type { TSESTree } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import * as eslintScope from 'eslint-scope';
import * as espree from 'espree';
import { indexFile } from '../../src/analysis/parse';
import { ProgramIndex } from '../../src/analysis/program';
import type { ScopeManagerLike } from '../../src/analysis/scopes';
import type { VisitorKeys } from '../../src/analysis/walk';

/**
 * The trees and scope managers the analysis is fed: typescript-estree with
 * `@typescript-eslint/scope-manager` (ESLint with @typescript-eslint/parser, and the codemods),
 * and espree with `eslint-scope` (ESLint's default parser on JavaScript).
 */
export const dialects = {
  'typescript-estree': (code: string): ProgramIndex => indexFile('file.tsx', code),
  'espree + eslint-scope': (code: string): ProgramIndex => {
    const ast = espree.parse(code, { ecmaVersion: 'latest', sourceType: 'module', ecmaFeatures: { jsx: true }, range: true, loc: true });
    const scopeManager = eslintScope.analyze(ast as never, { ecmaVersion: 2022, sourceType: 'module' });
    return new ProgramIndex({ ast: ast as unknown as TSESTree.Program, scopeManager: scopeManager as unknown as ScopeManagerLike, visitorKeys: visitorKeys as VisitorKeys });
  },
} as const;

export type Dialect = keyof typeof dialects;

/** The dialects that can parse a snippet: both for JavaScript, typescript-estree alone for TypeScript syntax. */
export function dialectsFor(typescript: boolean): [string, (code: string) => ProgramIndex][] {
  return Object.entries(dialects).filter(([name]) => !typescript || name === 'typescript-estree');
}
