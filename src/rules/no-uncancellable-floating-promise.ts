import type { TSESTree } from '@typescript-eslint/utils';
import { type Node, dottedName, isCall, isMember, memberPropertyName, unwrap } from '../analysis/ast';
import {
  asyncFunctionName,
  type FileHints,
  type FloatingPromiseSite,
  floatingSitesOf,
  heldPromiseSite,
  importedNames,
  isSurelyNotPromiseCall,
  judgeFloatingSite,
  mayBeKnownPromiseSite,
} from '../analysis/floating';
import { type FloatingScope, floatingScopeOf } from '../analysis/floating-scope';
import { planFloatingRewrite } from '../analysis/rewrite/floating-plan';
import { mentionsSignalApiModule } from '../analysis/signal-api-table';
import { findSignalApi, receivesSignal } from '../analysis/signal-apis';
import { createRule } from '../util/create-rule';
import { codeLabel } from './lib/code-label';
import { crossModuleApplies, type FarLookup, farContextAt } from '../analysis/cross/far-context';
import { farLookupOf } from './lib/cross-module';
import { fixOf } from './lib/fix';
import { backgroundAnalysisOf, planFileOf, programIndexOf } from './lib/program-index';
import { allowSchema, ruleSettings, SHARED_OPTION_SCHEMAS } from './lib/settings';
import { signalTypes } from './lib/signal-types';

export type Options = [
  {
    helperModule?: string;
    allow?: string[];
    crossModuleDepth?: number;
    everywhere?: boolean;
    backgroundFunctions?: string[];
    backgroundDecorators?: string[];
  },
];
export type MessageId = 'floating' | 'floatingReached' | 'droppedCallbacks' | 'droppedCallbacksReached' | 'spawnInBackground';

export default createRule<Options, MessageId>({
  name: 'no-uncancellable-floating-promise',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow floating promises that no AbortSignal can cancel',
      recommended: 'error',
      strict: 'error',
      strictOptions: { everywhere: true },
    },
    hasSuggestions: true,
    messages: {
      floating:
        '`{{name}}` floats and nobody can cancel it: it receives no AbortSignal and no TaskGroup owns it. `void` or `.catch()` handle its errors, not its lifetime.',
      floatingReached:
        '`{{name}}` floats in code {{context}}, and nobody can cancel it: it receives no AbortSignal and no TaskGroup owns it. `void` or `.catch()` handle its errors, not its lifetime.',
      droppedCallbacks:
        '`{{name}}(async …)` drops the promise of every item: nobody awaits them, and nothing can cancel them or wait for them on shutdown.',
      droppedCallbacksReached:
        '`{{name}}(async …)` in code {{context}} drops the promise of every item: nobody awaits them, and nothing can cancel them or wait for them on shutdown.',
      spawnInBackground: '{{change}}',
    },
    schema: [
      {
        type: 'object',
        description: 'Options of no-uncancellable-floating-promise.',
        properties: {
          helperModule: SHARED_OPTION_SCHEMAS.helperModule,
          allow: allowSchema('Dotted callee names that may float, e.g. `logger.flush` (matched against the root call of the chain).'),
          crossModuleDepth: SHARED_OPTION_SCHEMAS.crossModuleDepth,
          everywhere: {
            ...SHARED_OPTION_SCHEMAS.everywhere,
            description: 'Report floating promises everywhere, not only where work outlives its owner on a server (the strict config sets it); overrides `settings.taskgroup.everywhere`.',
          },
          backgroundFunctions: SHARED_OPTION_SCHEMAS.backgroundFunctions,
          backgroundDecorators: SHARED_OPTION_SCHEMAS.backgroundDecorators,
        },
        additionalProperties: false,
      },
    ],
  },
  // `helperModule` defaults to `settings.taskgroup.helperModule` (see ruleSettings).
  defaultOptions: [{ allow: [] }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const types = signalTypes(context);
    const allow = new Set(options.allow ?? []);
    const settings = ruleSettings(context, {
      helperModule: options.helperModule,
      everywhere: options.everywhere,
      backgroundFunctions: options.backgroundFunctions,
      backgroundDecorators: options.backgroundDecorators,
      crossModuleDepth: options.crossModuleDepth,
    });
    /** What background work in other modules reaches in this file: looked up on the first site that floats. */
    let farCache: { lookup: FarLookup | undefined } | undefined;
    const farLookup = () => (farCache ??= { lookup: farLookupOf(context, settings) }).lookup;
    let scope: FloatingScope | undefined;
    /** The recommended scope (server code), built on the first site that floats. */
    const inScope = (site: FloatingPromiseSite): boolean => {
      if (!scope) {
        const farContext = farLookup();
        scope = floatingScopeOf(backgroundAnalysisOf(sourceCode, farContext ? { ...settings, farContext } : settings), settings);
      }
      return scope.reports(site);
    };

    function floats(site: FloatingPromiseSite): boolean {
      const index = programIndexOf(sourceCode);
      const calleeName = isCall(site.call) ? dottedName(site.call.callee) : undefined;
      if (calleeName !== undefined && allow.has(calleeName)) return false;
      // Cheap AST checks first (the analysis' own verdict, the one the codemod uses): spawns and
      // calls given a signal are fine whatever their type; only an `unknown` needs types.
      const verdict = judgeFloatingSite(site, index, {}, farLookup);
      if (verdict === 'owned') return false;
      if (verdict === 'unknown') {
        if (!types || isSurelyNotPromiseCall(site.call, index)) return false;
        const callee = isCall(site.call) ? unwrap(site.call.callee) : undefined;
        if (isMember(callee) && memberPropertyName(callee) === 'spawn' && types.isTaskGroup(callee.object)) return false;
        if (!types.returnsThenable(site.call)) return false;
      }
      // Then what only types show: an argument typed AbortSignal, a spread that carries one.
      return !(types && receivesSignal(site.call, types));
    }

    function nameOf(call: Node): string {
      const api = findSignalApi(call, programIndexOf(sourceCode));
      if (api) return api.label;
      const text = isCall(call) ? `${sourceCode.getText(call.callee)}()` : sourceCode.getText(call);
      return codeLabel(text);
    }

    // Statements and the file's async function names are gathered during the traversal and
    // judged at the end (functions are hoisted); without types, most statements are ruled out
    // by syntax alone and the file's analysis index is never built.
    const statements: (TSESTree.ExpressionStatement | TSESTree.ArrowFunctionExpression)[] = [];
    const declarators: TSESTree.VariableDeclarator[] = [];
    const asyncNames = new Set<string>();
    return {
      ExpressionStatement(node) {
        statements.push(node);
      },
      // `() => void fetch(u)`, `setInterval(() => this.flush())`: see floatingSitesOf.
      'ArrowFunctionExpression[expression=true]'(node: TSESTree.ArrowFunctionExpression) {
        statements.push(node);
      },
      // `const p = fetch(x); p.then(…);`: see heldPromiseSite (needs scopes: only for call initialisers).
      'VariableDeclarator[init.type=/^(CallExpression|TaggedTemplateExpression)$/][id.type="Identifier"]'(node: TSESTree.VariableDeclarator) {
        declarators.push(node);
      },
      ':function[async=true]'(node: TSESTree.FunctionLike) {
        const name = asyncFunctionName(node);
        if (name !== undefined) asyncNames.add(name);
      },
      'Program:exit'() {
        // Imported callees are resolved through the project index only: without one, no need to look.
        const imports = crossModuleApplies(context.physicalFilename, settings) ? importedNames(sourceCode.ast) : undefined;
        const hints: FileHints = { asyncNames, mentionsSignalApiModule: mentionsSignalApiModule(sourceCode.text), ...(imports ? { importedNames: imports } : {}) };
        const held = declarators.length > 0 && /\.(then|catch|finally)\b/.test(sourceCode.text) ? declarators.flatMap((node) => heldPromiseSite(node, programIndexOf(sourceCode)) ?? []) : [];
        for (const site of [...statements.flatMap(floatingSitesOf), ...held]) {
          if (!types && !mayBeKnownPromiseSite(site, hints)) continue;
          if (!floats(site) || !inScope(site)) continue;
          const plan = planFloatingRewrite(planFileOf(context, settings.helperModule), site);
          const far = farContextAt(site.call, farLookup());
          const callee = isCall(site.call) ? site.call.callee : undefined;
          context.report({
            node: site.call,
            messageId: site.callback ? (far ? 'droppedCallbacksReached' : 'droppedCallbacks') : far ? 'floatingReached' : 'floating',
            data: { name: site.callback && callee ? sourceCode.getText(callee) : nameOf(site.call), context: far?.label ?? '' },
            suggest: [{ messageId: 'spawnInBackground', data: { change: plan.description }, fix: fixOf(sourceCode.text, plan.edits) }],
          });
        }
      },
    };
  },
});
