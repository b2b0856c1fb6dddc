import type { Configs } from './configs';
import type { rules } from './rules';

/** The plugin object: `{ meta, rules, configs }`. */
export interface TaskGroupPlugin {
  meta: { name: string; version: string };
  rules: typeof rules;
  configs: Configs;
}
