import type { TSESLint } from '@typescript-eslint/utils';
import { name, version } from '../package.json';
import { type Configs, createConfigs } from './configs';
import { rules } from './rules';

export interface TaskGroupPlugin {
  meta: { name: string; version: string };
  rules: typeof rules;
  configs: Configs;
}

const plugin: TaskGroupPlugin = {
  meta: { name, version },
  rules,
  configs: {} as Configs,
};
plugin.configs = createConfigs(plugin as unknown as TSESLint.FlatConfig.Plugin, rules);

export default plugin;
