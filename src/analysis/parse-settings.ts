/**
 * How a file is parsed, by its name: shared by the codemods' parser (`parse.ts`) and the
 * rewrite planner (TypeScript annotations), so both read a file name the same way.
 */

/** Extensions the codemods and the CLI handle. */
export const SUPPORTED_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

/** Whether the codemods handle this file, by extension. */
export function isSupportedFile(filePath: string): boolean {
  const lower = filePath.toLowerCase();
  return SUPPORTED_EXTENSIONS.some((extension) => lower.endsWith(extension));
}

/** A TypeScript file, by extension. */
export function isTypeScriptFile(filePath: string): boolean {
  return /\.[mc]?tsx?$/i.test(filePath);
}

/** JSX everywhere but `.ts/.mts/.cts` (where `<T>x` is a cast); CommonJS scoping for `.cjs/.cts`. */
export function parseSettings(filePath: string): { jsx: boolean; commonJS: boolean } {
  const lower = filePath.toLowerCase();
  return { jsx: !/\.[mc]?ts$/.test(lower), commonJS: lower.endsWith('.cjs') || lower.endsWith('.cts') };
}
