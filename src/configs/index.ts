import type { TSESLint } from '@typescript-eslint/utils';
import type { TaskGroupRule } from '../rules';

/** The prefix users write before rule names: `taskgroup/no-unscoped-promise-combinator`. */
export const PLUGIN_PREFIX = 'taskgroup';

export type ConfigName = 'recommended' | 'strict';
type RuleEntries = Record<string, TSESLint.Linter.RuleEntry>;

/**
 * Rule settings of a config, read from each rule's `meta.docs`: `recommended` gives the
 * severity in `recommended`; `strict` (defaulting to it) the severity in `strict`, with
 * `strictOptions` when the strict config asks more of the rule.
 */
export function ruleEntries(rules: Record<string, TaskGroupRule>, config: ConfigName): RuleEntries {
  const entries: RuleEntries = {};
  for (const [name, rule] of Object.entries(rules).sort(([a], [b]) => a.localeCompare(b))) {
    const docs = rule.meta.docs;
    const severity = config === 'recommended' ? docs?.recommended : (docs?.strict ?? docs?.recommended);
    if (!severity) continue;
    const options = config === 'strict' ? docs?.strictOptions : undefined;
    entries[`${PLUGIN_PREFIX}/${name}`] = options ? [severity, options] : severity;
  }
  return entries;
}

export interface Configs {
  recommended: TSESLint.FlatConfig.Config;
  strict: TSESLint.FlatConfig.Config;
  'legacy-recommended': TSESLint.ClassicConfig.Config;
  'legacy-strict': TSESLint.ClassicConfig.Config;
}

/** Flat configs (ESLint 9/10) and eslintrc configs (ESLint 9 with `ESLINT_USE_FLAT_CONFIG=false`). */
export function createConfigs(plugin: TSESLint.FlatConfig.Plugin, rules: Record<string, TaskGroupRule>): Configs {
  const flat = (config: ConfigName): TSESLint.FlatConfig.Config => ({
    name: `${PLUGIN_PREFIX}/${config}`,
    plugins: { [PLUGIN_PREFIX]: plugin },
    rules: ruleEntries(rules, config),
  });
  const legacy = (config: ConfigName): TSESLint.ClassicConfig.Config => ({
    plugins: [PLUGIN_PREFIX],
    rules: ruleEntries(rules, config),
  });
  return {
    recommended: flat('recommended'),
    strict: flat('strict'),
    'legacy-recommended': legacy('recommended'),
    'legacy-strict': legacy('strict'),
  };
}
