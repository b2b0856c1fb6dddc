import type { TSESTree } from '@typescript-eslint/utils';
import { type Node, isIdentifier, propertyKeyName, unwrap } from '../analysis/ast';
import { COMBINATORS } from '../analysis/combinators';
import { placementAt, planEdits } from '../analysis/signal-apis';
import { taskGroupOptionsCall, taskGroupStatic } from '../analysis/task-group';
import { createRule } from '../util/create-rule';
import { fixOf } from './lib/fix';
import { backgroundAnalysisOf, programIndexOf } from './lib/program-index';
import { ruleSettings, SHARED_OPTION_SCHEMAS } from './lib/settings';

export type Options = [
  {
    timeout?: number;
    backgroundFunctions?: string[];
    backgroundDecorators?: string[];
  },
];
export type MessageId = 'noDeadline' | 'addTimeout';

/** The TaskGroup entry points the contract names (`asCompleted` is a loop, bounded by its consumer). */
const GROUP_METHODS = new Set<string>(['run', ...COMBINATORS, 'map']);
const DEADLINE_OPTIONS = new Set(['timeout', 'signal']);

export const DEFAULT_TIMEOUT_MS = 30_000;

/** `30000` → `30_000`. */
function formatMs(ms: number): string {
  return Number.isInteger(ms) && ms >= 10_000 ? String(ms).replace(/\B(?=(\d{3})+(?!\d))/g, '_') : String(ms);
}

/**
 * Does the options argument give a deadline? Absent or an object literal without
 * `timeout`/`signal` does not; anything else (a variable, a spread) may, so it counts.
 */
function hasDeadline(options: Node | undefined): boolean {
  const value = unwrap(options);
  if (!value) return false;
  if (value.type !== 'ObjectExpression') return !isIdentifier(value, 'undefined');
  return value.properties.some(
    (property) => property.type === 'SpreadElement' || DEADLINE_OPTIONS.has(propertyKeyName(property.key, property.computed) ?? ''),
  );
}

export default createRule<Options, MessageId>({
  name: 'require-deadline',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require a `timeout` or a parent `signal` for TaskGroups in background handlers',
      strict: 'error',
    },
    hasSuggestions: true,
    messages: {
      noDeadline: '`{{api}}` in {{context}} has no deadline: if a task hangs, nothing ever stops the group. Give it a `timeout` or a parent `signal`.',
      addTimeout: 'Add `timeout: {{timeout}}` (milliseconds).',
    },
    schema: [
      {
        type: 'object',
        description: 'Options of require-deadline.',
        properties: {
          timeout: {
            type: 'number',
            minimum: 1,
            description: 'The deadline, in milliseconds, the suggestion writes.',
          },
          backgroundFunctions: SHARED_OPTION_SCHEMAS.backgroundFunctions,
          backgroundDecorators: SHARED_OPTION_SCHEMAS.backgroundDecorators,
        },
        additionalProperties: false,
      },
    ],
  },
  // The shared options default to `settings.taskgroup` (see ruleSettings).
  defaultOptions: [{ timeout: DEFAULT_TIMEOUT_MS }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const timeout = formatMs(options.timeout ?? DEFAULT_TIMEOUT_MS);
    const settings = ruleSettings(context, options);

    function check(call: TSESTree.CallExpression | TSESTree.NewExpression): void {
      const index = programIndexOf(sourceCode);
      const target = taskGroupOptionsCall(call, index);
      // `asCompleted` is a loop, bounded by its consumer.
      if (!target || (call.type === 'CallExpression' && !GROUP_METHODS.has(taskGroupStatic(call, index) ?? ''))) return;
      if (hasDeadline(call.arguments[target.optionsIndex])) return;
      const background = backgroundAnalysisOf(sourceCode, settings).backgroundContextOf(call);
      if (!background) return;
      const edits = planEdits(placementAt(call, target.optionsIndex, ''), sourceCode.text, `timeout: ${timeout}`);
      context.report({
        node: call.callee,
        messageId: 'noDeadline',
        data: { api: target.label, context: background.label },
        suggest: [{ messageId: 'addTimeout', data: { timeout }, fix: fixOf(sourceCode.text, edits) }],
      });
    }

    // The runtime's class is imported by its name (`TaskGroup`, perhaps renamed after `as`).
    if (!sourceCode.text.includes('TaskGroup')) return {};
    return { CallExpression: check, NewExpression: check };
  },
});
