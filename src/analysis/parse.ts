import type { TSESTree } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import * as espree from 'espree';
import { ProgramIndex, type ParsedFile } from './program';
import { analyzeScopes } from './scope-analysis';
import { isTypeScriptFile, parseSettings } from './parse-settings';
import type { ScopeManagerLike } from './scopes';
import type { VisitorKeys } from './walk';

/**
 * Parsing a file outside ESLint (the codemods) into the tree the rules see: typescript-estree
 * with `@typescript-eslint/scope-manager` for TypeScript, espree with eslint-scope for
 * JavaScript (ESTree: the same shape), JSX on outside `.ts/.mts/.cts`, CommonJS scoping for
 * `.cjs`/`.cts`. Without `typescript` installed (a JavaScript-only project), JavaScript still
 * parses; a TypeScript file is then a clear error.
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

type Parsed = { ast: TSESTree.Program; scope: () => ScopeManagerLike };

function espreeTree(text: string, jsx: boolean, commonJS: boolean): Parsed | { error: unknown } {
  const parse = (sourceType: 'module' | 'commonjs'): Parsed => {
    const ast = espree.parse(text, { ecmaVersion: 'latest', sourceType, ecmaFeatures: { jsx }, range: true, loc: true, comment: true }) as unknown as TSESTree.Program;
    return { ast, scope: () => analyzeScopes(ast, 'espree', sourceType === 'commonjs') };
  };
  try {
    return parse(commonJS ? 'commonjs' : 'module');
  } catch (error) {
    if (commonJS) return { error };
    try {
      // A script that is not a valid module (`with`, legacy octals, top-level `return`).
      return parse('commonjs');
    } catch {
      return { error };
    }
  }
}

function typescriptEstreeTree(estree: TypescriptEstree, filePath: string, text: string, jsx: boolean, commonJS: boolean): Parsed {
  let ast: TSESTree.Program;
  try {
    ast = estree.parse(text, { filePath, jsx, range: true, loc: true, comment: true, tokens: false });
  } catch (error) {
    const location = (error as { location?: { start: { line: number; column: number } } }).location?.start;
    throw new ParseError(`Parse error: ${(error as Error).message.split('\n')[0]}${location ? ` (${location.line}:${location.column})` : ''}`);
  }
  return { ast, scope: () => analyzeScopes(ast, 'typescript-estree', commonJS) };
}

/**
 * The tree of a file. TypeScript: typescript-estree. JavaScript: espree first (ESLint's default
 * parser; for JavaScript the tree typescript-estree builds has the same shape and ranges, and
 * espree builds it several times faster), then typescript-estree for what espree rejects
 * (decorators in JavaScript), when `typescript` is installed.
 */
function parseTree(filePath: string, text: string): Parsed {
  const { jsx, commonJS } = parseSettings(filePath);
  const estree = loadTypescriptEstree();
  if (isTypeScriptFile(filePath)) {
    if (!estree) throw new ParseError('Cannot parse a TypeScript file: the `typescript` package is not installed (npm install --save-dev typescript)');
    return typescriptEstreeTree(estree, filePath, text, jsx, commonJS);
  }
  const fromEspree = espreeTree(text, jsx, commonJS);
  if ('ast' in fromEspree) return fromEspree;
  if (estree) return typescriptEstreeTree(estree, filePath, text, jsx, commonJS);
  const { lineNumber, column } = fromEspree.error as { lineNumber?: number; column?: number };
  throw new ParseError(`Parse error: ${(fromEspree.error as Error).message}${lineNumber ? ` (${lineNumber}:${(column ?? 1) - 1})` : ''}`);
}

/** Parses a file as ESLint would for the rules, with its scopes (analysed on first use): what the analysis needs. */
export function parseFile(filePath: string, text: string): ParsedFile {
  const { ast, scope } = parseTree(filePath, text);
  return { ast, scopeManager: scope, visitorKeys: visitorKeys as VisitorKeys };
}

/** `parseFile`, then the analysis index. */
export function indexFile(filePath: string, text: string): ProgramIndex {
  return new ProgramIndex(parseFile(filePath, text));
}
