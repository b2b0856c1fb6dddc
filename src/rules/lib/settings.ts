import type { TSESLint } from '@typescript-eslint/utils';
import type { JSONSchema4ObjectSchema } from '@typescript-eslint/utils/json-schema';
import { DEFAULT_HELPER_MODULE, readSettings, type TaskGroupSettings, withOverrides } from '../../analysis/settings';

/**
 * The shared options' schemas, written once (as typescript-eslint's `readonlynessOptionsSchema`):
 * each rule that takes one of `settings.taskgroup`'s names as an option (an override) uses these.
 */
export const SHARED_OPTION_SCHEMAS = {
  helperModule: {
    type: 'string',
    minLength: 1,
    description: 'Module the suggestion imports the runtime from (a vendored copy, a re-export); overrides `settings.taskgroup.helperModule`.',
  },
  backgroundFunctions: {
    type: 'array',
    description: 'Dotted callee names whose function arguments run in the background, e.g. `jobs.enqueue`; overrides `settings.taskgroup.backgroundFunctions`.',
    items: { type: 'string', minLength: 1 },
    uniqueItems: true,
  },
  backgroundDecorators: {
    type: 'array',
    description: 'Decorator names that make a method a background handler, e.g. `Job` or `queue.Job`; overrides `settings.taskgroup.backgroundDecorators`.',
    items: { type: 'string', minLength: 1 },
    uniqueItems: true,
  },
  everywhere: {
    type: 'boolean',
    description: 'Report in every function, not only in background handlers; overrides `settings.taskgroup.everywhere`.',
  },
  crossModuleDepth: {
    type: 'integer',
    minimum: 0,
    description:
      'Module boundaries a chain from a background handler may cross for what it reaches in other modules to be reported (0: each file alone; default 4); overrides `settings.taskgroup.crossModuleDepth`.',
  },
} satisfies JSONSchema4ObjectSchema['properties'];

/** The `allow` option's schema: dotted callee names a rule leaves alone. */
export function allowSchema(description: string) {
  return { type: 'array', items: { type: 'string' }, uniqueItems: true, description } as const;
}

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** The shared settings for a rule: `settings.taskgroup`, with the rule's own options over them. */
export function ruleSettings(context: Context, options: TaskGroupSettings): TaskGroupSettings & { helperModule: string } {
  const merged = withOverrides(readSettings(context.settings as Record<string, unknown>), options);
  return { ...merged, helperModule: merged.helperModule ?? DEFAULT_HELPER_MODULE };
}
