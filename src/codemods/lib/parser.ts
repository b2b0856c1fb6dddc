import babylon from 'jscodeshift/parser/babylon.js';
import type { Parser } from 'jscodeshift';

/** The jscodeshift parser name a file's extension calls for (as next-codemod's `lib/parser.ts` does). */
export type ParserName = 'ts' | 'tsx' | 'babel';

/** Extensions the codemods and the CLI handle. */
export const SUPPORTED_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

type ParserPlugin = string | [string, Record<string, unknown>];

// Everything a current code base may use; each plugin is syntax that is otherwise an error,
// so enabling it never changes how valid code parses.
const COMMON_PLUGINS: ParserPlugin[] = [
  'asyncGenerators',
  'bigInt',
  'classPrivateMethods',
  'classPrivateProperties',
  'classProperties',
  'classStaticBlock',
  'decorators-legacy',
  'decoratorAutoAccessors',
  'dynamicImport',
  'explicitResourceManagement',
  'exportDefaultFrom',
  'exportNamespaceFrom',
  'importAttributes',
  'importMeta',
  'logicalAssignment',
  'nullishCoalescingOperator',
  'numericSeparator',
  'objectRestSpread',
  'optionalCatchBinding',
  'optionalChaining',
  'topLevelAwait',
];

const BASE = {
  allowImportExportEverywhere: true,
  allowReturnOutsideFunction: true,
  allowSuperOutsideMethod: true,
  allowUndeclaredExports: true,
  startLine: 1,
  tokens: true,
};

const OPTIONS: Record<ParserName, Record<string, unknown>> = {
  // `.ts` keeps `<T>x` casts, so no JSX there.
  ts: { ...BASE, sourceType: 'module', plugins: [...COMMON_PLUGINS, 'typescript'] },
  tsx: { ...BASE, sourceType: 'module', plugins: [...COMMON_PLUGINS, 'jsx', 'typescript'] },
  // Plain JavaScript: JSX allowed, module or script decided by the file's own syntax.
  babel: { ...BASE, sourceType: 'unambiguous', plugins: [...COMMON_PLUGINS, 'jsx'] },
};

const PARSERS = new Map<ParserName, Parser>();

/** The parser name for a file path, by extension. */
export function parserNameFor(filePath: string): ParserName {
  const lower = filePath.toLowerCase();
  if (lower.endsWith('.tsx')) return 'tsx';
  if (/\.[mc]?ts$/.test(lower)) return 'ts';
  return 'babel';
}

/** A jscodeshift parser object for a file path, by extension. */
export function parserFor(filePath: string): Parser {
  const name = parserNameFor(filePath);
  let parser = PARSERS.get(name);
  if (!parser) {
    parser = babylon(OPTIONS[name]);
    PARSERS.set(name, parser);
  }
  return parser;
}

/** Whether the codemods handle this file, by extension. */
export function isSupportedFile(filePath: string): boolean {
  const lower = filePath.toLowerCase();
  return SUPPORTED_EXTENSIONS.some((extension) => lower.endsWith(extension));
}
