import type { TSESTree } from '@typescript-eslint/utils';
import { type Node, dottedName, isCall, isMember, isNew, unwrap } from '../analysis/ast';
import type { ProgramIndex } from '../analysis/program';
import { findSignalApi, placementAt, planEdits, receivesSignal, type SignalApi } from '../analysis/signal-apis';
import { type ScopedSignal, signalInScope } from '../analysis/signal-scope';
import { taskGroupOptionsCall } from '../analysis/task-group';
import { createRule } from '../util/create-rule';
import { codeLabel } from './lib/code-label';
import { fixOf } from './lib/fix';
import { programIndexOf } from './lib/program-index';
import { allowSchema } from './lib/settings';
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
          allow: allowSchema('Dotted callee names that may run without the signal in scope, e.g. `audit.write`.'),
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
    const scopes = new Map<Node, ScopedSignal | null>();
    const typedScopes = new Map<Node, ScopedSignal | null>();

    /** A call of the known API table or of the TaskGroup runtime, which takes a parent `signal` too (no type information needed). */
    function knownTarget(call: TSESTree.CallExpression | TSESTree.NewExpression, index: ProgramIndex): SignalTarget | undefined {
      const api = isCall(call) ? findSignalApi(call, index) : undefined;
      if (api) return { label: api.label, optionsIndex: api.optionsIndex(call.arguments), api };
      return taskGroupOptionsCall(call, index);
    }

    /** With types: any callee whose options parameter takes `signal: AbortSignal`. */
    function typedTarget(call: TSESTree.CallExpression | TSESTree.NewExpression): SignalTarget | undefined {
      const optionsIndex = types?.signalOptionsIndex(call);
      if (optionsIndex === undefined) return undefined;
      return { label: codeLabel(isNew(call) ? `new ${sourceCode.getText(call.callee)}` : sourceCode.getText(call.callee)), optionsIndex };
    }

    // Cheapest questions first: the AST (callee, arguments, parameters), then the type
    // checker for the few calls left (a signal in scope, not given).
    function check(call: TSESTree.CallExpression | TSESTree.NewExpression): void {
      const name = dottedName(call.callee);
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
        node: call.callee,
        messageId: 'missingSignal',
        data,
        suggest: [{ messageId: 'passSignal', data, fix: fixOf(sourceCode.text, planEdits(plan, sourceCode.text)) }],
      });
    }

    // Without types a signal is in scope only where the file says `signal`, `AbortSignal`,
    // `TaskGroup` or `spawn` (see signalInScope): other files need no analysis at all.
    if (!types && !MAY_HAVE_SIGNAL.test(sourceCode.text)) return {};
    return { CallExpression: check, NewExpression: check };
  },
});

/** `signal.addEventListener(...)`, `group.signal.throwIfAborted()`: the signal's own methods. */
function isOwnCall(call: TSESTree.CallExpression | TSESTree.NewExpression, signal: ScopedSignal): boolean {
  const callee = unwrap(call.callee);
  return isMember(callee) && dottedName(callee.object) === signal.expression;
}
