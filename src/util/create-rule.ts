import { ESLintUtils } from '@typescript-eslint/utils';

/** What each rule's `meta.docs` says, beyond the description: the configs it joins. */
export interface TaskGroupRuleDocs {
  description: string;
  /** Severity in the `recommended` config; absent = not in it. */
  recommended?: 'error' | 'warn';
  /** Severity in the `strict` config (defaults to the recommended severity). */
  strict?: 'error' | 'warn';
  /** Options used by the `strict` config instead of the defaults (e.g. `{ everywhere: true }`). */
  strictOptions?: Record<string, unknown>;
  /** The rule uses type information when the parser provides it (never required). */
  requiresTypeChecking?: false;
}

export const DOCS_BASE = 'https://example.invalid/eslint-plugin-taskgroup/blob/main/docs/rules/';

/** The one rule factory: every rule links to `docs/rules/<name>.md`. */
export const createRule = ESLintUtils.RuleCreator<TaskGroupRuleDocs>((name) => `${DOCS_BASE}${name}.md`);
