import type { TSESLint } from '@typescript-eslint/utils';
import { mergeEdits, type TextEdit } from '../../analysis/rewrite/edits';

/**
 * A plan's text edits as one ESLint fix: merged by the planner's own edit applier, so the
 * suggestion writes exactly the bytes `taskgroup migrate` writes.
 */
export function fixOf(source: string, edits: readonly TextEdit[]): (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix {
  return (fixer) => {
    const merged = mergeEdits(source, edits);
    return fixer.replaceTextRange([merged.range[0], merged.range[1]], merged.text);
  };
}
