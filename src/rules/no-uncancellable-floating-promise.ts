import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { type AnyNode, dottedName, isCallNode, isMemberNode, memberPropertyName, nodeRange, propertyKeyName, unwrap } from '../analysis/ast';
import { type FileHints, type FloatingPromiseSite, floatingSitesOf, isSurelyNotPromiseCall, judgeFloatingSite, mayBeKnownPromiseSite } from '../analysis/floating';
import { mentionsSignalApiModule } from '../analysis/signal-api-table';
import { findSignalApi, receivesSignal } from '../analysis/signal-apis';
import { createRule } from '../util/create-rule';
import { codeLabel } from './lib/code-label';
import { planImport } from './lib/import-fixer';
import { programIndexOf } from './lib/program-index';
import { signalTypes } from './lib/signal-types';
import { freeSignalName, withSignalPassed } from './lib/signal-suggestions';

export type Options = [
  {
    helperModule?: string;
    allow?: string[];
  },
];
export type MessageId = 'floating' | 'spawnInBackground';

export const DEFAULT_HELPER_MODULE = 'eslint-plugin-taskgroup/task-group';

export default createRule<Options, MessageId>({
  name: 'no-uncancellable-floating-promise',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow floating promises that no AbortSignal can cancel',
      recommended: 'error',
      strict: 'error',
    },
    hasSuggestions: true,
    messages: {
      floating:
        '`{{name}}` floats and nobody can cancel it: it receives no AbortSignal and no TaskGroup owns it. `void` or `.catch()` handle its errors, not its lifetime.',
      spawnInBackground: 'Run it as a task: `{{background}}.spawn(({{signal}}) => …)`{{passing}}.',
    },
    schema: [
      {
        type: 'object',
        description: 'Options of no-uncancellable-floating-promise.',
        properties: {
          helperModule: {
            type: 'string',
            description: 'Module the suggestion imports `background` from (a vendored copy of the runtime, for example).',
          },
          allow: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Dotted callee names that may float, e.g. `logger.flush` (matched against the root call of the chain).',
          },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ helperModule: DEFAULT_HELPER_MODULE, allow: [] }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const types = signalTypes(context);
    const allow = new Set(options.allow ?? []);
    const helperModule = options.helperModule ?? DEFAULT_HELPER_MODULE;

    function floats(site: FloatingPromiseSite): boolean {
      const index = programIndexOf(sourceCode);
      const calleeName = isCallNode(site.call) ? dottedName(site.call.callee) : undefined;
      if (calleeName !== undefined && allow.has(calleeName)) return false;
      // Cheap AST checks first (the analysis' own verdict, the one the codemod uses): spawns and
      // calls given a signal are fine whatever their type; only an `unknown` needs types.
      const verdict = judgeFloatingSite(site, index);
      if (verdict === 'owned') return false;
      if (verdict === 'unknown') {
        if (!types || isSurelyNotPromiseCall(site.call, index)) return false;
        const callee = isCallNode(site.call) ? unwrap(site.call.callee) : undefined;
        if (isMemberNode(callee) && memberPropertyName(callee) === 'spawn' && types.isTaskGroup(callee.object)) return false;
        if (!types.returnsThenable(site.call)) return false;
      }
      // Then what only types show: an argument typed AbortSignal, a spread that carries one.
      return !(types && receivesSignal(site.call, types));
    }

    function nameOf(call: AnyNode): string {
      const api = findSignalApi(call, programIndexOf(sourceCode));
      if (api) return api.label;
      const text = isCallNode(call) ? `${sourceCode.getText(call.callee as unknown as TSESTree.Node)}()` : sourceCode.getText(call as unknown as TSESTree.Node);
      return codeLabel(text);
    }

    function suggestion(site: FloatingPromiseSite): TSESLint.SuggestionReportDescriptor<MessageId>[] {
      const node = site.expression as unknown as TSESTree.Node;
      const imported = planImport(sourceCode, node, { source: helperModule, name: 'background' });
      if (!imported) return [];
      const index = programIndexOf(sourceCode);
      const signal = freeSignalName(sourceCode, node);
      const { text, passed } = withSignalPassed(site.expression, index, sourceCode.text, signal);
      const parameter = passed.length > 0 ? signal : '';
      return [
        {
          messageId: 'spawnInBackground',
          data: {
            background: imported.local,
            signal: parameter,
            passing: passed.length > 0 ? `, passing \`${signal}\` to ${passed.map((name) => `\`${name}\``).join(', ')}` : '',
          },
          fix: (fixer) => [
            ...imported.fix(fixer),
            fixer.replaceTextRange(nodeRange(site.expression), `${imported.local}.spawn((${parameter}) => ${text})`),
          ],
        },
      ];
    }

    // Statements and the file's async function names are gathered during the traversal and
    // judged at the end (functions are hoisted); without types, most statements are ruled out
    // by syntax alone and the file's analysis index is never built.
    const statements: AnyNode[] = [];
    const asyncNames = new Set<string>();
    return {
      ExpressionStatement(node) {
        statements.push(node as unknown as AnyNode);
      },
      ':function[async=true]'(node: TSESTree.FunctionLike) {
        const name = asyncFunctionName(node);
        if (name !== undefined) asyncNames.add(name);
      },
      'Program:exit'() {
        const hints: FileHints = { asyncNames, mentionsSignalApiModule: mentionsSignalApiModule(sourceCode.text) };
        for (const site of statements.flatMap(floatingSitesOf)) {
          if (!types && !mayBeKnownPromiseSite(site, hints)) continue;
          if (!floats(site)) continue;
          context.report({
            node: site.call as unknown as TSESTree.Node,
            messageId: 'floating',
            data: { name: nameOf(site.call) },
            suggest: suggestion(site),
          });
        }
      },
    };
  },
});

/** The name an async function is called by: its own, its variable's, or its method's/property's key. */
function asyncFunctionName(node: TSESTree.FunctionLike): string | undefined {
  if (node.id) return node.id.name;
  const parent = node.parent;
  if (parent.type === 'VariableDeclarator') return parent.id.type === 'Identifier' ? parent.id.name : undefined;
  if (parent.type === 'MethodDefinition' || parent.type === 'PropertyDefinition' || parent.type === 'Property') {
    return propertyKeyName(parent.key as unknown as AnyNode, parent.computed);
  }
  return undefined;
}
