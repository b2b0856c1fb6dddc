import type { TSESTree } from '@typescript-eslint/utils';
import { type CombinatorOptions, combinatorSiteAt } from '../analysis/combinator-sites';
import { type Combinator, COMBINATORS, combinatorShape } from '../analysis/combinators';
import { planCombinatorRewrite } from '../analysis/rewrite/combinator-plan';
import { createRule } from '../util/create-rule';
import { farLookupOf } from './lib/cross-module';
import { fixOf } from './lib/fix';
import { backgroundAnalysisOf, planFileOf } from './lib/program-index';
import { isUserDefinedPromise } from './lib/promise-type';
import { ruleSettings, SHARED_OPTION_SCHEMAS } from './lib/settings';

export type Options = [
  {
    everywhere?: boolean;
    combinators?: Combinator[];
    backgroundFunctions?: string[];
    backgroundDecorators?: string[];
    helperModule?: string;
    crossModuleDepth?: number;
  },
];
export type MessageId = 'inBackground' | 'reachedFrom' | 'unscoped' | 'useTaskGroup';

/** What goes wrong with each combinator when nothing owns its promises. */
const CONSEQUENCES: Record<Combinator, string> = {
  all: 'if one task fails the others keep running',
  allSettled: 'it never cancels anything and has no deadline',
  race: 'the losers keep running after the first one settles',
  any: 'the losers keep running after the first one fulfils',
};

export default createRule<Options, MessageId>({
  name: 'no-unscoped-promise-combinator',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow `Promise.all`/`allSettled`/`race`/`any` in background handlers, where nothing cancels or awaits the tasks left behind',
      recommended: 'error',
      strict: 'error',
      strictOptions: { everywhere: true },
    },
    hasSuggestions: true,
    messages: {
      inBackground: '`Promise.{{combinator}}` in {{context}}: {{consequence}}.',
      reachedFrom: '`Promise.{{combinator}}` {{context}}: {{consequence}}.',
      unscoped: '`Promise.{{combinator}}` outside a TaskGroup: {{consequence}}.',
      useTaskGroup: '{{change}}',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          everywhere: SHARED_OPTION_SCHEMAS.everywhere,
          combinators: {
            type: 'array',
            description: 'The combinators to report.',
            items: { type: 'string', enum: [...COMBINATORS] },
            uniqueItems: true,
          },
          backgroundFunctions: SHARED_OPTION_SCHEMAS.backgroundFunctions,
          backgroundDecorators: SHARED_OPTION_SCHEMAS.backgroundDecorators,
          helperModule: SHARED_OPTION_SCHEMAS.helperModule,
          crossModuleDepth: SHARED_OPTION_SCHEMAS.crossModuleDepth,
        },
      },
    ],
  },
  // The shared options default to `settings.taskgroup` (see ruleSettings), so they have no default here.
  defaultOptions: [{ combinators: [...COMBINATORS] }],
  create(context, [options]) {
    const settings = ruleSettings(context, options);
    const analysisOptions: CombinatorOptions = { ...settings, combinators: options.combinators ?? COMBINATORS };
    const wanted = new Set(analysisOptions.combinators);
    const candidates: TSESTree.CallExpression[] = [];
    return {
      // Cheap syntactic check on every call; the analysis runs only for files that have a candidate.
      CallExpression(node) {
        const shape = combinatorShape(node);
        if (shape && wanted.has(shape.combinator)) candidates.push(node);
      },
      'Program:exit'() {
        if (candidates.length === 0) return;
        // Not `getParserServices`: it throws for parsers without services (espree); type information is optional here.
        const services = context.sourceCode.parserServices;
        const farContext = farLookupOf(context, settings);
        const analysis = backgroundAnalysisOf(context.sourceCode, farContext ? { ...analysisOptions, farContext } : analysisOptions);
        for (const call of candidates) {
          const site = combinatorSiteAt(analysis, call, analysisOptions);
          if (!site || isUserDefinedPromise(services, site.callee)) continue;
          const plan = planCombinatorRewrite(planFileOf(context, settings.helperModule), site);
          const data = { combinator: site.combinator, consequence: CONSEQUENCES[site.combinator] };
          context.report({
            node: site.callee,
            messageId: site.context?.kind === 'cross-module' ? 'reachedFrom' : site.context ? 'inBackground' : 'unscoped',
            data: { ...data, context: site.context?.label ?? '' },
            // Promises started before the join: no rewrite would change what runs (see planCombinatorRewrite).
            suggest: plan.edits.length > 0 ? [{ messageId: 'useTaskGroup', data: { change: plan.description }, fix: fixOf(context.sourceCode.text, plan.edits) }] : [],
          });
        }
      },
    };
  },
});
