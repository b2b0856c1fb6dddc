import type { TSESLint } from '@typescript-eslint/utils';
import type { TaskGroupRuleDocs } from '../util/create-rule';
import noUncancellableFloatingPromise from './no-uncancellable-floating-promise';
import noUnscopedPromiseCombinator from './no-unscoped-promise-combinator';
import propagateAbortSignal from './propagate-abort-signal';
import requireDeadline from './require-deadline';

/** A rule of this plugin, whatever its options and messages. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TaskGroupRule = TSESLint.RuleModule<string, any[], TaskGroupRuleDocs>;

/** Every rule of the plugin, sorted by name. */
export const rules: Record<string, TaskGroupRule> = {
  'no-uncancellable-floating-promise': noUncancellableFloatingPromise,
  'no-unscoped-promise-combinator': noUnscopedPromiseCombinator,
  'propagate-abort-signal': propagateAbortSignal,
  'require-deadline': requireDeadline,
};
