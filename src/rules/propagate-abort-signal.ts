import type { TSESTree } from '@typescript-eslint/utils';
import { type AnyNode, dottedName, isCallNode, isMemberNode, isNewNode, unwrap } from '../analysis/ast';
import { findSignalApi, placementAt, planEdits, receivesSignal, type SignalApi } from '../analysis/signal-apis';
import { type ScopedSignal, signalInScope } from '../analysis/signal-scope';
import { isTaskGroupClass, TASK_GROUP_STATICS, taskGroupStatic } from '../analysis/task-group';
import type { ProgramIndex } from '../analysis/program';
import { createRule } from '../util/create-rule';
import { codeLabel } from './lib/code-label';
import { programIndexOf } from './lib/program-index';
import { signalTypes } from './lib/signal-types';

export type Options = [{ allow?: string[] }];
export type MessageId = 'missingSignal' | 'passSignal';

const MAY_HAVE_SIGNAL = /signal|Signal|TaskGroup|spawn/;

/** A call that takes a signal in its options: what to call it, and where its options go. */
interface SignalTarget {
  label: string;
  optionsIndex: number;
  api?: SignalApi;
}

/** The TaskGroup's own API takes a parent `signal` too: `new TaskGroup(options)`, `TaskGroup.all(tasks, options)`. */
function taskGroupTarget(call: AnyNode, index: ProgramIndex): SignalTarget | undefined {
  if (isNewNode(call)) return isTaskGroupClass(call.callee, index) ? { label: 'new TaskGroup', optionsIndex: 0 } : undefined;
  const method = taskGroupStatic(call, index);
  return method === undefined ? undefined : { label: `TaskGroup.${method}`, optionsIndex: TASK_GROUP_STATICS[method]! };
}

export default createRule<Options, MessageId>({
  name: 'propagate-abort-signal',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require passing the AbortSignal in scope to the signal-accepting calls that run under it',
      recommended: 'error',
      strict: 'error',
    },
    hasSuggestions: true,
    messages: {
      missingSignal: '`{{api}}` is not given the AbortSignal `{{signal}}` in scope: it keeps running after the work it serves was cancelled.',
      passSignal: 'Pass `{{signal}}` to `{{api}}`.',
    },
    schema: [
      {
        type: 'object',
        description: 'Options of propagate-abort-signal.',
        properties: {
          allow: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Dotted callee names that may run without the signal in scope, e.g. `audit.write`.',
          },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ allow: [] }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const types = signalTypes(context);
    const allow = new Set(options.allow ?? []);
    const scopes = new Map<AnyNode, ScopedSignal | null>();

    const typedScopes = new Map<AnyNode, ScopedSignal | null>();

    /** A call of the known API table or of the TaskGroup runtime (no type information needed). */
    function knownTarget(call: AnyNode, index: ProgramIndex): SignalTarget | undefined {
      const api = isCallNode(call) ? findSignalApi(call, index) : undefined;
      if (api) return { label: api.label, optionsIndex: api.optionsIndex(call.arguments as AnyNode[]), api };
      return taskGroupTarget(call, index);
    }

    /** With types: any callee whose options parameter takes `signal: AbortSignal`. */
    function typedTarget(call: AnyNode): SignalTarget | undefined {
      const optionsIndex = types?.signalOptionsIndex(call);
      if (optionsIndex === undefined) return undefined;
      const callee = call.callee as unknown as TSESTree.Node;
      return { label: codeLabel(isNewNode(call) ? `new ${sourceCode.getText(callee)}` : sourceCode.getText(callee)), optionsIndex };
    }

    // Cheapest questions first: the AST (callee, arguments, parameters), then the type
    // checker for the few calls left (a signal in scope, not given).
    function check(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      const call = node as unknown as AnyNode;
      const name = dottedName(node.callee as unknown as AnyNode);
      if (name !== undefined && allow.has(name)) return;
      const index = programIndexOf(sourceCode);
      const known = knownTarget(call, index);
      if ((!known && !types) || receivesSignal(call)) return;
      let signal = signalInScope(call, index, undefined, scopes);
      // A parameter typed AbortSignal only by inference (`run((s) => fetch(url))`): asked
      // of the checker only for calls of the known APIs.
      if (!signal && known && types) signal = signalInScope(call, index, types.isAbortSignal, typedScopes);
      if (!signal || isOwnCall(call, signal)) return;
      const target = known ?? typedTarget(call);
      if (!target || (types && receivesSignal(call, types))) return;
      const plan = placementAt(call, target.optionsIndex, signal.expression, target.api);
      const data = { api: target.label, signal: signal.expression };
      context.report({
        node: node.callee,
        messageId: 'missingSignal',
        data,
        suggest: [
          {
            messageId: 'passSignal',
            data,
            fix: (fixer) => planEdits(plan, sourceCode.text).map((edit) => fixer.replaceTextRange(edit.range, edit.text)),
          },
        ],
      });
    }

    // Without types a signal is in scope only where the file says `signal`, `AbortSignal`,
    // `TaskGroup` or `spawn` (see signalInScope): other files need no analysis at all.
    if (!types && !MAY_HAVE_SIGNAL.test(sourceCode.text)) return {};
    return { CallExpression: check, NewExpression: check };
  },
});

/** `signal.addEventListener(...)`, `group.signal.throwIfAborted()`: the signal's own methods. */
function isOwnCall(call: AnyNode, signal: ScopedSignal): boolean {
  const callee = unwrap(call.callee as AnyNode);
  return isMemberNode(callee) && dottedName(callee.object) === signal.expression;
}
