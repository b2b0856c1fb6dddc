import type { TSESTree } from '@typescript-eslint/utils';
import { type AnyNode, isNewNode, isObjectExpression, isObjectProperty, isSpreadNode, propertyKeyName, unwrap } from '../analysis/ast';
import { placementAt, planEdits } from '../analysis/signal-apis';
import { isTaskGroupClass, TASK_GROUP_STATICS, taskGroupStatic } from '../analysis/task-group';
import { createRule } from '../util/create-rule';
import { backgroundAnalysisOf, programIndexOf } from './lib/program-index';

export type Options = [
  {
    timeout?: number;
    backgroundFunctions?: string[];
    backgroundDecorators?: string[];
  },
];
export type MessageId = 'noDeadline' | 'addTimeout';

/** The TaskGroup entry points the contract names (`asCompleted` is a loop, bounded by its consumer). */
const GROUP_METHODS = new Set(['run', 'all', 'allSettled', 'race', 'any', 'map']);
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
function hasDeadline(options: AnyNode | undefined): boolean {
  const value = unwrap(options);
  if (!value) return false;
  if (!isObjectExpression(value)) return !(value.type === 'Identifier' && value.name === 'undefined');
  return value.properties.some(
    (property) =>
      isSpreadNode(property) ||
      ((isObjectProperty(property) || property.type === 'Property') && DEADLINE_OPTIONS.has(propertyKeyName(property.key as AnyNode, property.computed as boolean) ?? '')),
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
          backgroundFunctions: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Dotted callee names whose function arguments are background handlers, e.g. `jobs.enqueue`.',
          },
          backgroundDecorators: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Decorator names that make a method a background handler, e.g. `Job`.',
          },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ timeout: DEFAULT_TIMEOUT_MS, backgroundFunctions: [], backgroundDecorators: [] }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const timeout = formatMs(options.timeout ?? DEFAULT_TIMEOUT_MS);

    function check(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      const call = node as unknown as AnyNode;
      const index = programIndexOf(sourceCode);
      let api: string;
      let optionsIndex: number;
      if (isNewNode(call)) {
        if (!isTaskGroupClass(call.callee, index)) return;
        api = 'new TaskGroup';
        optionsIndex = 0;
      } else {
        const method = taskGroupStatic(call, index);
        if (method === undefined || !GROUP_METHODS.has(method)) return;
        api = `TaskGroup.${method}`;
        optionsIndex = TASK_GROUP_STATICS[method]!;
      }
      if (hasDeadline((call.arguments as AnyNode[])[optionsIndex])) return;
      const background = backgroundAnalysisOf(sourceCode, options).backgroundContextOf(call);
      if (!background) return;
      const plan = placementAt(call, optionsIndex, '');
      context.report({
        node: node.callee,
        messageId: 'noDeadline',
        data: { api, context: background.label },
        suggest: [
          {
            messageId: 'addTimeout',
            data: { timeout },
            fix: (fixer) => planEdits(plan, sourceCode.text, `timeout: ${timeout}`).map((edit) => fixer.replaceTextRange(edit.range, edit.text)),
          },
        ],
      });
    }

    // The runtime's class is imported by its name (`TaskGroup`, perhaps renamed after `as`).
    if (!sourceCode.text.includes('TaskGroup')) return {};
    return { CallExpression: check, NewExpression: check };
  },
});
