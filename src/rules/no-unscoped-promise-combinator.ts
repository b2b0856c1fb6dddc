import type { TSESTree } from '@typescript-eslint/utils';
import type { AnyNode } from '../analysis/ast';
import { analyzeProgram, type ProgramAnalysis } from '../analysis/background';
import { type CombinatorOptions, combinatorSiteAt } from '../analysis/combinator-sites';
import { type Combinator, COMBINATORS, combinatorShape } from '../analysis/combinators';
import { createRule } from '../util/create-rule';
import { planImport } from './lib/import-fixer';
import { programIndexOf } from './lib/program-index';
import { TASK_GROUP_MODULE } from './lib/task-group-module';
import { isUserDefinedPromise } from './lib/promise-type';

export type Options = [
  {
    everywhere?: boolean;
    combinators?: Combinator[];
    backgroundFunctions?: string[];
    backgroundDecorators?: string[];
  },
];
export type MessageId = 'inBackground' | 'unscoped' | 'useTaskGroup';

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
      unscoped: '`Promise.{{combinator}}` outside a TaskGroup: {{consequence}}.',
      useTaskGroup: "Replace with `TaskGroup.{{combinator}}` from '{{module}}' (cancels and joins every task).",
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          everywhere: {
            type: 'boolean',
            description: 'Report the combinators in every function, not only in background handlers.',
          },
          combinators: {
            type: 'array',
            description: 'The combinators to report.',
            items: { type: 'string', enum: [...COMBINATORS] },
            uniqueItems: true,
          },
          backgroundFunctions: {
            type: 'array',
            description: 'Dotted callee names whose function arguments run in the background, e.g. `jobs.enqueue`.',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
          },
          backgroundDecorators: {
            type: 'array',
            description: 'Decorator names that make a method a background handler, e.g. `Job` or `queue.Job`.',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
          },
        },
      },
    ],
  },
  defaultOptions: [{ everywhere: false, combinators: [...COMBINATORS], backgroundFunctions: [], backgroundDecorators: [] }],
  create(context, [options]) {
    const analysisOptions: CombinatorOptions = options;
    const wanted = new Set(options.combinators ?? COMBINATORS);
    const candidates: TSESTree.CallExpression[] = [];
    return {
      // Cheap syntactic check on every call; the analysis runs only for files that have a candidate.
      CallExpression(node) {
        const shape = combinatorShape(node as unknown as AnyNode);
        if (shape && wanted.has(shape.combinator)) candidates.push(node);
      },
      'Program:exit'() {
        if (candidates.length === 0) return;
        // Not `getParserServices`: it throws for parsers without services (espree); type information is optional here.
        const services = context.sourceCode.parserServices;
        let analysis: ProgramAnalysis | undefined;
        for (const call of candidates) {
          analysis ??= analyzeProgram(programIndexOf(context.sourceCode), analysisOptions);
          const site = combinatorSiteAt(analysis, call as unknown as AnyNode, analysisOptions);
          if (!site || isUserDefinedPromise(services, site.callee as unknown as TSESTree.MemberExpression)) continue;
          const callee = site.callee as unknown as TSESTree.MemberExpression;
          const plan = planImport(context.sourceCode, callee, { source: TASK_GROUP_MODULE, name: 'TaskGroup' });
          const data = { combinator: site.combinator, consequence: CONSEQUENCES[site.combinator] };
          context.report({
            node: callee,
            messageId: site.context ? 'inBackground' : 'unscoped',
            data: { ...data, context: site.context?.label ?? '' },
            suggest: plan
              ? [
                  {
                    messageId: 'useTaskGroup',
                    data: { combinator: site.combinator, module: TASK_GROUP_MODULE },
                    fix: (fixer) => [fixer.replaceText(callee, `${plan.local}.${site.combinator}`), ...plan.fix(fixer)],
                  },
                ]
              : [],
          });
        }
      },
    };
  },
});
