import type { ProgramIndex } from '../program';

/** The printing style a file already uses, so that new code looks like the rest of it. */
export interface SourceStyle {
  quote: "'" | '"';
  semicolons: boolean;
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

/**
 * The file's style: its most used quote among string literals (as aws-sdk-js-codemod's
 * `getMostUsedStringLiteralQuote`; JSX attribute values follow HTML habits and are left out),
 * and whether most statements that may end with `;` do.
 */
export function sourceStyle(index: ProgramIndex, source: string): SourceStyle {
  let style = styles.get(index);
  if (!style) {
    style = detectStyle(index, source);
    styles.set(index, style);
  }
  return style;
}

/** One detection per file: a rule plans a suggestion for each of its reports. */
const styles = new WeakMap<ProgramIndex, SourceStyle>();

function detectStyle(index: ProgramIndex, source: string): SourceStyle {
  let single = 0;
  let double = 0;
  let withSemicolon = 0;
  let without = 0;
  for (const node of index.nodes) {
    if (node.type === 'Literal' && typeof node.value === 'string') {
      if (node.parent?.type === 'JSXAttribute') continue;
      const quote = source[node.range[0]];
      if (quote === "'") single += 1;
      else if (quote === '"') double += 1;
    } else if (MAY_END_WITH_SEMICOLON.has(node.type)) {
      if (node.type === 'ExportNamedDeclaration' && node.declaration) continue;
      if (node.type === 'VariableDeclaration' && /^For/.test(node.parent?.type ?? '')) continue;
      if (source[node.range[1] - 1] === ';') withSemicolon += 1;
      else without += 1;
    }
  }
  return { quote: double > single ? '"' : "'", semicolons: withSemicolon >= without };
}

/** `text` as a string literal in the file's quote. */
export function quoted(text: string, style: SourceStyle): string {
  return `${style.quote}${text.replaceAll('\\', '\\\\').replaceAll(style.quote, `\\${style.quote}`)}${style.quote}`;
}
