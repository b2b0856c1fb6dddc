import type { AnyNode } from '../../analysis/ast.js';
import type { ProgramIndex } from '../../analysis/program.js';

/** The printing style a file already uses, so that new code looks like the rest of it. */
export interface SourceStyle {
  quote: 'single' | 'double';
  semicolons: boolean;
}

function startOf(node: AnyNode): number | undefined {
  return (node as { start?: number }).start ?? (node.range as [number, number] | undefined)?.[0];
}

function endOf(node: AnyNode): number | undefined {
  return (node as { end?: number }).end ?? (node.range as [number, number] | undefined)?.[1];
}

/**
 * The most used quote of the file's string literals (as aws-sdk-js-codemod's
 * `getMostUsedStringLiteralQuote`); JSX attribute values are left out: they follow HTML habits.
 */
export function mostUsedQuote(index: ProgramIndex, source: string): 'single' | 'double' {
  let single = 0;
  let double = 0;
  for (const node of index.nodes) {
    if (node.type !== 'StringLiteral' && !(node.type === 'Literal' && typeof node.value === 'string')) continue;
    if (index.parentOf(node)?.type === 'JSXAttribute') continue;
    const start = startOf(node);
    if (start === undefined) continue;
    if (source[start] === "'") single += 1;
    else if (source[start] === '"') double += 1;
  }
  return double > single ? 'double' : 'single';
}

const MAY_END_WITH_SEMICOLON = new Set([
  'ExpressionStatement',
  'VariableDeclaration',
  'ImportDeclaration',
  'ReturnStatement',
  'ThrowStatement',
  'ExportNamedDeclaration',
  'ExportAllDeclaration',
]);

/** Whether the file ends its statements with semicolons (the majority of the statements that may have one). */
export function usesSemicolons(index: ProgramIndex, source: string): boolean {
  let withSemicolon = 0;
  let without = 0;
  for (const node of index.nodes) {
    if (!MAY_END_WITH_SEMICOLON.has(node.type)) continue;
    if (node.type === 'ExportNamedDeclaration' && node.declaration) continue;
    if (node.type === 'VariableDeclaration' && /^For/.test(index.parentOf(node)?.type ?? '')) continue;
    const end = endOf(node);
    if (end === undefined) continue;
    if (source[end - 1] === ';') withSemicolon += 1;
    else without += 1;
  }
  return withSemicolon >= without;
}

/** The style of a parsed file. */
export function detectStyle(index: ProgramIndex, source: string): SourceStyle {
  return { quote: mostUsedQuote(index, source), semicolons: usesSemicolons(index, source) };
}
