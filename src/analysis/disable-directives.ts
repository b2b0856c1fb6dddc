import { ConfigCommentParser } from '@eslint/plugin-kit';
import type { TSESTree } from '@typescript-eslint/utils';
import { lineOf } from './lines';

/**
 * `eslint-disable` comments, read as ESLint reads them, for the codemods: `taskgroup migrate`
 * rewrites exactly the sites `taskgroup check` reports, so a site whose rule a comment turns
 * off is left alone. Parsing is ESLint's own (`@eslint/plugin-kit`'s ConfigCommentParser);
 * what applies where follows ESLint's rules:
 * - `/* eslint-disable [rules] *\/` ... `/* eslint-enable [rules] *\/`: block comments only,
 *   from the comment on; no rule list means every rule;
 * - `eslint-disable-line`: the comment's line (line comments, or a one-line block comment);
 * - `eslint-disable-next-line`: the line after the comment's last line.
 */

const parser = new ConfigCommentParser();

interface Directive {
  kind: 'disable' | 'enable' | 'disable-line' | 'disable-next-line';
  /** The rules named; empty: every rule. */
  rules: ReadonlySet<string>;
  /** Where the comment starts (offset), for block directives. */
  offset: number;
  /** The line it applies to, for line directives. */
  line: number;
}

function directives(comments: readonly TSESTree.Comment[]): Directive[] {
  const result: Directive[] = [];
  for (const comment of comments) {
    const directive = parser.parseDirective(comment.value);
    if (!directive || !directive.label.startsWith('eslint-')) continue;
    const kind = directive.label.slice('eslint-'.length);
    if (kind !== 'disable' && kind !== 'enable' && kind !== 'disable-line' && kind !== 'disable-next-line') continue;
    // ESLint ignores `// eslint-disable` and `// eslint-enable`, and a line directive in a block comment over several lines.
    if (comment.type === 'Line' && (kind === 'disable' || kind === 'enable')) continue;
    if (kind === 'disable-line' && comment.loc.start.line !== comment.loc.end.line) continue;
    const rules = new Set(Object.keys(parser.parseListConfig(directive.value)));
    const line = kind === 'disable-next-line' ? comment.loc.end.line + 1 : comment.loc.start.line;
    result.push({ kind, rules, offset: comment.range[0], line });
  }
  return result;
}

const names = (rules: ReadonlySet<string>, rule: string) => rules.size === 0 || rules.has(rule);

/**
 * Is `rule` (e.g. `taskgroup/no-uncancellable-floating-promise`) turned off by a comment for a
 * report that starts at `offset`? Without `eslint-` in the text there is nothing to read.
 */
export function disabledBy(program: TSESTree.Program, text: string): (rule: string, offset: number) => boolean {
  if (!text.includes('eslint-')) return () => false;
  const list = directives(program.comments ?? []);
  if (list.length === 0) return () => false;
  return (rule, offset) => {
    const line = lineOf(text, offset);
    let all = false;
    const off = new Set<string>();
    const on = new Set<string>(); // exceptions while every rule is off
    for (const directive of list) {
      if (directive.kind === 'disable-line' || directive.kind === 'disable-next-line') {
        if (directive.line === line && names(directive.rules, rule)) return true;
        continue;
      }
      if (directive.offset > offset) continue;
      if (directive.kind === 'disable') {
        if (directive.rules.size === 0) {
          all = true;
          on.clear();
        } else if (directive.rules.has(rule)) {
          if (all) on.delete(rule);
          else off.add(rule);
        }
      } else if (directive.rules.size === 0) {
        all = false;
        off.clear();
        on.clear();
      } else if (directive.rules.has(rule)) {
        if (all) on.add(rule);
        else off.delete(rule);
      }
    }
    return all ? !on.has(rule) : off.has(rule);
  };
}
