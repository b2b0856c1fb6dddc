import path from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { loadEspree, requireHere } from './optional-modules';
import { isTypeScriptFile } from '../parse-settings';

/** Which parser reads the project's files: typescript-estree when `typescript` is installed, else espree (JavaScript only). */
export type ParserId = 'typescript-estree' | 'espree';

export type ParseResult = { program: TSESTree.Program } | { error: string };

/** The parser's cache key part for a file: the parser and what the file's extension makes it parse (JSX or not, TS or not). */
export function parseMode(parser: ParserId, file: string): string {
  const extension = path.extname(file).toLowerCase();
  return `${parser}${extension}`;
}

interface TypeScriptEstree {
  parse(code: string, options: Record<string, unknown>): TSESTree.Program;
}

let estree: TypeScriptEstree | undefined;

function parseWithTypeScript(file: string, text: string): TSESTree.Program {
  // typescript-estree loads `typescript` at once: required here, only when it is installed.
  estree ??= requireHere('@typescript-eslint/typescript-estree') as TypeScriptEstree;
  // The file path picks the script kind: JSX in .tsx/.js/.jsx, `<T>x` casts in .ts.
  return estree.parse(text, { filePath: file, range: true, loc: false, comment: false, tokens: false, errorOnUnknownASTType: false, suppressDeprecatedPropertyWarnings: true });
}

function parseWithEspree(file: string, text: string): TSESTree.Program {
  const espree = loadEspree();
  if (!espree) throw new Error('no JavaScript parser: neither typescript nor espree (ESLint\'s parser) can be loaded');
  const extension = path.extname(file).toLowerCase();
  const base = { ecmaVersion: 'latest', range: true, loc: false, ecmaFeatures: { jsx: extension === '.js' || extension === '.jsx' } };
  if (extension === '.cjs') return espree.parse(text, { ...base, sourceType: 'commonjs' }) as TSESTree.Program;
  if (extension === '.mjs') return espree.parse(text, { ...base, sourceType: 'module' }) as TSESTree.Program;
  try {
    return espree.parse(text, { ...base, sourceType: 'module' }) as TSESTree.Program;
  } catch (moduleError) {
    // A script: `with`, legacy octal literals, `return` at the top of a CommonJS file.
    try {
      return espree.parse(text, { ...base, sourceType: 'commonjs' }) as TSESTree.Program;
    } catch {
      throw moduleError;
    }
  }
}

function message(error: unknown): string {
  if (error instanceof Error) {
    const { lineNumber, column } = error as Error & { lineNumber?: number; column?: number };
    return lineNumber === undefined ? error.message : `${error.message} (${lineNumber}:${column ?? 0})`;
  }
  return String(error);
}

/** Parses a file into a TSESTree program with ranges, or says why it cannot. */
export function parseFile(file: string, text: string, parser: ParserId): ParseResult {
  if (parser === 'espree' && isTypeScriptFile(file)) {
    return { error: 'a TypeScript file, and `typescript` is not installed: install it to index TypeScript files' };
  }
  try {
    return { program: parser === 'typescript-estree' ? parseWithTypeScript(file, text) : parseWithEspree(file, text) };
  } catch (error) {
    return { error: `cannot parse: ${message(error)}` };
  }
}
