import { analyze } from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import * as eslintScope from 'eslint-scope';
import * as espree from 'espree';
import { ProgramIndex, type ParsedFile } from './program';
import { isTypeScriptFile, parseSettings } from './parse-settings';
import type { ScopeManagerLike } from './scopes';
import type { VisitorKeys } from './walk';

/**
 * Parsing a file outside ESLint (the codemods), the way ESLint parses it for the rules:
 * `@typescript-eslint/typescript-estree` and `@typescript-eslint/scope-manager`, JSX on for
 * `.tsx` and JavaScript, CommonJS scoping for `.cjs`/`.cts`. A JavaScript-only project
 * without `typescript` installed gets espree (ESTree: the same tree for JavaScript) and
 * eslint-scope, as ESLint's default parser does; a TypeScript file there is a clear error.
 */

/** A file that does not parse: the message says where (`line:column`, column from 0). */
export class ParseError extends Error {
  override name = 'ParseError';
}

type TypescriptEstree = typeof import('@typescript-eslint/typescript-estree');
let typescriptEstree: TypescriptEstree | null | undefined;

/** typescript-estree, or `null` when `typescript` is not installed (it loads `typescript` on import). */
function loadTypescriptEstree(): TypescriptEstree | null {
  if (typescriptEstree === undefined) {
    try {
      // Loaded on use: it loads `typescript`, which a JavaScript-only project may not have.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      typescriptEstree = require('@typescript-eslint/typescript-estree') as TypescriptEstree;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND' || !/'typescript'/.test((error as Error).message)) throw error;
      typescriptEstree = null;
    }
  }
  return typescriptEstree;
}

/** The tree, and for an espree tree (scoped as ESLint scopes it: eslint-scope) the source type it parsed as. */
function parseTree(filePath: string, text: string): { ast: TSESTree.Program; espree?: 'module' | 'commonjs' } {
  const { jsx, commonJS } = parseSettings(filePath);
  const estree = loadTypescriptEstree();
  if (estree) {
    try {
      return { ast: estree.parse(text, { filePath, jsx, range: true, loc: true, comment: false, tokens: false }) };
    } catch (error) {
      const location = (error as { location?: { start: { line: number; column: number } } }).location?.start;
      throw new ParseError(`Parse error: ${(error as Error).message.split('\n')[0]}${location ? ` (${location.line}:${location.column})` : ''}`);
    }
  }
  if (isTypeScriptFile(filePath)) {
    throw new ParseError('Cannot parse a TypeScript file: the `typescript` package is not installed (npm install --save-dev typescript)');
  }
  const parse = (sourceType: 'module' | 'commonjs') => ({
    ast: espree.parse(text, { ecmaVersion: 'latest', sourceType, ecmaFeatures: { jsx }, range: true, loc: true }) as unknown as TSESTree.Program,
    espree: sourceType,
  });
  try {
    return parse(commonJS ? 'commonjs' : 'module');
  } catch (first) {
    // A script that is not a valid module (`with`, legacy octals, top-level `return`).
    if (!commonJS) {
      try {
        return parse('commonjs');
      } catch {
        // report the first error
      }
    }
    const { lineNumber, column } = first as { lineNumber?: number; column?: number };
    throw new ParseError(`Parse error: ${(first as Error).message}${lineNumber ? ` (${lineNumber}:${(column ?? 1) - 1})` : ''}`);
  }
}

/** Parses a file as ESLint would for the rules, with its scopes: what the analysis needs. */
export function parseFile(filePath: string, text: string): ParsedFile {
  const { ast, espree: espreeSourceType } = parseTree(filePath, text);
  const commonJS = parseSettings(filePath).commonJS;
  // @typescript-eslint/scope-manager expects typescript-estree's shape (`decorators` on every
  // parameter): an espree tree gets eslint-scope, as ESLint gives it.
  const scopeManager = espreeSourceType
    ? (eslintScope.analyze(ast as never, { ecmaVersion: 2022, sourceType: espreeSourceType }) as unknown as ScopeManagerLike)
    : (analyze(ast, { sourceType: commonJS ? 'script' : 'module', globalReturn: commonJS }) as unknown as ScopeManagerLike);
  return { ast, scopeManager, visitorKeys: visitorKeys as VisitorKeys };
}

/** `parseFile`, then the analysis index. */
export function indexFile(filePath: string, text: string): ProgramIndex {
  return new ProgramIndex(parseFile(filePath, text));
}
